"""Which reader a document needs, from what it is: a PDF by its bytes, else by its declared kind.

A file's kind is declared by its suffix (.txt, .html/.htm, .pdf), a fetched page's by its
Content-Type. The declaration is not trusted for PDF: a PDF saved as report.html or .txt is
read as the PDF it is (its %PDF- header), and a .pdf that is not one is refused.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from extract.document import DocMeta, Document
from extract.errors import InputError, message
from extract.readers.html import HTML_SUFFIXES, html_article
from extract.readers.pdf import PDF_SUFFIX, is_pdf, pdf_document
from extract.readers.read import DOCUMENT_SUFFIX, decode_text, read_bytes, refuse_too_large


class Kind(Enum):
    TEXT = "text"
    HTML = "html"
    PDF = "pdf"


URL_SCHEMES = ("http://", "https://")  # what readers/web.py fetches
READABLE_SUFFIXES = (DOCUMENT_SUFFIX, *HTML_SUFFIXES, PDF_SUFFIX)
_KIND_OF_SUFFIX = {DOCUMENT_SUFFIX: Kind.TEXT, PDF_SUFFIX: Kind.PDF} | {
    suffix: Kind.HTML for suffix in HTML_SUFFIXES
}


def is_url(source: str | Path) -> bool:
    """A source named by a URL (fetched by readers/web.py) rather than a path."""
    return isinstance(source, str) and source.lower().startswith(URL_SCHEMES)


def kind_of_name(name: str | Path) -> Kind | None:
    """The kind a file name declares, None for a suffix claimboard does not read."""
    return _KIND_OF_SUFFIX.get(Path(name).suffix.lower())


def read_content(raw: bytes, name: str, declared: Kind) -> tuple[str, DocMeta, str | None]:
    """(text, metadata the document gives itself, a note on how it was read) from its bytes."""
    refuse_too_large(len(raw), name)
    if is_pdf(raw):
        text, inferred = pdf_document(raw, name)
        note = None if declared is Kind.PDF else message("read_as_pdf", declared=declared.value)
        return text, inferred, note
    if declared is Kind.PDF:
        raise InputError(message("not_pdf", path=name))
    text, note = decode_text(raw, name)
    if declared is Kind.HTML:
        return (*html_article(text, name), note)
    return text, DocMeta(), note


def read_file(path: Path, given: DocMeta) -> Document:
    """One .txt, .html or .pdf file -> Document (doc_id: its name); InputError naming it."""
    declared = kind_of_name(path)
    if declared is None:
        raise InputError(message("not_added", path=path))
    text, inferred, note = read_content(read_bytes(path), str(path), declared)
    return Document(doc_id=path.name, text=text, meta=given.merged_over(inferred), note=note)
