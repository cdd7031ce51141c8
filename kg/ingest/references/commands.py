"""The ``kg refs`` commands."""

from __future__ import annotations

import logging
from pathlib import Path

import click

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
@click.option("--strict", is_flag=True, help="Exit 1 when any record could not be read.")
def parse(files: tuple[Path, ...], fmt: str, form: str | None, strict: bool) -> None:
    """Parse FILES into typed records and print them (each keeps its input id)."""
    logging.getLogger("bibtexparser").setLevel(logging.ERROR)
    records: list[Reference] = []
    failures = 0
    for path in files:
        try:
            listing = read_references(path, form)
        except KgError as err:
            click.echo(f"error: {err}", err=True)
            failures += 1
            continue
        records.extend(listing.references)
        for problem in listing.problems:
            click.echo(f"{problem.where}: {problem.severity}: {problem.message}", err=True)
            failures += problem.severity == "error"
    writer = {"csl-json": to_csl_json, "bibtex": to_bibtex, "ris": to_ris, "table": _table}[fmt]
    click.echo(writer(records), nl=False)
    click.echo(f"{len(records)} record(s) read from {len(files)} file(s); {failures} failure(s)", err=True)
    if not records or (strict and failures):
        raise SystemExit(1)
