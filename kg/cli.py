"""The ``kg`` command line: thin commands over the library API.

Exit codes: 0 success; 1 bad input or a failed check (the message says
file:line, what is wrong and what to do); 2 usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.check import check as run_check
from kg.check import report_from_error
from kg.check import stats as run_stats
from kg.clitools import render_table, reports_errors
from kg.errors import InputError
from kg.ingest.citations import STYLES
from kg.ingest.draft import draft_corpus
from kg.output import (
    FORMAT_OF_SUFFIX,
    GRAPH_FORMATS,
    SUFFIXES,
    default_output,
    output_folder,
    serialize,
    write_atomic,
)
from kg.pipeline import build
from kg.query.commands import ENDPOINT_EXAMPLE, http_url_option

corpus_argument = click.argument(
    "corpus", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)


@click.group()
@click.version_option(package_name="kg")
def main() -> None:
    """kg: a literature-review and citation knowledge graph.

    Reads a review article's references, in-text citations and claim
    annotations, and builds an RDF graph to query and browse.
    """


@main.command("build")
@corpus_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: out/CORPUS-ID.FORMAT).")
@click.option("--format", "fmt", type=click.Choice(sorted(GRAPH_FORMATS)),
              help="Graph format (default: from the -o suffix, else trig).")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Also write an Oxigraph store folder (for large graphs; query it with --store DIR).")
@http_url_option("--endpoint", what="an endpoint", example=ENDPOINT_EXAMPLE,
                 help="Also push the graph to this SPARQL endpoint (see docs/stores.md).")
@reports_errors
def build_command(corpus: Path | None, output: Path | None, fmt: str | None, store: Path | None,
                  endpoint: str | None) -> None:
    """Build the graph of CORPUS (default: the bundled corpus)."""
    fmt = _graph_format(output, fmt)
    # What can be told before the build is told before it (the --endpoint URL by its option), and before a
    # store is written or a graph pushed.
    if output is not None:
        output_folder(output)
    built = build(corpus)
    if output is None:
        output = default_output(f"{built.corpus.id}{SUFFIXES[fmt]}")
    data = serialize(built.graph, fmt)
    if store is not None or endpoint is not None:
        from kg.query.commands import publish_built

        for line in publish_built(built.graph, store=store, endpoint=endpoint):
            click.echo(line)
    write_atomic(output, data)
    summary = run_stats(built.corpus, built.graph)
    click.echo(f"wrote {output} ({summary['triples']} triples, {summary['works']} works, "
               f"{summary['claims']} claims)")
    if built.corpus.problems:
        click.echo(f"{len(built.corpus.problems)} finding(s); run `kg check` to list them", err=True)


def _graph_format(output: Path | None, fmt: str | None) -> str:
    """The format to write: ``--format``, else the one the output's suffix names, else TriG.

    A suffix naming another format than ``--format`` is a usage error (a
    ``.ttl`` file holding TriG would not read back as Turtle), and so is a
    suffix naming no format when ``--format`` is not given.
    """
    implied = FORMAT_OF_SUFFIX.get(output.suffix.lower()) if output is not None else None
    if fmt and implied and fmt != implied:
        raise click.UsageError(f"-o {output} names a .{implied} file but --format is {fmt}; "
                               f"drop --format or give -o a {SUFFIXES[fmt]} name")
    if output is not None and not fmt and not implied:
        # A graph file is read back by its suffix (kg query FILE): an unknown one would not read.
        raise click.UsageError(f"-o {output}: kg writes graphs as {', '.join(SUFFIXES.values())}; give -o one of "
                               "these suffixes, or --format")
    return fmt or implied or "trig"


@main.command("stats")
@corpus_argument
@format_option
@reports_errors
def stats_command(corpus: Path | None, fmt: str) -> None:
    """Counts of CORPUS: entries, works, citations, claims, triples."""
    built = build(corpus)
    summary = run_stats(built.corpus, built.graph)
    if fmt == "json":
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    rows = [{"measure": k, "value": ", ".join(v) if isinstance(v, list) else v} for k, v in summary.items()]
    click.echo(render_table(rows, ["measure", "value"]))


@main.command("check")
@corpus_argument
@format_option
@reports_errors
def check_command(corpus: Path | None, fmt: str) -> None:
    """Validate CORPUS: SHACL shapes plus integrity findings.

    Exits 0 when the graph conforms and no finding is an error, else 1.
    """
    try:
        built = build(corpus)
        report = run_check(built.corpus, built.graph)
    except InputError as err:  # a corpus that cannot be loaded (bad YAML, a missing file...): findings too
        report = report_from_error(err)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        rows = [{"severity": f.severity, "kind": f.kind, "where": str(f.where or ""), "message": f.message}
                for f in report.findings]
        click.echo(render_table(rows, ["severity", "kind", "where", "message"]))
        click.echo(f"\n{'conforms' if report.conforms else 'does NOT conform'}: {len(report.findings)} finding(s)")
    if not report.conforms:
        sys.exit(1)


@main.command("init")
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--references", "references", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The reference list as a file of its own (printed, BibTeX, RIS, CSL-JSON, CSV); "
                   "default: the text after the article's References heading.")
@click.option("--id", "corpus_id", help="Corpus id (lower-case, hyphens; default: from FOLDER's name).")
@click.option("--title", help="The article's title (default: its first line).")
@click.option("--style", type=click.Choice(STYLES), default="auto", show_default=True,
              help="How the article cites: author-year or numeric (auto: whichever it holds more of).")
@reports_errors
def init_command(article: Path, folder: Path, references: Path | None, corpus_id: str | None,
                 title: str | None, style: str) -> None:
    """Draft a corpus FOLDER from the text of ARTICLE (a review, as extracted from its PDF).

    Writes the article, its reference list, an empty concept scheme and one
    draft claim per sentence that cites a source; the draft builds as it is.
    Then rewrite the claims' statements, add concepts, and run kg check FOLDER.
    """
    draft = draft_corpus(article, folder, references, corpus_id, title, style)
    corpus = draft.corpus
    statuses = [c.status for c in corpus.citations]
    click.echo(f"wrote {draft.folder}/ (corpus {corpus.id}): {len(corpus.references)} reference entries, "
               f"{len(corpus.works)} works; {len(statuses)} in-text citations ({statuses.count('resolved')} "
               f"resolved, {statuses.count('unresolved')} unresolved, {statuses.count('ambiguous')} ambiguous); "
               f"{draft.claims} draft claims")
    if draft.headers_dropped:
        click.echo(f"  {draft.headers_dropped} running-header line(s) were taken out of the reference list")
    if draft.left_out:
        click.echo(f"  {len(draft.left_out)} citation(s) resolve to no one work and are named in their claims' "
                   f"notes, not in cites: {'; '.join(draft.left_out)}")
    click.echo(f"next: edit {draft.folder / 'claims.yaml'} (statements, stance, concepts) and "
               f"{draft.folder / 'concepts.yaml'}, then run kg check {draft.folder}")


# Commands of the other stages register here.
from kg.query.commands import COMMANDS as _QUERY_COMMANDS  # noqa: E402

for _command in _QUERY_COMMANDS:
    main.add_command(_command)
from kg.viz.commands import viz as _viz  # noqa: E402

main.add_command(_viz)
from kg.dedup.commands import dedup as _dedup  # noqa: E402

main.add_command(_dedup)
from kg.ingest.references.commands import refs as _refs  # noqa: E402

main.add_command(_refs)
# (end of stage commands)


if __name__ == "__main__":  # pragma: no cover
    main()
