"""Retrain the reference CRF from AnyStyle-tagged JSONL sets.

Run: ``KG_SHARED=../shared python -m kg.ingest.references.train [--sets core good bad] [--generated N] [--out PATH]``.

Besides the tagged sets, the CRF trains on ``--generated`` references (3,000
by default, seeded, so a retrain is reproducible) printed by
:mod:`kg.ingest.references.styles` in the six supported styles, with
titles, journals, books, publishers, places and names drawn from the
training sets' own spans; the style formatters label every word they print.
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

import random
import re

from kg.ingest.references import styles
from kg.ingest.references.crf import MODEL_PATH, features, labelled_words
from kg.ingest.references.names import split_names
from kg.model import Person, Reference


#: L1 and L2 regularisation of the CRF; with 300 iterations (chosen on
#: ``core`` held out from a model trained on ``good`` and ``bad``: 0.1/0.05
#: and 150 iterations were no better).
C1, C2 = 0.05, 0.01


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


_MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _span_pool(records: list[dict[str, object]], labels: tuple[str, ...]) -> list[str]:
    pool = []
    for record in records:
        for label, text in record["spans"]:  # type: ignore[attr-defined]
            if label in labels:
                value = re.sub(r"\s+", " ", str(text)).strip(" .,;:()[]\"“”‘’«»")
                if 2 < len(value) < 160 and not re.search(r"https?:|\d{4}|[<>{}\\]", value):
                    pool.append(value)
    return sorted(set(pool))


def _name_pool(records: list[dict[str, object]]) -> list[Person]:
    names = set()
    for record in records:
        for label, text in record["spans"]:  # type: ignore[attr-defined]
            if label == "author":
                people, _ = split_names(str(text))
                for p in people:
                    if re.fullmatch(r"[A-ZÀ-Þ][\w'’-]+", p.family) and p.given and len(p.given) < 30:
                        names.add((p.family, p.given, p.particle))
    return [Person(f, g, particle) for f, g, particle in sorted(names)]


def generated_references(records: list[dict[str, object]], n: int, seed: int = 13) -> list[list[tuple[str, str]]]:
    """``n`` references printed in the six styles, each word labelled with its field.

    Args:
        records: tagged training references whose spans supply the titles,
            journals, books, publishers, places and names.
        n: how many to print.
        seed: the random seed (the same seed gives the same references).

    Returns:
        Lists of (word, label) pairs.
    """
    rng = random.Random(seed)
    titles = _span_pool(records, ("title",))
    journals = _span_pool(records, ("journal",))
    books = _span_pool(records, ("container-title",)) or titles
    publishers = _span_pool(records, ("publisher",))
    places = _span_pool(records, ("location",))
    names = _name_pool(records)
    if not (titles and journals and publishers and places and names):
        raise ValueError("the training sets hold too few spans to print references from")
    style_names = sorted(styles.STYLES)
    out = []
    for k in range(n):
        style = style_names[k % len(style_names)]
        kind = rng.choices(["article-journal", "book", "chapter"], [6, 2, 2])[0]
        count = min(1 + int(rng.expovariate(0.45)), 12)
        start = rng.randint(1, 2500)
        pages = f"{start}-{start + rng.randint(1, 40)}" if rng.random() < 0.9 else f"e{rng.randint(1000, 999999)}"
        people = [rng.choice(names) for _ in range(count)]
        if rng.random() < 0.1:
            # Compound given names ("Marie-Claire", "M.-C.") are rare in the tagged sets.
            a, b = rng.choice(names).given.split()[0], rng.choice(names).given.split()[0]
            who = rng.randrange(count)
            people[who] = Person(people[who].family, f"{a.rstrip('.')}-{b}", people[who].particle)
        ref = Reference(
            id=str(k),
            type=kind,
            authors=tuple(people),
            et_al=rng.random() < 0.03,
            editors=tuple(rng.choice(names) for _ in range(rng.randint(1, 3))) if kind == "chapter" else (),
            year=rng.randint(1900, 2025),
            year_suffix=rng.choice("ab") if rng.random() < 0.03 else "",
            title=rng.choice(titles),
            container=rng.choice(journals) if kind == "article-journal" else (rng.choice(books) if kind == "chapter" else ""),
            volume=str(rng.randint(1, 400)) if kind == "article-journal" or rng.random() < 0.1 else "",
            issue=str(rng.randint(1, 12)) if kind == "article-journal" and rng.random() < 0.7 else "",
            pages=pages if kind != "book" else "",
            edition=str(rng.randint(2, 9)) if kind != "article-journal" and rng.random() < 0.15 else "",
            publisher=rng.choice(publishers) if kind != "article-journal" else "",
            place=rng.choice(places) if kind != "article-journal" and rng.random() < 0.8 else "",
            doi=f"10.{rng.randint(1000, 9999)}/{rng.randint(10000, 999999)}" if rng.random() < 0.3 else "",
        )
        words = styles.labelled_words(ref, style)
        if style == "vancouver" and kind == "article-journal" and rng.random() < 0.4:
            # NLM prints the month (and day) between the year and the volume: "2001 Nov 15;27(1):363-85."
            at = next((i for i, (w, label) in enumerate(words) if label == "volume" and w.startswith(str(ref.year))), None)
            if at is not None:
                rest = words[at][0][len(str(ref.year)):]
                month = rng.choice(_MONTH_NAMES)
                day = f" {rng.randint(1, 28)}" if rng.random() < 0.5 else ""
                extra = [(str(ref.year), "date")] + ([(month, "date")] if day else [])
                glued = f"{day.strip()}{rest}" if day else f"{month}{rest}"
                words[at:at + 1] = extra + [(glued, "volume")]
        if style == "vancouver" and rng.random() < 0.7:
            words.insert(0, (f"{rng.randint(1, 120)}.", "citation-number"))
        elif style == "ieee" and rng.random() < 0.8:
            words.insert(0, (f"[{rng.randint(1, 120)}]", "citation-number"))
        out.append(words)
    return out


def train(
    files: list[Path],
    out: Path,
    iterations: int = 300,
    held_back: list[Path] | None = None,
    generated: int = 0,
) -> int:
    """Train a CRF on the tagged references in ``files`` and write it to ``out``.

    Args:
        files: AnyStyle-tagged JSONL sets to train on.
        out: where to write the model.
        iterations: the trainer's iteration limit.
        held_back: sets kept for evaluation; training references with the
            same text as one of theirs are left out.
        generated: how many references printed in the six styles to add
            (see :func:`generated_references`).

    Returns:
        The number of references trained on.
    """
    import pycrfsuite  # type: ignore[import-untyped]

    unseen = {str(r.get("raw", "")) for path in held_back or [] for r in _records(path)}
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    kept = []
    for path in files:
        for record in _records(path):
            if str(record.get("raw", "")) in unseen:
                continue
            kept.append(record)
            words, labels = labelled_words(record["spans"])  # type: ignore[arg-type]
            if words:
                trainer.append(features(words), labels)
                n += 1
    for printed in generated_references(kept, generated) if generated else []:
        trainer.append(features([w for w, _ in printed]), [label for _, label in printed])
        n += 1
    trainer.set_params({"c1": C1, "c2": C2, "max_iterations": iterations, "feature.possible_transitions": True})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return n


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Retrain kg's reference CRF")
    parser.add_argument("--sets", nargs="+", default=["core", "good", "bad"])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--generated", type=int, default=3000, help="references printed in the six styles to add")
    parser.add_argument("--held-back", nargs="*", default=["gold"], help="sets whose strings are never trained on")
    args = parser.parse_args(argv)
    shared = os.environ.get("KG_SHARED")
    if not shared:
        parser.error("set KG_SHARED to the shared folder holding data/refparse")
    files = [Path(shared) / "data" / "refparse" / f"anystyle_{s}.jsonl" for s in args.sets]
    held = [Path(shared) / "data" / "refparse" / f"anystyle_{s}.jsonl" for s in args.held_back]
    n = train(files, args.out, args.iterations, held, args.generated)
    sys.stderr.write(f"trained on {n} references -> {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
