"""The single exception hierarchy of ``kg``.

Bad input that stops a whole stage raises a :class:`KgError` subclass whose
message says where (``file:line``), what was expected, what was found and what
to do.  Bad *records* do not raise: they are collected as
:class:`kg.model.Problem` on the result, so nothing is dropped silently.
Subclasses also inherit the matching builtin so callers can catch either.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error ``kg`` raises on purpose."""


class InputError(KgError, ValueError):
    """An input file is missing, unreadable, not UTF-8 or malformed."""


class CorpusError(InputError):
    """A corpus folder or one of its files breaks the corpus format."""


class UnknownConceptError(CorpusError):
    """An annotation names a concept id the concept scheme does not define."""


class UnknownReferenceError(CorpusError):
    """An annotation cites a source that no reference entry matches."""


class QuoteNotFoundError(CorpusError):
    """A claim's quote does not occur in the article text."""


class QueryError(KgError):
    """A query is unknown, malformed, misses a parameter or timed out."""


class StoreError(KgError):
    """A store cannot be opened, is locked, or an endpoint failed."""


class OutputError(KgError, OSError):
    """An output file cannot be written."""
