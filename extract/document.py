"""A document as the pipeline sees it: its text, as read, and what is known about it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


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
    doc_id: str  # the file name, e.g. 000_85f2caef2865a13f.txt
    text: str  # decoded text, newlines kept: every offset indexes into this string
    meta: DocMeta = field(default_factory=DocMeta)
    note: str | None = None  # how it was read when that is worth saying (e.g. its encoding)
