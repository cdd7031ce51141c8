"""Retrain the reference CRF from AnyStyle-tagged JSONL sets.

Run: ``KG_SHARED=../shared python -m kg.ingest.references.train [--sets core good bad] [--out PATH]``.
The ``gold`` set is held back for ``bench/refparse.py``: it is never trained
on, and training references whose text is also in ``gold`` (AnyStyle's sets
share some strings) are dropped so that the held-back figure stays unseen.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kg.ingest.references.crf import MODEL_PATH, features, labelled_words


def _records(path: Path) -> list[dict[str, object]]:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}:{number}: not a JSON object ({err.msg}); fix or remove the line") from err
        if not isinstance(record, dict) or not isinstance(record.get("spans"), list):
            raise ValueError(f"{path}:{number}: expected an object with a 'spans' list of [label, text] pairs")
        records.append(record)
    return records


def train(files: list[Path], out: Path, iterations: int = 150, held_back: list[Path] | None = None) -> int:
    """Train a CRF on the tagged references in ``files`` and write it to ``out``.

    Args:
        files: AnyStyle-tagged JSONL sets to train on.
        out: where to write the model.
        iterations: the trainer's iteration limit.
        held_back: sets kept for evaluation; training references with the
            same text as one of theirs are left out.

    Returns:
        The number of references trained on.
    """
    import pycrfsuite

    unseen = {str(r.get("raw", "")) for path in held_back or [] for r in _records(path)}
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for path in files:
        for record in _records(path):
            if str(record.get("raw", "")) in unseen:
                continue
            words, labels = labelled_words(record["spans"])  # type: ignore[arg-type]
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
    parser.add_argument("--held-back", nargs="*", default=["gold"], help="sets whose strings are never trained on")
    args = parser.parse_args(argv)
    shared = os.environ.get("KG_SHARED")
    if not shared:
        parser.error("set KG_SHARED to the shared folder holding data/refparse")
    files = [Path(shared) / "data" / "refparse" / f"anystyle_{s}.jsonl" for s in args.sets]
    held = [Path(shared) / "data" / "refparse" / f"anystyle_{s}.jsonl" for s in args.held_back]
    n = train(files, args.out, args.iterations, held)
    sys.stderr.write(f"trained on {n} references -> {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
