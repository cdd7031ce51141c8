"""The ``kg refs`` commands."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import replace
from pathlib import Path

import click

from kg.clitools import input_prefixes
from kg.errors import KgError
from kg.ingest.references import FORMS, read_references
from kg.ingest.references.export import to_bibtex, to_csl_json, to_ris
from kg.model import Reference


def _table(refs: list[Reference]) -> str:
    rows = [f"{r.id:>14}  {r.type:16}  {r.label[:30]:30}  {r.title[:60]}" for r in refs]
    return "\n".join([f"{'id':>14}  {'type':16}  {'label':30}  title", *rows]) + "\n"


@click.group("refs")
def refs() -> None:
    """Read reference lists: printed bibliographies, BibTeX, RIS, CSL-JSON, CSV."""


@refs.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csl-json", "bibtex", "ris", "table"]), default="csl-json",
              show_default=True)
@click.option("--from", "form", type=click.Choice(FORMS), help="The input form (default: detected from content).")
@click.option("--strict", is_flag=True, help="Exit 1 when any problem (error or warning) was found.")
def parse(files: tuple[Path, ...], fmt: str, form: str | None, strict: bool) -> None:
    """Parse FILES into typed records and print them (each keeps its input id).

    With several FILES, each id is prefixed by its file's name (``a.ris:ID1``)
    so that ids stay unique.

    Problems go to stderr with their file and line, then one count line per
    file and a total. Exits 1 when no record could be read, or with --strict
    when any problem was found.
    """
    logging.getLogger("bibtexparser").setLevel(logging.ERROR)
    records: list[Reference] = []
    errors = warnings = notes = 0
    summaries: list[str] = []
    for path, prefix in zip(files, input_prefixes(files)):
        try:
            listing = read_references(path, form)
        except KgError as err:
            click.echo(f"error: {err}", err=True)
            summaries.append(f"{path}: not read (1 error)")
            errors += 1
            continue
        if len(files) > 1:  # ids stay unique across inputs, as in ``kg dedup``
            records.extend(replace(r, id=f"{prefix}:{r.id}") for r in listing.references)
        else:
            records.extend(listing.references)
        severities = Counter(p.severity for p in listing.problems)
        file_errors, file_warnings = severities["error"], severities["warning"]
        for problem in listing.problems:
            click.echo(f"{problem.where or path}: {problem.severity}: {problem.message}", err=True)
        if not listing.references:
            click.echo(f"{path}: error: no record could be read as {listing.form}; check the file "
                       "or give its form with --from", err=True)
            file_errors += 1
        summaries.append(f"{path}: {len(listing.references)} record(s) as {listing.form}, "
                         f"{file_errors} error(s), {file_warnings} warning(s)")
        errors += file_errors
        warnings += file_warnings
        notes += severities["info"]
    writer = {"csl-json": to_csl_json, "bibtex": to_bibtex, "ris": to_ris, "table": _table}[fmt]
    if records:  # nothing read is a failure: no empty library on stdout for a pipeline to take as an answer
        click.echo(writer(records), nl=False)
    if len(files) > 1:
        for line in summaries:
            click.echo(line, err=True)
    click.echo(f"{len(records)} record(s) read from {len(files)} file(s); {errors} error(s) (not read), "
               f"{warnings} warning(s) (read, check them)" + (f", {notes} note(s)" if notes else ""), err=True)
    if not records or (strict and (errors or warnings)):
        raise SystemExit(1)
