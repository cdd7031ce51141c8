"""Retrain the reference CRF from AnyStyle-tagged JSONL sets.

Run: ``KG_SHARED=../shared python -m kg.ingest.references.train [--sets core good bad] [--out PATH]``.
The ``gold`` set is held back for ``bench/refparse.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kg.ingest.references.crf import MODEL_PATH, features, labelled_words


def train(files: list[Path], out: Path, iterations: int = 150) -> int:
    """Train a CRF on the tagged references in ``files`` and write it to ``out``.

    Returns:
        The number of references trained on.
    """
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            words, labels = labelled_words(json.loads(line)["spans"])
            if words:
                trainer.append(features(words), labels)
                n += 1
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": iterations, "feature.possible_transitions": True})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return n


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Retrain kg's reference CRF")
    parser.add_argument("--sets", nargs="+", default=["core", "good", "bad"])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--iterations", type=int, default=150)
    args = parser.parse_args(argv)
    shared = os.environ.get("KG_SHARED")
    if not shared:
        parser.error("set KG_SHARED to the shared folder holding data/refparse")
    files = [Path(shared) / "data" / "refparse" / f"anystyle_{s}.jsonl" for s in args.sets]
    n = train(files, args.out, args.iterations)
    sys.stderr.write(f"trained on {n} references -> {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
