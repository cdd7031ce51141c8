"""Benchmark the free-text reference parser and BibTeX ingestion.

Part 1 runs :func:`kg.ingest.references.text.parse_reference` over AnyStyle's
hand-tagged sets in ``$KG_SHARED/data/refparse`` (``core`` and ``good`` are
for tuning, ``gold`` is the held-back figure) and prints, per set and per
field, precision, recall and F1 (authors as ordered family-name lists, the
other fields after normalising case, punctuation and dashes), the token and
sequence error rates as AnyStyle's check defines them (a word is labelled by
the field whose value contains it, else ``other``), the share of references
with every scored field right, and references per second.  The peer
(refextract, PyPI) is run on the same strings in the same run when installed.
Gold's author names are read by the bench's own small reader
(:func:`gold_families`), not by the parser's name splitter, so a change to a
name rule cannot move both sides of the comparison (``--gold-names parser``
gives the old, circular figure).  An entry's author names are its ``author``
span, or its ``editor`` span when it has none (an edited book listed under its
editors), as ``refscore`` reads the parse.  Scoring itself is ``bench/refscore.py``,
shared with the six-style tests.  When the parser runs compiled (mypyc, see
``kg/ingest/references/native.py``), a speed section then times it beside
its Python source (``KG_PURE_PYTHON=1``): three fresh processes of each,
alternating, each reading the sets in turn from empty caches; it prints
each set's median and every run.

Part 2 parses the six-style test set of real works in
``tests/data/refstyles/`` (APA, Harvard, Chicago, MLA, Vancouver, IEEE; each
style printed by our own formatters from ``works.jsonl``, its ``tune`` and
``held`` parts (circular: the strings come from our code); ``hand4``: the 24
entries of ``handwritten.jsonl``, typed by hand with italics markers, wrapped
lines and NLM dates (the parser learnt NLM's "1970 Aug 15;227(5259)" after
two of these failed); ``typed-tune``: 2,088 hand-typed references of other real
works, 348 a style, on which the CRF's post-processing rules were fixed (2,040
of them were the first twenty-eight held sets, each measured once before any fix;
the figures are in the README); and ``typed-held``: 40 a style (held29-* and held30-*: a
mix of journal articles, books, chapters, reports, theses, preprints, web
pages), typed and committed before any parse of them was seen and
measured once: together APA 0.995, Harvard 0.979, Chicago 0.992, MLA 0.971, Vancouver 0.971, IEEE 0.997, the honest figure, not tuned on since) and prints field F1 per style, part and field.

Part 3 times BibTeX ingestion of ``$KG_SHARED/data/bibtex/bibliotex_all.bib``
against bibtexparser v2 with its ``LatexDecoding``, ``SeparateCoAuthors`` and
``SplitNameParts`` middlewares and checks that no entry is lost.

Run: ``KG_SHARED=../shared python bench/refparse.py [--sets core good gold] [--limit N] [--no-peer] [--no-bibtex] [--no-styles]``
(part 2 runs without ``KG_SHARED``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kg.ingest.references import native  # noqa: E402
from kg.ingest.references.names import split_names  # noqa: E402
from kg.ingest.references.text import parse_reference  # noqa: E402
from kg.model import SourceLocation  # noqa: E402
from refscore import FIELDS, expected_fields, field_f1, norm, parsed_fields, wholly_right  # noqa: E402


_GOLD_VOL = re.compile(r"(?<![^\W\d_])(?:vol(?:ume)?s?|v|bd|band|t|tome|jg)\.?\s*([A-Za-z]?\d+\w*|[IVXLC]+\b)", re.I)
_GOLD_ISSUE = re.compile(r"(?<![^\W\d_])(?:nos?|n[°º]|nr|n|num(?:ber|ero|éro)?|issue|heft|h|fasc)\.?\s*(\d+\w*(?:\s*[-–/&]\s*\d+)?|[A-Za-z]\d+)", re.I)


def gold_volume(text: str) -> tuple[str, str]:
    """Volume and issue of a gold ``volume`` span ("27(1):", "vol. 7, no. 3,", "n° 54, vol. 1", "1994;2(4):").

    A number after "no."/"n°"/"issue" (or in brackets, or after a comma or
    colon) is the issue; a number after "vol."/"v."/"Bd." or the first bare
    number is the volume.
    """
    t = re.sub(r"</?\w+>|\{\\\w+\s*|[{}]", " ", text).strip(" .,;:[]")
    if t.count("(") != t.count(")"):
        t = t.strip("()")
    t = re.sub(r"^.*?\b\d{4}[a-z]?(?:\s+\w{3}(?:\s+\d{1,2})?)?\s*;\s*", "", t)  # Vancouver "1994;2(4)"
    vol, iss = _GOLD_VOL.search(t), _GOLD_ISSUE.search(t)
    if not vol and iss and iss.start() > 0:
        vol = re.match(r"([A-Za-z]?\d+|[IVXLC]+\b)", t)
    if vol or (iss and iss.start() == 0):
        issue = iss.group(1) if iss else ""
        if vol and not iss:
            after = re.match(r"\s*(?:\(([^)]+)\)|[,:]\s*(\d+)\b(?!\s*[-–]))", t[vol.end():])
            issue = (after.group(1) or after.group(2)) if after else ""
        return (vol.group(1) if vol else ""), issue
    match = re.match(r"(\w+)\s*(?:\(([^)]*)\)|[,:.]\s*(\d+(?:\s*[-–/&]\s*\d+)?)\b(?!\s*[-–])|/(\d+))?", t)
    if not match:
        return t, ""
    return match.group(1), match.group(2) or match.group(3) or match.group(4) or ""


def gold_volume_pages(text: str) -> str:
    """Pages printed inside a gold ``volume`` span ("175(7):4769–76"), else ``""``."""
    match = re.search(r"\)?\s*:\s*([A-Za-z]?\d+\s*[-–—]+\s*[A-Za-z]?\d+)\W*$", text)
    return match.group(1) if match else ""


_G_MARKUP = re.compile(r"</?\w+>|[{}*]")
_G_ET_AL = re.compile(r"\bet\.?\s*al\b.*$", re.I)
_G_NOT_NAMES = re.compile(r"\((?:eds?|editors?|hrsg|dir|coord)\.?\)|\b(?:eds?|jr|sr)\.|\beditors?\b|\b(?:jr|sr|ii|iii|iv)\b|^\s*(?:edited\s+)?by\s+", re.I)
_G_AND = re.compile(r"\s*,?\s*(?:&|\band\b|\bund\b|\bet\b)\s+", re.I)
_G_BROKEN = re.compile(r"(?<=\w)- +(?=\w)")
_G_BODY = re.compile(
    r"\b(?:organi[sz]ation|association|institute|society|council|committee|group|department|agency|"
    r"foundation|cent(?:re|er)|collaboration|consortium|office|ministry|bureau|university|commission|bank|"
    r"nations|fund|forum|academy|academies|programme)\b",
    re.I,
)
#: Particles, compared in lower case: "Van Laar", "De Raedt", "El Gorsey", "Mc Clernon" are one family name.
_G_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le", "ten",
                "ter", "zu", "af", "el", "al", "mc", "st"}


#: An inverted first author's family name of two capitalised words, and the one given name after its comma.
_G_COMPOUND = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)? [A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?$")
_G_ONE_GIVEN = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?(?:\s+[A-ZÀ-Þ]\.)*$")


def _g_particle(word: str) -> bool:
    return word.lower() in _G_PARTICLES


def _g_initial(word: str) -> bool:
    """Whether a word is a given name's initials: "J.", "J.-P.", "Ch.", "C.L", "JK" (three capitals at most)."""
    word = word.strip(",;:")
    core = word.rstrip(".")
    if core.replace("-", "").isalpha() and core.isupper() and len(core.replace("-", "")) <= 3:
        return True
    parts = re.split(r"\.-?|-", core)
    return "." in word and all(p[:1].isupper() and (len(p) == 1 or (len(p) == 2 and p[1].islower())) for p in parts)


def gold_families(text: str) -> list[str]:
    """The family names of a gold author string, read independently of the parser's :func:`split_names`.

    The parser's own splitter used to build the gold side too, so a change to
    a name rule moved both sides of the comparison at once.  This reader is
    deliberately small: cut markup, "et al." and what follows, "(eds.)" and
    suffixes; split on semicolons if there are any, else on commas (and
    "and"/"&"); then read the pieces left to right:

    * a piece that is all initials ("J. K.") is the previous person's given name
      (the first piece, "ASH", is a name);
    * a piece right after a lone family name ("Link, Bruce G.") is its given name
      (its trailing particles, "Simone de", go to the family);
    * a lone word, or particles and a word ("van der Berg", "De Raedt"), is a
      family name whose given name follows;
    * "Family, Given" as a semicolon piece: the part before the comma (a piece
      with more commas, "Fattorini L, Mustazzolu A", is read as a comma list);
    * initials last ("Bauman RA", "ROSANVALLON P."): the words before them;
    * else ("Thomas F. LaPorta", "J. Christian Gerdes", "Anna van der Berg"):
      the last word and the particles before it;
    * a piece of two or more words naming a body ("World Health Organization"):
      the whole piece;
    * a first piece of two capitalised words and a lone given name after it
      ("Wong Fillmore, Lily"): a compound family name.

    >>> gold_families("Link, Bruce G., and Jo C. Phelan.")
    ['Link', 'Phelan']
    >>> gold_families("Bauman RA, Ling G, Tong L, et al.:")
    ['Bauman', 'Ling', 'Tong']
    >>> gold_families("Krezel, A.; Bal, W.")
    ['Krezel', 'Bal']
    >>> gold_families("C. Amza, A. L. van der Cox and W. Zwaenepoel,")
    ['Amza', 'van der Cox', 'Zwaenepoel']
    >>> gold_families("Carilli C.L., De Raedt, L., & Mur- phy, J.")
    ['Carilli', 'De Raedt', 'Mur-phy']
    >>> gold_families("Vargas Llosa, Mario, and Ann Lee.")
    ['Vargas Llosa', 'Lee']
    """
    text = _G_ET_AL.sub("", _G_MARKUP.sub(" ", _G_BROKEN.sub("-", text)))
    text = _G_AND.sub(", ", _G_NOT_NAMES.sub(" ", text))
    if ";" in text:
        pieces = []
        for piece in text.split(";"):
            pieces += [piece] if piece.count(",") == 1 else piece.split(",")
    else:
        pieces = text.split(",")
    families: list[str] = []
    given_next = False
    pieces = [p.strip(" .,:") for p in pieces]
    if (len(pieces) > 1 and _G_COMPOUND.match(pieces[0]) and _G_ONE_GIVEN.match(pieces[1])
            and all(len(p.split()) > 1 for p in pieces[2:] if p)):
        # "Wong Fillmore, Lily", "Vargas Llosa, Mario": a two-word family name, then one given name.
        families.append(pieces[0])
        pieces = pieces[2:]
    for piece in pieces:
        words = piece.split()
        if not words:
            continue
        if len(words) > 1 and _G_BODY.search(piece):
            families.append(piece)
            given_next = False
        elif "," in piece:
            families.append(piece.split(",")[0].strip())
        elif all(_g_initial(w) for w in words) and families:
            given_next = False
        elif given_next:
            particles = []
            while words and words[-1] in _G_PARTICLES:
                particles.insert(0, words.pop())
            if particles:
                families[-1] = " ".join([*particles, families[-1]])
            given_next = False
        elif len(words) == 1 or all(_g_particle(w) for w in words[:-1]):
            families.append(piece)
            given_next = True
        elif _g_initial(words[-1]):
            k = len(words)
            while k > 1 and _g_initial(words[k - 1]):
                k -= 1
            families.append(" ".join(words[:k]))
        else:
            k = len(words) - 1
            while k > 0 and _g_particle(words[k - 1]) and not _g_initial(words[k - 1]):
                k -= 1
            families.append(" ".join(words[k:]))
    return families


#: How gold's author labels are built: ``independent`` (:func:`gold_families`, the default) or
#: ``parser`` (the parser's own :func:`split_names`, as the bench did before; ``--gold-names parser``).
GOLD_NAMES = {"mode": "independent"}


def gold_authors(text: str) -> str:
    """Gold's normalised family-name list, by the reader :data:`GOLD_NAMES` selects."""
    if GOLD_NAMES["mode"] == "parser":
        people, _ = split_names(text)
        names = [p.literal or f"{p.particle} {p.family}" for p in people]
    else:
        names = gold_families(text)
    return "|".join(n for n in (norm(name) for name in names) if n)


def gold_fields(record: dict) -> dict[str, str]:
    """The normalised gold values of one labelled reference."""
    fields = record["fields"]
    out: dict[str, str] = {}
    # The names the entry is listed under: its authors, or an edited book's editors (refscore's author field).
    names = fields.get("author") or fields.get("editor")
    if names:
        out["author"] = gold_authors(names)
    if record.get("year"):
        out["year"] = str(record["year"])
    else:
        # Vancouver "2009;108(2):" is tagged as a volume with the year inside.
        lead = re.match(r"\s*(\d{4})[a-z]?\s*(?:\w{3}\s*(?:\d{1,2})?)?\s*;", fields.get("volume") or "")
        if lead:
            out["year"] = lead.group(1)
    out["title"] = norm(fields.get("title"))
    container = fields.get("journal") or fields.get("container-title") or ""
    out["container"] = norm(re.sub(r"^\s*in:?\s+", "", container, flags=re.I))
    out["volume"], out["issue"] = (norm(v) for v in gold_volume(fields.get("volume") or ""))
    pages = re.sub(r"</?\w+>", " ", fields.get("pages") or gold_volume_pages(fields.get("volume") or "")).strip(" .,;()")
    pages = re.sub(r"^(?:pp?\.|pages?|pp|s\.)\s*|\s*(?:pp?\.?|pages)$", "", pages, flags=re.I)
    out["pages"] = norm(pages)
    return {k: v for k, v in out.items() if v}


def ours_parse(raw: str) -> object:
    """Parse one string with kg (the step the speed figure times)."""
    return parse_reference(raw, "1", SourceLocation("bench", 1))[0]


def ours_fields(ref) -> dict[str, str]:
    """Normalised field values of a kg reference (the shared scorer's :func:`refscore.parsed_fields`)."""
    return parsed_fields(ref)


def ours(raw: str) -> dict[str, str]:
    """Parse one string with kg and return normalised field values."""
    return ours_fields(ours_parse(raw))


def peer_parse(raw: str) -> object:
    """Parse one string with refextract (the step the speed figure times)."""
    from refextract import extract_references_from_string

    try:
        return extract_references_from_string(raw)
    except Exception:  # the peer may fail on any input; count it as empty
        return None


def peer_fields(found) -> dict[str, str]:
    """Normalised field values of refextract's first reference."""
    out: dict[str, str] = {}
    if not found:
        return out
    ref = found[0]
    if ref.get("author"):
        out["author"] = "|".join(norm(a.split(",")[0].split()[-1]) for a in ref["author"][0].split(" and "))
    if ref.get("year"):
        out["year"] = ref["year"][0][:4]
    if ref.get("title"):
        out["title"] = norm(ref["title"][0])
    if ref.get("journal_title"):
        out["container"] = norm(ref["journal_title"][0])
    if ref.get("journal_volume"):
        out["volume"] = norm(ref["journal_volume"][0])
    if ref.get("journal_page"):
        out["pages"] = norm(ref["journal_page"][0])
    return {k: v for k, v in out.items() if v}


def tokens_labelled(raw: str, fields: dict[str, str]) -> list[str]:
    """Label each word of ``raw`` by the field whose normalised value holds it."""
    labels = []
    for word in raw.split():
        w = norm(word)
        label = "other"
        if w:
            for name in FIELDS:
                value = fields.get(name, "")
                if name == "author":
                    value = value.replace("|", "")
                if value and w in value:
                    label = name
                    break
        labels.append(label)
    return labels


def timed(parse, raws: list[str]) -> tuple[list[object], float, float]:
    """``parse`` of each string, and the wall-clock and CPU seconds the parsing took."""
    # Load the model (or the peer's knowledge bases) before the clock starts.
    parse("Smith, J. (2000). A warm-up title. Journal of Tests, 1(2), 3-4.")
    start, cpu_start = time.perf_counter(), time.process_time()
    parsed = [parse(raw) for raw in raws]
    return parsed, time.perf_counter() - start, time.process_time() - cpu_start


def score(records: list[dict], parse, fields) -> dict[str, object]:
    """Field P/R/F1, error rates, wholly-right share and speed of ``parse``.

    Only ``parse`` is timed; ``fields`` (normalising its output for the
    comparison) runs after the clock stops.
    """
    parsed, elapsed, cpu = timed(parse, [r["raw"] for r in records])
    predictions = [fields(p) for p in parsed]
    counts = {f: [0, 0, 0] for f in FIELDS}  # tp, fp, fn
    whole = 0
    bad_tokens = total_tokens = bad_sequences = 0
    for record, pred in zip(records, predictions):
        gold = gold_fields(record)
        right = True
        for f in FIELDS:
            g, p = gold.get(f), pred.get(f)
            if g and p and g == p:
                counts[f][0] += 1
            else:
                if p:
                    counts[f][1] += 1
                if g:
                    counts[f][2] += 1
                if g or p:
                    right = False
        whole += right
        gl, pl = tokens_labelled(record["raw"], gold), tokens_labelled(record["raw"], pred)
        wrong = sum(a != b for a, b in zip(gl, pl))
        bad_tokens += wrong
        total_tokens += len(gl)
        bad_sequences += wrong > 0
    result: dict[str, object] = {}
    for f, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        result[f] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    n = len(records)
    result["token error"] = bad_tokens / total_tokens if total_tokens else 0.0
    result["sequence error"] = bad_sequences / n if n else 0.0
    result["wholly right"] = whole / n if n else 0.0
    result["refs/s"] = n / elapsed if elapsed else 0.0
    # The machine may be shared: CPU time is what one core spent on parsing.
    result["refs/cpu-s"] = n / cpu if cpu else 0.0
    return result


def print_set(name: str, n: int, mine: dict, theirs: dict | None) -> None:
    """Print one set's figures, ours beside the peer's."""
    print(f"\n== {name} ({n} references) ==")
    print(f"{'field':<10} {'kg P':>6} {'kg R':>6} {'kg F1':>6} | {'peer P':>6} {'peer R':>6} {'peer F1':>7}")
    for f in FIELDS:
        p, r, f1 = mine[f]
        line = f"{f:<10} {p:6.3f} {r:6.3f} {f1:6.3f} |"
        if theirs:
            pp, pr, pf = theirs[f]
            line += f" {pp:6.3f} {pr:6.3f} {pf:7.3f}"
        else:
            line += "   peer not run"
        print(line)
    for key in ("token error", "sequence error", "wholly right", "refs/s", "refs/cpu-s"):
        a = mine[key]
        b = theirs[key] if theirs else None
        ratio = f"  ratio {a / b:.2f}" if b else ""
        peer_text = f"{b:.3f}" if b is not None else "n/a"
        print(f"{key:<15} kg {a:10.3f}   peer {peer_text:>10}{ratio}")


STYLE_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "refstyles"
STYLE_NAMES = ("apa", "harvard", "chicago", "mla", "vancouver", "ieee")


#: The parts of the six-style test set, in the order printed: real works printed
#: by our own formatters (``<style>.jsonl``, tune and held), the 4 entries per style
#: of ``handwritten.jsonl``, and the hand-typed ``typed_tune.jsonl`` (the parser's
#: rules were fixed on it) and ``typed_held.jsonl`` (held29-* and held30-*: measured once with
#: the parser unchanged, its honest figure, and not tuned on since).
STYLE_PARTS = (("printed", "tune"), ("printed", "held"), ("hand4", "held"), ("typed", "tune"), ("typed", "held"))


def style_records(style: str) -> list[dict]:
    """The rows of one style's test set, each with ``part`` set to one of :data:`STYLE_PARTS`' names."""
    def read(name: str) -> list[dict]:
        path = STYLE_DIR / f"{name}.jsonl"
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    rows = [{**r, "part": f"printed-{r['split']}"} for r in read(style)]
    rows += [{**r, "part": "hand4-held"} for r in read("handwritten") if r["style"] == style]
    for name in ("typed_tune", "typed_held"):
        rows += [{**r, "part": f"typed-{r['split']}"} for r in read(name) if r["style"] == style]
    return rows


def bench_styles() -> None:
    """Field F1 per style and part: formatter-printed tune / held, handwritten.jsonl, typed tune / typed held."""
    print("\n== six styles: real works (tests/data/refstyles), field F1 ==")
    print("parts: printed = our formatters' output (circular); hand4 = handwritten.jsonl;")
    print("       typed-tune = hand-typed, rules fixed on it; typed-held = hand-typed rounds 29 and 30, measured")
    print("       once, together APA 0.995 Harvard 0.979 Chicago 0.992 MLA 0.971 Vancouver 0.971 IEEE 0.997")
    print(f"{'style':<10} {'part':<13} {'n':>3} " + " ".join(f"{f:>9}" for f in FIELDS) + f" {'all':>6} {'right':>6}")
    for style in STYLE_NAMES:
        rows = style_records(style)
        for source, split in STYLE_PARTS:
            part = f"{source}-{split}"
            chosen = [r for r in rows if r["part"] == part]
            if not chosen:
                continue
            pairs = [(expected_fields(r["expected"]), ours(r["text"])) for r in chosen]
            f1 = field_f1(pairs)
            right = wholly_right(pairs)
            print(
                f"{style:<10} {part:<13} {len(chosen):>3} " + " ".join(f"{f1[f]:9.3f}" for f in FIELDS)
                + f" {f1['all']:6.3f} {right:6.3f}"
            )


def bench_bibtex(path: Path) -> None:
    """Time kg's BibTeX ingestion against bibtexparser's decoding middlewares."""
    import bibtexparser
    from bibtexparser import middlewares as m

    from kg.ingest.references.bibtex import parse_bibtex

    text = path.read_text(encoding="utf-8", errors="replace")
    times = []
    for _ in range(3):
        start = time.perf_counter()
        refs, problems = parse_bibtex(text, str(path))
        times.append(time.perf_counter() - start)
    ours_t = sorted(times)[1]
    start = time.perf_counter()
    lib = bibtexparser.parse_string(
        text,
        append_middleware=[m.LatexDecodingMiddleware(), m.SeparateCoAuthors(), m.SplitNameParts()],
    )
    theirs_t = time.perf_counter() - start
    # Entry blocks counted without any BibTeX parser: "@type{" or "@type(" at a line's start (a byte-order
    # mark left by concatenated files allowed); @string, @comment and @preamble are not entries.
    raw_entries = len(re.findall(r"^[\s\ufeff]*@(?!string|comment|preamble)\w+\s*[{(]", text, re.I | re.M))
    broken = sum(p.kind == "broken-entry" for p in problems)
    print(f"\n== BibTeX ingestion: {path.name} ==")
    print(f"kg: {len(refs)} references, {len(problems)} problems, {ours_t:.3f} s ({len(refs) / ours_t:.0f} entries/s)")
    print(
        f"bibtexparser+LatexDecoding+SeparateCoAuthors+SplitNameParts: {len(lib.entries)} entries, "
        f"{len(lib.failed_blocks)} failed blocks, {theirs_t:.3f} s ({len(lib.entries) / theirs_t:.0f} entries/s)"
    )
    print(f"speed ratio kg/bibtexparser: {theirs_t / ours_t:.1f}x")
    print(f"entry blocks in file: {raw_entries}; kg records {len(refs)} + broken entries reported {broken} = "
          f"{len(refs) + broken}; lost: {raw_entries - len(refs) - broken}")


def read_set(root: Path, name: str, limit: int) -> list[dict]:
    """The labelled references of one of AnyStyle's sets (the first ``limit`` of them when ``limit``)."""
    path = root / "refparse" / f"anystyle_{name}.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records[:limit] if limit else records


def speeds(root: Path, names: list[str], limit: int) -> dict[str, object]:
    """References parsed per CPU-second in each set, the sets read in turn in this process, and under
    ``"running"`` whether the parser ran compiled or as source."""
    out: dict[str, object] = {"running": native.running()}
    for name in names:
        records = read_set(root, name, limit)
        _, _, cpu = timed(ours_parse, [r["raw"] for r in records])
        out[name] = len(records) / cpu if cpu else 0.0
    return out


def bench_source_speed(names: list[str], limit: int, repeats: int = 3) -> None:
    """Print the compiled parser's speed beside its Python source's (``KG_PURE_PYTHON=1``), each measured the
    same way: ``repeats`` fresh processes each, the two alternating, each reading the sets in turn from empty
    caches.  The median is the figure; every run's is printed too (a shared machine's other work slows a run,
    nothing speeds it up)."""
    print(f"\n== speed: the compiled parser beside its Python source (KG_PURE_PYTHON=1), references per CPU-second,"
          f" {repeats} fresh processes each ==")
    command = [sys.executable, __file__, "--speed-only", "--limit", str(limit), "--sets", *names]
    runs: dict[str, list[dict[str, float]]] = {"compiled": [], "source": []}
    for _ in range(repeats):
        for label, extra in (("compiled", {}), ("source", {"KG_PURE_PYTHON": "1"})):
            child = subprocess.run(command, env={**os.environ, **extra}, capture_output=True, text=True, check=True)
            figures = json.loads(child.stdout.splitlines()[-1])
            if figures.pop("running") != label:
                # A build older than its source (an edited module) runs the source: no compiled figure to give.
                print(f"the {label} run ran the parser as {'source' if label == 'compiled' else 'compiled'}: "
                      "is the build stale (pip install -e . recompiles)? no speed comparison printed")
                return
            runs[label].append(figures)
    print(f"{'set':<6} {'compiled median':>15} {'(all runs)':<20} {'source median':>13} {'(all runs)':<20} {'ratio':>6}")
    for name in names:
        fast = sorted(run[name] for run in runs["compiled"])
        slow = sorted(run[name] for run in runs["source"])
        mid_fast, mid_slow = fast[len(fast) // 2], slow[len(slow) // 2]
        every_fast, every_slow = " ".join(f"{v:.0f}" for v in fast), " ".join(f"{v:.0f}" for v in slow)
        print(f"{name:<6} {mid_fast:15.0f} {every_fast:<20} {mid_slow:13.0f} {every_slow:<20} {mid_fast / mid_slow:6.2f}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["core", "good", "bad", "gold"])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--no-bibtex", action="store_true")
    parser.add_argument("--no-styles", action="store_true")
    parser.add_argument("--gold-names", choices=("independent", "parser"), default="independent",
                        help="read gold's author names with the bench's own reader or the parser's split_names")
    parser.add_argument("--speed-only", action="store_true",
                        help="print only each set's references per CPU-second, as JSON (the source-speed child)")
    args = parser.parse_args(argv)
    GOLD_NAMES["mode"] = args.gold_names
    shared = os.environ.get("KG_SHARED")
    if args.speed_only:
        if not shared:
            parser.error("--speed-only needs KG_SHARED")
        print(json.dumps(speeds(Path(shared) / "data", args.sets, args.limit)))
        return 0
    running = native.running()
    print(f"kg's reference parser runs {'compiled (mypyc)' if running == 'compiled' else 'as Python source'}")
    if not args.no_styles:
        bench_styles()
    if not shared:
        print("KG_SHARED is not set; point it at the shared folder (e.g. KG_SHARED=../shared)")
        return 0
    root = Path(shared) / "data"
    have_peer = False
    if not args.no_peer:
        try:
            import refextract  # noqa: F401

            have_peer = True
        except ImportError:
            print("peer not installed (pip install refextract); printing kg's figures only")
    for name in args.sets:
        records = read_set(root, name, args.limit)
        mine = score(records, ours_parse, ours_fields)
        theirs = score(records, peer_parse, peer_fields) if have_peer else None
        print_set(name, len(records), mine, theirs)
    if running == "compiled":
        bench_source_speed(args.sets, args.limit)
    if not args.no_bibtex:
        bench_bibtex(root / "bibtex" / "bibliotex_all.bib")
    return 0


if __name__ == "__main__":
    sys.exit(main())
