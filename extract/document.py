"""A document as the pipeline sees it: its text, as read, and what is known about it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import PurePath

IDENTITY_CHARS = 8  # hex digits of the text hash in a disambiguated doc_id


@dataclass(frozen=True)
class DocMeta:
    """Metadata given from outside the text (a manifest or NAME.meta.toml).

    Every field is optional: what is missing is inferred from the text.
    """

    lang: str | None = None
    body: str | None = None
    published: str | None = None  # ISO date, YYYY[-MM[-DD]]
    source_url: str | None = None
    source_lang: str | None = None  # language of the page at source_url, when not `lang`
    title: str | None = None

    def merged_over(self, inferred: DocMeta) -> DocMeta:
        """Given values win; inferred ones fill the gaps."""
        return replace(
            inferred,
            **{k: v for k, v in self.__dict__.items() if v not in (None, "")},
        )


@dataclass(frozen=True)
class Document:
    doc_id: str  # the file name, e.g. 000_85f2caef2865a13f.txt (see distinct_doc_id)
    text: str  # decoded text, newlines kept: every offset indexes into this string
    meta: DocMeta = field(default_factory=DocMeta)
    note: str | None = None  # how it was read when that is worth saying (e.g. its encoding)


def text_identity(text: str) -> str:
    """What a document is, whatever its file is called: sha256 of its text with newlines
    normalised (the encoding and a BOM are already gone once it is decoded)."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normalised.encode()).hexdigest()


def distinct_doc_id(file_name: str, identity: str) -> str:
    """The id of a document whose file name another document already has: the name's stem
    with a short hash of its text, e.g. report-3fa2c1d9.txt (short, readable, stable)."""
    name = PurePath(file_name)
    return f"{name.stem}-{identity[:IDENTITY_CHARS]}{name.suffix}"


class RunIdentities:
    """The documents of one run told apart by their text, not their names: a second copy of
    a text is refused (`admit` returns where the first came from), and a name already taken
    by another text is made distinct."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}  # text identity -> where that text was read
        self._doc_ids: set[str] = set()

    def admit(self, doc: Document, where: str) -> Document | str:
        """The document (its doc_id distinct in the run), or where its text was read first."""
        identity = text_identity(doc.text)
        first = self.copy_of(identity)
        if first is not None:
            return first
        doc_id = self.take(doc.doc_id, identity, where)
        return doc if doc_id == doc.doc_id else replace(doc, doc_id=doc_id)

    def copy_of(self, identity: str) -> str | None:
        """Where the text of this identity was read first in the run; None while it is new."""
        return self._first.get(identity)

    def take(self, name: str, identity: str, where: str) -> str:
        """Take a new text into the run under the file name `name`: its doc_id, made distinct
        when another text already has that name. (The cluster's client, which sees hashes of
        texts its workers read, admits documents through this and `copy_of`.)"""
        self._first[identity] = where
        doc_id = distinct_doc_id(name, identity) if name in self._doc_ids else name
        self._doc_ids.add(doc_id)
        return doc_id
