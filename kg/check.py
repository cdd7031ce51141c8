"""Check: SHACL validation and integrity findings; corpus statistics."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDF

from kg.model import Corpus, Problem, Severity, SourceLocation, Work
from kg.vocab import SH


def _data_graph(name: str) -> Graph:
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def shapes_graph() -> Graph:
    """The SHACL shapes shipped with kg (``kg/data/shapes.ttl``)."""
    return _data_graph("shapes.ttl")


def ontology_graph() -> Graph:
    """The kg project ontology (``kg/data/ontology.ttl``)."""
    return _data_graph("ontology.ttl")


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The outcome of :func:`check`: SHACL conformance plus findings."""

    conforms: bool
    findings: tuple[Problem, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "findings": [
                {"kind": p.kind, "severity": p.severity, "message": p.message, "where": str(p.where or "")}
                for p in self.findings
            ],
        }


def report_from_error(error: Exception) -> CheckReport:
    r"""A non-conforming report from a fatal input error (one finding per line).

    Loading stops at bad annotation files (a quote not in the text, an
    unknown concept or source); ``kg check`` still answers with findings.

    >>> r = report_from_error(ValueError("2 problem(s):\nc.yaml:3: bad\nc.yaml:9: worse"))
    >>> [(f.where.line, f.message) for f in r.findings]
    [(3, 'bad'), (9, 'worse')]
    """
    lines = str(error).splitlines()
    if len(lines) > 1 and "problem(s)" in lines[0]:
        lines = lines[1:]
    findings = []
    for line in lines:
        match = re.match(r"^(?P<path>[^:\s][^:]*?):(?P<line>\d+)(?::\d+)?: (?P<message>.*)$", line)
        if match:
            where = SourceLocation(match.group("path"), int(match.group("line")))
            findings.append(Problem("input-error", "error", match.group("message"), where))
        else:
            findings.append(Problem("input-error", "error", line))
    return CheckReport(False, tuple(findings))


def validate_shapes(graph: Graph) -> list[Problem]:
    """Validate a graph against the shipped shapes; one Problem per result."""
    from pyshacl import validate

    _conforms, report, _text = validate(
        graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none", allow_warnings=True
    )
    assert isinstance(report, Graph)
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage) or "constraint violated"
        severity = report.value(result, SH.resultSeverity)
        level: Severity = "error" if severity == SH.Violation else "warning" if severity == SH.Warning else "info"
        problems.append(
            Problem("shacl", level, f"{focus}: {path or ''} {message}".replace("  ", " "), SourceLocation(str(focus)))
        )
    # By what they say: the results are blank nodes, whose ids differ on every run.
    return sorted(problems, key=lambda p: (p.message, p.severity))


def integrity_findings(corpus: Corpus) -> list[Problem]:
    """What a reviewer must know beyond the shapes: uncited references,
    duplicate entries, claims that rest on no source."""
    findings: list[Problem] = []
    cited = {c.work for c in corpus.citations if c.work}
    by_id = {r.id: r for r in corpus.references}
    for work in corpus.works:
        first = by_id[work.members[0]]
        if work.key not in cited:
            findings.append(
                Problem(
                    "uncited-reference",
                    "warning",
                    f"reference '{work.record.label}' is listed but never cited in the text",
                    first.source,
                )
            )
        if len(work.members) > 1:
            lines = ", ".join(str(by_id[m].source.line) for m in work.members)
            findings.append(
                Problem(
                    "duplicate-entry",
                    "info",
                    f"'{work.record.label}' is printed {len(work.members)} times (lines {lines}); merged into one work",
                    first.source,
                )
            )
    by_doi: dict[str, list[Work]] = {}
    for work in corpus.works:
        if work.record.doi:
            by_doi.setdefault(work.record.doi.lower(), []).append(work)
    for doi, works in by_doi.items():
        for other in works[1:]:
            findings.append(
                Problem(
                    "shared-doi",
                    "warning",
                    f"'{works[0].record.label}' and '{other.record.label}' have the same DOI {doi} but are "
                    "different works (their titles or authors differ); one DOI is wrong: correct it in the "
                    "reference list",
                    by_id[other.members[0]].source,
                )
            )
    for claim in corpus.claims:
        if not claim.works:
            findings.append(
                Problem("claim-without-source", "info", f"claim {claim.id} rests on no source", claim.source)
            )
    return findings


def check(corpus: Corpus, graph: Graph) -> CheckReport:
    """Validate the graph and gather every finding about the corpus.

    The report conforms when the shapes hold and no finding is an error.
    """
    findings = validate_shapes(graph) + list(corpus.problems) + integrity_findings(corpus)
    conforms = not any(f.severity == "error" for f in findings)
    return CheckReport(conforms, tuple(findings))


def stats(corpus: Corpus, graph: Graph) -> dict[str, Any]:
    """Counts a reviewer checks first (``kg stats``)."""
    cited = {c.work for c in corpus.citations if c.work}
    return {
        "corpus": corpus.id,
        "reference_entries": len(corpus.references),
        "works": len(corpus.works),
        "duplicate_entries": len(corpus.references) - len(corpus.works),
        "related_versions": len(corpus.versions),
        "in_text_citations": len(corpus.citations),
        "resolved_citations": sum(c.status == "resolved" for c in corpus.citations),
        "unresolved_citations": sum(c.status == "unresolved" for c in corpus.citations),
        "ambiguous_citations": sum(c.status == "ambiguous" for c in corpus.citations),
        "cited_works": len(cited),
        "uncited_works": sorted(w.record.label for w in corpus.works if w.key not in cited),
        "claims": len(corpus.claims),
        "claims_without_source": sum(not c.works for c in corpus.claims),
        "concepts": len(corpus.scheme.concepts),
        "problems": len(corpus.problems),
        "triples": len(graph),
    }
