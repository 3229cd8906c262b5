"""PDF reports: the text layer of every page, joined into the one string offsets index into.

pypdf (pure Python, BSD, no network) reads the text each page draws. Pages are joined with a
blank line, so no sentence runs from one page into the next, and the joined string is the
document's text exactly: every claim offset indexes into it, as into a .txt file. A PDF with
no text layer (a scan, images only) is refused in one line: claimboard does not run OCR.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from typing import TYPE_CHECKING

from extract.document import DocMeta
from extract.errors import InputError, message

if TYPE_CHECKING:
    import pypdf

PDF_SUFFIX = ".pdf"
PDF_MAGIC = b"%PDF-"
# Readers accept the header anywhere in the first kilobyte (some generators put a line first).
_MAGIC_WINDOW = 1024
PAGE_SEPARATOR = "\n\n"

# pypdf reports every oddity of a damaged file as a logging warning; the one line claimboard
# prints about a file is its own, so only pypdf's errors may reach stderr.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def is_pdf(raw: bytes) -> bool:
    """A PDF by its content (its %PDF- header), whatever the file is called."""
    return PDF_MAGIC in raw[:_MAGIC_WINDOW]


def pdf_document(raw: bytes, name: str) -> tuple[str, DocMeta]:
    """(text of every page, the title the PDF gives itself); InputError when there is none."""
    import pypdf  # here, not above: a run over text files never pays for importing it

    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):  # "" opens owner-only protection
            raise InputError(message("pdf_encrypted", path=name))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = _title(reader)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        raise InputError(message("pdf_unreadable", path=name, reason=_reason(exc))) from None
    # NFC: a PDF may draw a Vietnamese letter as base + combining mark.
    text = unicodedata.normalize("NFC", PAGE_SEPARATOR.join(page.strip() for page in pages))
    if not text.strip():
        raise InputError(message("pdf_no_text", path=name, pages=len(pages)))
    return text, DocMeta(title=title)


def _title(reader: pypdf.PdfReader) -> str | None:
    title = reader.metadata.title if reader.metadata else None
    return title.strip() if isinstance(title, str) and title.strip() else None


def _reason(exc: Exception) -> str:
    first_line = str(exc).strip().splitlines()[:1]
    return first_line[0] if first_line else type(exc).__name__
