"""The ``kg dedup`` command."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import click

from kg.dedup import DedupResult, deduplicate, read_decisions
from kg.clitools import input_prefixes
from kg.errors import KgError
from kg.ingest.references import read_references
from kg.ingest.references.csvtable import read_csv
from kg.model import Problem, Reference, SourceLocation
from kg.output import write_atomic

FORMATS = ("json", "table", "bibtex", "ris", "csl-json")


def read_inputs(paths: tuple[Path, ...]) -> tuple[list[Reference], list[Problem]]:
    """Records of every input; with several inputs, ids are prefixed by the file (:func:`input_prefixes`).

    A file of which no record could be read is an error (it stays in the problems; the other files are read).
    """
    records: list[Reference] = []
    problems: list[Problem] = []
    for path, prefix in zip(paths, input_prefixes(paths)):
        try:
            if path.suffix.lower() == ".csv":
                refs, found = read_csv(path)
            else:
                listing = read_references(path)
                refs, found = list(listing.references), list(listing.problems)
        except KgError as err:  # an empty or unreadable file: reported, and the other files are still read
            # The location names the file (and the line, "r.csv:1: CSV header lacks ...").
            line = re.match(rf"{re.escape(str(path))}:(\d+): ", str(err))
            message = str(err).removeprefix(line.group(0) if line else f"{path}: ")
            where = SourceLocation(str(path), int(line.group(1)) if line else 0)
            problems.append(Problem("no-records", "error", message, where))
            continue
        if not refs:
            found.append(Problem("no-records", "error", "no record could be read from this file; check its "
                                 "form (CSV, BibTeX, RIS, CSL-JSON or a printed list)", SourceLocation(str(path))))
        if len(paths) > 1:
            refs = [replace(r, id=f"{prefix}:{r.id}") for r in refs]
        records.extend(refs)
        problems.extend(found)
    return records, problems


def _not_read(problems: list[Problem]) -> int:
    """Errors that lost input (an entry not read, an empty file); a broken CSV row is kept as read."""
    return sum(1 for p in problems if p.severity == "error" and p.kind != "broken-row")


def _summary(ref: Reference) -> dict[str, object]:
    return {"id": ref.id, "label": ref.label, "title": ref.title, "year": ref.year, "doi": ref.doi,
            "source": str(ref.source)}


def as_json(records: list[Reference], result: DedupResult, problems: list[Problem]) -> str:
    """The JSON report: records, works, clusters, decisions, related versions, problems."""
    doc = {
        "records": [_summary(r) for r in records],
        "works": [{"key": w.key, "members": list(w.members), **_summary(w.record)} for w in result.works],
        "clusters": [list(c) for c in result.clusters],
        "decisions": [{"left": d.left, "right": d.right, "same": d.same, "score": round(d.score, 4),
                       "reasons": list(d.reasons), "by": d.by} for d in result.decisions],
        "versions": [{"left": d.left, "right": d.right, "score": round(d.score, 4), "reasons": list(d.reasons)}
                     for d in result.versions],
        "problems": [{"kind": p.kind, "severity": p.severity, "message": p.message, "where": str(p.where or "")}
                     for p in [*problems, *result.problems]],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _where_printed(ref: Reference) -> str:
    """'Journal 19(8):943-945' from what the record has."""
    place = ref.container or ref.publisher
    if ref.volume:
        place += f" {ref.volume}" + (f"({ref.issue})" if ref.issue else "")
    if ref.pages:
        place += f":{ref.pages}"
    return place.strip()


def _review(result: DedupResult, records: list[Reference], fmt: str) -> str:
    """The uncertain pairs, best first, each with both records, so a reviewer can decide in place."""
    by_id = {r.id: r for r in records}

    def record(rid: str) -> dict[str, object]:
        return {**_summary(by_id[rid]), "printed": _where_printed(by_id[rid])}

    pairs = [(d, record(d.left), record(d.right)) for d in result.uncertain]
    if fmt == "json":
        rows = [{"left": d.left, "right": d.right, "score": round(d.score, 3), "reasons": list(d.reasons),
                 "left_record": left, "right_record": right} for d, left, right in pairs]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    lines = [f"{len(pairs)} uncertain pair(s); mark them in a decisions file (- {{left: A, right: B, decision: same}})"]
    for d, left, right in pairs:
        lines.append(f"{d.score:.3f}  {d.left}  ~  {d.right}  ({'; '.join(d.reasons)})")
        for side in (left, right):
            title = str(side["title"])
            title = title.strip(" .") if len(title) <= 80 else title[:79] + "…"
            parts = [str(side["label"]), title, str(side["printed"])]
            lines.append(f"       {side['id']}: " + " | ".join(p for p in parts if p))
    return "\n".join(lines) + "\n"


@click.command("dedup")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@click.option("--decisions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML list of {left, right, decision: same|different} a reviewer keeps.")
@click.option("--review", is_flag=True, help="List the uncertain pairs with their scores and reasons.")
@click.option("--link-versions", is_flag=True,
              help="Also merge related versions (a preprint and its article, a meeting abstract and the article).")
def dedup(inputs: tuple[Path, ...], fmt: str, output: Path | None, decisions: Path | None, review: bool,
          link_versions: bool) -> None:
    """Deduplicate the records of INPUT files (CSV, printed list; the form is detected).

    json gives records, works and clusters (lists of input ids, singletons
    included); bibtex, ris and csl-json write the deduplicated library.
    Exits 1, writing nothing, when no record could be read; exits 1 after
    writing when some entry could not be read (each is named on stderr).
    """
    try:
        records, problems = read_inputs(inputs)
        if not records:
            for problem in problems:
                click.echo(f"{problem.where}: {problem.message}", err=True)
            raise click.ClickException("no record could be read from the input(s); nothing written")
        verdicts: dict[frozenset[str], bool] = {}
        if decisions:
            prefixes = input_prefixes(inputs) if len(inputs) > 1 else []
            verdicts, found = read_decisions(decisions, [r.id for r in records], prefixes)
            problems.extend(found)
        result = deduplicate(records, verdicts, link_versions=link_versions)
        if review:
            text = _review(result, records, fmt)
        elif fmt == "json":
            text = as_json(records, result, problems)
        elif fmt == "table":
            lines = [f"{len(records)} records -> {len(result.works)} works"]
            lines += [f"{w.key:28} {', '.join(w.members)}" for w in result.works if len(w.members) > 1]
            text = "\n".join(lines) + "\n"
        else:
            from kg.ingest.references.export import to_bibtex, to_csl_json, to_ris

            writer = {"bibtex": to_bibtex, "ris": to_ris, "csl-json": to_csl_json}[fmt]
            text = writer([w.record for w in result.works])
        if output:
            write_atomic(output, text)
        else:
            click.echo(text, nl=False)
    except KgError as err:
        raise click.ClickException(str(err)) from err
    for problem in [*problems, *result.problems]:
        if problem.severity != "info" or problem.kind == "incomplete-record":
            click.echo(f"{problem.where}: {problem.message}", err=True)
    broken = sum(1 for p in problems if p.kind == "broken-row")
    not_read = _not_read(problems)
    incomplete = sum(1 for p in result.problems if p.kind == "incomplete-record")
    click.echo(f"{len(records)} records read, {len(result.works)} works, {broken} broken row(s) and "
               f"{incomplete} record(s) without title or authors, all kept; "
               + (f"{not_read} input error(s), entries not read (named above); " if not_read else "")
               + f"{len(result.uncertain)} uncertain pair(s) to review (--review), "
               f"{len(result.versions)} related-version link(s)"
               + (" (merged, --link-versions)" if link_versions else ""), err=True)
    if not_read:
        raise SystemExit(1)
