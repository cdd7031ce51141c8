"""Benchmark deduplication on the labelled sets, beside bib-dedupe, and at scale.

For every set in ``$KG_SHARED/data/dedup`` it prints, for kg and for
bib-dedupe (PyPI) run on the same records in the same run: pairwise
precision, recall and F1; false merges (predicted clusters that join
distinct gold works, and how many works they join); record-level
sensitivity and specificity (the first record of each predicted cluster is
kept); wall time and peak memory (each tool runs in its own process); and the
speed ratio.  Then a scale run on synthetic libraries of 100,000 and
1,000,000 records built from the real sets (their titles' words, authors and
journals) with known duplicates made by perturbation; the scale table also
gives the CSV reader's share of the time and its peak memory (the peak at
the end of reading, before deduplication starts).

Run: ``KG_SHARED=../shared python bench/dedup.py [--sets cora ...] [--no-peer] [--link-versions]
[--peer-python VENV/bin/python] [--scale 100000 1000000]`` (``--scale`` with no number skips the
scale run; ``--link-versions`` adds a labelled line for kg with the reviewer's option to merge
versions; ``--peer-python`` runs bib-dedupe from another environment).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_ours(path: str, link_versions: bool = False) -> dict:
    from kg.dedup import deduplicate
    from kg.ingest.references.csvtable import read_csv

    start = time.perf_counter()
    refs, _problems = read_csv(path)
    read_seconds, read_peak = time.perf_counter() - start, _peak_mb()
    result = deduplicate(refs, link_versions=link_versions)
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb(), "read_seconds": read_seconds,
            "read_peak_mb": read_peak, "clusters": [list(c) for c in result.clusters]}


def worker_peer(path: str) -> dict:
    import pandas as pd
    from bib_dedupe.bib_dedupe import block, cluster, match, prep

    frame = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=["cluster_id"])
    frame = frame.rename(columns={"record_id": "ID", "entry_type": "ENTRYTYPE", "issue": "number"})
    if "ENTRYTYPE" not in frame:
        frame["ENTRYTYPE"] = "article"
    frame["ENTRYTYPE"] = frame["ENTRYTYPE"].replace("", "article")
    start = time.perf_counter()
    matched = match(block(prep(frame, verbosity_level=0, cpu=1), verbosity_level=0, cpu=1),
                    verbosity_level=0, cpu=1)
    groups = cluster(matched, verbosity_level=0)
    seconds = time.perf_counter() - start
    grouped = {i for g in groups for i in g}
    clusters = [list(g) for g in groups] + [[i] for i in frame["ID"] if i not in grouped]
    return {"seconds": seconds, "peak_mb": _peak_mb(), "clusters": clusters}


def run_worker(kind: str, path: Path, timeout: float, python: str = sys.executable) -> dict | None:
    try:
        out = subprocess.run([python, __file__, "--worker", kind, str(path)], capture_output=True,
                             text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    except subprocess.CalledProcessError as err:
        return {"error": (err.stderr.strip().splitlines() or ["failed"])[-1][:120]}
    return json.loads(out.stdout.splitlines()[-1])


def pairs_of(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {p for g in groups for p in itertools.combinations(sorted(g), 2)}


def score(clusters: list[list[str]], gold: dict[str, str], order: dict[str, int]) -> dict:
    gold_groups: dict[str, list[str]] = defaultdict(list)
    for rid, cid in gold.items():
        gold_groups[cid].append(rid)
    predicted, expected = pairs_of(clusters), pairs_of(list(gold_groups.values()))
    tp = len(predicted & expected)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(expected) if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    false_merges = [len({gold[r] for r in c}) for c in clusters if len({gold[r] for r in c}) > 1]
    kept = {min(c, key=lambda r: order[r]) for c in clusters}
    removable = sum(len(g) - 1 for g in gold_groups.values())
    removed_dups = 0
    retained = 0
    for members in gold_groups.values():
        k = sum(1 for r in members if r in kept)
        retained += k >= 1
        removed_dups += len(members) - max(k, 1)
    return {"precision": precision, "recall": recall, "f1": f1, "false_merge_clusters": len(false_merges),
            "works_joined": sum(false_merges) - len(false_merges),
            "sensitivity": removed_dups / removable if removable else 1.0,
            "specificity": retained / len(gold_groups)}


def labelled(args: argparse.Namespace, base: Path) -> None:
    print(f"{'set':26} {'tool':11} {'P':>6} {'R':>6} {'F1':>6} {'false':>5} {'sens':>6} {'spec':>6} "
          f"{'time':>8} {'peak':>8}  speed-up")
    for folder in sorted(p for p in base.iterdir() if (p / "records.csv").is_file()):
        if args.sets and folder.name not in args.sets:
            continue
        path = folder / "records.csv"
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        gold = {r["record_id"]: r["cluster_id"] for r in rows}
        order = {r["record_id"]: i for i, r in enumerate(rows)}
        results = {"kg": run_worker("ours", path, 600)}
        if args.link_versions:
            # The reviewer's option, not the default: versions (a preprint and its
            # article, a record a year apart) merged as well.
            results["kg+versions"] = run_worker("ours-versions", path, 600)
        if not args.no_peer:
            if not args.peer_python and importlib.util.find_spec("bib_dedupe") is None:
                results["bib-dedupe"] = {"error": "peer not installed (pip install bib-dedupe, or --peer-python); "
                                                  "kg figures only"}
            else:
                results["bib-dedupe"] = run_worker("peer", path, args.peer_timeout,
                                                   args.peer_python or sys.executable)
        ours_time = results["kg"].get("seconds") if results["kg"] else None
        for tool, result in results.items():
            if result is None or "error" in result:
                reason = (result or {}).get("error", "peer not installed")
                print(f"{folder.name:26} {tool:11} {reason}")
                continue
            s = score(result["clusters"], gold, order)
            ratio = f"{result['seconds'] / ours_time:.1f}x" if tool == "bib-dedupe" and ours_time else ""
            print(f"{folder.name:26} {tool:11} {s['precision']:6.4f} {s['recall']:6.4f} {s['f1']:6.4f} "
                  f"{s['false_merge_clusters']:5d} {s['sensitivity']:6.4f} {s['specificity']:6.4f} "
                  f"{result['seconds']:7.2f}s {result['peak_mb']:6.0f}MB  {ratio}")
    print("false = predicted clusters joining distinct gold works; speed-up = bib-dedupe time / kg time")
    if args.link_versions:
        print("kg+versions = kg with --link-versions (the reviewer's option to merge versions; not the default)")


def synthetic(n: int, base: Path, out: Path, seed: int = 11) -> int:
    """Write ``n`` records built from the real sets, with known duplicates; return the work count."""
    rng = random.Random(seed)
    words, surnames, journals = set(), set(), set()
    for path in base.glob("*/records.csv"):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                words.update(w for w in row["title"].split() if w.isalpha() and len(w) > 3)
                surnames.update(p.split(",")[0].strip() for p in row["author"].split(" and ") if p.strip())
                if row["journal"]:
                    journals.add(row["journal"])
    words_l, surnames_l, journals_l = sorted(words), sorted(surnames), sorted(journals)
    written = works = 0
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "cluster_id", "author", "title", "year", "journal", "volume", "issue",
                         "pages", "doi", "raw"])
        while written < n:
            works += 1
            title = " ".join(rng.choice(words_l) for _ in range(rng.randint(6, 14)))
            authors = [rng.choice(surnames_l) for _ in range(rng.randint(1, 6))]
            year, journal = rng.randint(1980, 2024), rng.choice(journals_l)
            volume, first = rng.randint(1, 300), rng.randint(1, 3000)
            pages = f"{first}-{first + rng.randint(2, 30)}"
            doi = f"10.{rng.randint(1000, 9999)}/syn.{works}" if rng.random() < 0.6 else ""
            copies = 1 + (rng.randint(1, 3) if rng.random() < 0.3 else 0)
            for copy in range(copies):
                if written >= n:
                    break
                t, a, p, d, j = title, [f"{s}, {rng.choice('ABCDEFGHJKLMNPRSTW')}." for s in authors], pages, doi, journal
                if copy:
                    if rng.random() < 0.5:
                        t = t.upper() if rng.random() < 0.3 else t.rstrip() + "."
                    if rng.random() < 0.4:
                        d = ""
                    if rng.random() < 0.3:
                        d = "https://doi.org/" + doi if doi else ""
                    if rng.random() < 0.3:
                        p = f"{first}-{str(first + 5)[-1]}"
                    if rng.random() < 0.3:
                        j = " ".join(w[:4] for w in journal.split())
                written += 1
                writer.writerow([f"r{written}", f"w{works}", " and ".join(a), t, year, j, volume, "", p, d, ""])
    return works


def scale(args: argparse.Namespace, base: Path) -> None:
    import tempfile

    print(f"\n{'records':>9} {'works':>9} {'time':>9} {'peak':>9} {'records/s':>10} {'P':>7} {'R':>7} {'false':>6}"
          f" {'read':>8} {'read peak':>10}  (kg; {os.cpu_count()} cores; read = the CSV reader's share)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.scale:
            path = Path(tmp) / f"synthetic-{n}.csv"
            works = synthetic(n, base, path)
            result = run_worker("ours", path, 3600)
            if not result or "error" in result:
                print(f"{n:>9} {works:>9} {(result or {}).get('error', 'failed')}")
                continue
            with path.open(encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            gold = {r["record_id"]: r["cluster_id"] for r in rows}
            s = score(result["clusters"], gold, {r["record_id"]: i for i, r in enumerate(rows)})
            print(f"{n:>9} {works:>9} {result['seconds']:8.1f}s {result['peak_mb']:7.0f}MB {n / result['seconds']:10.0f} "
                  f"{s['precision']:7.4f} {s['recall']:7.4f} {s['false_merge_clusters']:6d} "
                  f"{result['read_seconds']:7.1f}s {result['read_peak_mb']:8.0f}MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="*", default=[])
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--link-versions", action="store_true",
                        help="also report kg with --link-versions, as an extra, labelled line")
    parser.add_argument("--peer-timeout", type=float, default=900)
    parser.add_argument("--peer-python", default="",
                        help="the interpreter with bib-dedupe installed (a separate venv keeps its pandas apart)")
    parser.add_argument("--scale", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "CSV"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, path = args.worker
        if kind == "peer":
            print(json.dumps(worker_peer(path)))
        else:
            print(json.dumps(worker_ours(path, link_versions=kind == "ours-versions")))
        return
    shared = os.environ.get("KG_SHARED")
    if not shared:
        sys.exit("KG_SHARED is not set: point it at the shared/ folder with data/dedup")
    base = Path(shared) / "data" / "dedup"
    labelled(args, base)
    if args.scale:
        scale(args, base)


if __name__ == "__main__":
    main()
