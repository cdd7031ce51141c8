"""LaTeX text-symbol commands (textcomp and the T1 quotes) decode to their characters, not their names."""

from __future__ import annotations

import pytest

from kg.ingest.references.bibtex import parse_bibtex
from kg.ingest.references.latex import decode_latex

SYMBOLS = {
    "textquotedbl": '"', "textdollar": "$", "textsterling": "£", "texteuro": "€", "slash": "/",
    "textasciitilde": "~", "textasciicircum": "^", "textbackslash": "\\", "textunderscore": "_", "textbar": "|",
    "textless": "<", "textgreater": ">", "textquotesingle": "'", "textquoteleft": "‘", "textquoteright": "’",
    "textquotedblleft": "“", "textquotedblright": "”", "textbullet": "•", "textdegree": "°",
    "textregistered": "®", "texttrademark": "™", "textcopyright": "©", "textsection": "§", "textparagraph": "¶",
    "textellipsis": "…", "textemdash": "—", "textendash": "–", "textbraceleft": "{", "textbraceright": "}",
    "textyen": "¥", "textcent": "¢", "textnumero": "№", "quotedblbase": "„", "guilsinglleft": "‹",
}


@pytest.mark.parametrize(("command", "char"), SYMBOLS.items(), ids=SYMBOLS.keys())
def test_text_symbol_command_reads_as_its_character(command, char):
    """With "{}" after it, a space or nothing, the command is its character (never its name)."""
    assert decode_latex(f"\\{command}{{}}Hi\\{command}{{}}") == f"{char}Hi{char}"
    assert decode_latex(f"a\\{command} b \\{command}") == f"a{char}b {char}"


def test_symbols_that_are_markup_stay_text():
    r"""\textdollar is no math shift and \textbraceleft no group: the text between them is kept as printed."""
    assert decode_latex(r"Costs \textdollar 5 and \textdollar{}6, and\slash or \texteuro{}10") == (
        "Costs $5 and $6, and/or €10")
    assert decode_latex(r"\textbraceleft x\textbraceright{} $\alpha$") == "{x} α"


def test_bibtex_title_with_quote_commands():
    """An exporter's \\textquotedbl around a word reads as quotes in the title (it read "textquotedblHi...")."""
    text = "@article{k, title={The \\textquotedbl{}Hi\\textquotedbl{} effect, \\textsterling 5}, year={2001}}\n"
    refs, problems = parse_bibtex(text, "x.bib")
    assert [r.title for r in refs] == ['The "Hi" effect, £5'] and problems == []
