"""The reading end: paths in, Documents out. Bad input becomes one InputError line per file.

The text is kept exactly as decoded (newlines included) because every claim's offsets index
into it. Only a UTF-8 byte-order mark is dropped, and Windows-1258 text, whose tone marks
are separate combining characters, is composed to NFC so it reads like any other document.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from extract.document import DocMeta, Document
from extract.errors import InputError, message

DOCUMENT_SUFFIX = ".txt"
# A conference report is a few hundred kB at most; a file this large is a mistake (a dump,
# a log), and reading it would hold the whole run. A file of exactly this size is refused.
MAX_DOCUMENT_BYTES = 50_000_000

_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}  # tab, LF, FF, CR are text
_MAX_CONTROL_SHARE = 0.01  # real text has almost no control bytes; binaries are full of them
# Even Vietnamese is mostly ASCII (spaces, digits, unaccented letters): in UTF-16 without a
# byte-order mark, at least this share of its characters have a NUL high byte.
_MIN_UTF16_ASCII_SHARE = 0.3

# Letters Vietnamese has and Western European languages do not; with the tone marks
# (combining in Windows-1258) they are what tells Vietnamese apart from Latin-1 French.
_VIETNAMESE_LETTERS = frozenset("ăđơưĂĐƠƯ")
# Non-ASCII characters a Western European text may hold besides letters.
_WESTERN_SYMBOLS = frozenset("«»°±·×÷§¶©®€£¥¢’‘“”–—…•\u00a0")


def collect_paths(
    paths: Iterable[str | Path],
    suffixes: tuple[str, ...] = (DOCUMENT_SUFFIX,),
    wrong_type: str = "not_txt",
) -> tuple[list[Path], list[str]]:
    """Expand folders to their documents (files with one of `suffixes`, sorted, not recursive);
    return (files, errors). `wrong_type` names the message for a file of another type."""
    files: list[Path] = []
    errors: list[str] = []
    for given in map(Path, paths):
        if given.is_dir():
            try:  # what is not a regular file (a FIFO, a link loop) is refused when read
                found = sorted(
                    p for p in given.iterdir() if not p.is_dir() and p.suffix.lower() in suffixes
                )
            except OSError as exc:
                errors.append(message("unlistable", path=given, reason=exc.strerror or exc))
                continue
            if not found:
                expected = " or ".join(suffixes)
                errors.append(message("no_documents", path=given, expected=expected))
            files.extend(found)
        elif given.is_symlink() and not given.exists():
            errors.append(message("symlink_loop", path=given))
        elif not given.exists():
            errors.append(message("not_found", path=given))
        elif given.suffix.lower() not in suffixes:
            errors.append(message(wrong_type, path=given))
        else:
            files.append(given)
    return _unique(files), errors


def _unique(files: list[Path]) -> list[Path]:
    """The same file named twice (or via a folder and by name) is read once."""
    seen: set[str] = set()
    kept = []
    for path in files:
        real = os.path.realpath(path)  # never raises: a link loop is reported when read
        if real not in seen:
            seen.add(real)
            kept.append(path)
    return kept


def read_document(path: Path, meta: DocMeta | None = None) -> Document:
    """Read one .txt file; raise InputError (one line naming the file) when it is not text."""
    text, note = decode_text(read_bytes(path), path)
    return Document(doc_id=path.name, text=text, meta=meta or DocMeta(), note=note)


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file under the size limit, else InputError: a FIFO would
    block the run and a device (a link to /dev/zero) never ends, so neither is opened."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(message("not_regular", path=path, kind=_file_kind(info.st_mode)))
        refuse_too_large(info.st_size, path)  # before reading it all into memory
        return path.read_bytes()
    except OSError as exc:
        if exc.errno == errno.ELOOP or (path.is_symlink() and not path.exists()):
            raise InputError(message("symlink_loop", path=path)) from None
        raise InputError(message("unreadable", path=path, reason=exc.strerror or exc)) from None


def _file_kind(mode: int) -> str:
    kinds = {stat.S_ISFIFO: "a FIFO", stat.S_ISCHR: "a device", stat.S_ISBLK: "a device"}
    return next((kind for test, kind in kinds.items() if test(mode)), "a socket or special file")


def decode_text(raw: bytes, name: str | Path) -> tuple[str, str | None]:
    """Bytes of a document -> (text, note). The note says which legacy encoding was used."""
    refuse_too_large(len(raw), name)
    utf16 = _decode_utf16(raw)
    if utf16 is not None:
        encoding, text = utf16
        if not text.strip():
            raise InputError(message("empty_file", path=name))
        return text, f"decoded as {encoding} (not UTF-8)"
    binary_reason = _binary_reason(raw)
    if binary_reason:
        raise InputError(message("binary_file", path=name, reason=binary_reason))
    try:
        text, note = raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        if _mostly_utf8(raw):  # a stray byte in UTF-8: any legacy reading would be mojibake
            raise InputError(message("damaged_utf8", path=name, offset=exc.start)) from None
        legacy = _decode_legacy(raw)
        if legacy is None:
            raise InputError(message("not_utf8", path=name, offset=exc.start)) from None
        encoding, text = legacy
        note = f"decoded as {encoding} (not UTF-8)"
    if not text.strip():
        raise InputError(message("empty_file", path=name))
    return text, note


def refuse_too_large(size: int, name: str | Path) -> None:
    if size >= MAX_DOCUMENT_BYTES:
        limit_mb = MAX_DOCUMENT_BYTES / 1e6
        raise InputError(message("too_large", path=name, size_mb=size / 1e6, limit_mb=limit_mb))


def _decode_utf16(raw: bytes) -> tuple[str, str] | None:
    """(encoding name, text) when the bytes are UTF-16 text, with or without a byte-order mark.

    Without a mark, UTF-16 shows itself by its NUL bytes: the high byte of every ASCII
    character (spaces, digits, Latin letters), all on one side of each pair. A binary file
    has NULs on both sides, or decodes to control characters and unassigned code points.
    """
    for mark, codec, name in (
        (b"\xff\xfe", "utf-16-le", "UTF-16LE"),
        (b"\xfe\xff", "utf-16-be", "UTF-16BE"),
    ):
        if raw.startswith(mark):
            text = _decoded(raw[len(mark) :], codec)
            return (name, text) if text is not None and _all_text(text) else None
    if len(raw) < 2 or len(raw) % 2 or b"\x00" not in raw:
        return None
    pairs = len(raw) // 2
    nul_high = {"utf-16-le": raw[1::2].count(0), "utf-16-be": raw[0::2].count(0)}
    for codec, name in (("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")):
        other = nul_high["utf-16-be" if codec == "utf-16-le" else "utf-16-le"]
        if nul_high[codec] >= _MIN_UTF16_ASCII_SHARE * pairs and other == 0:
            text = _decoded(raw, codec)
            if text is not None and _all_text(text):
                return name, text
    return None


def _all_text(text: str) -> bool:
    """No control characters but whitespace, no private-use, unassigned or lone surrogates."""
    return not any(
        unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs") and c not in "\t\n\x0c\r" for c in text
    )


def _binary_reason(raw: bytes) -> str | None:
    if b"\x00" in raw:
        return "it contains NUL bytes"
    controls = sum(raw.count(bytes([b])) for b in _CONTROL_BYTES)
    if raw and controls / len(raw) > _MAX_CONTROL_SHARE:
        return f"{controls} control bytes"
    return None


def _mostly_utf8(raw: bytes) -> bool:
    """More valid UTF-8 multi-byte characters than invalid bytes: UTF-8, damaged."""
    text = raw.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    return sum(ord(c) > 0x7F for c in text) - invalid > invalid


def _decode_legacy(raw: bytes) -> tuple[str, str] | None:
    """(encoding name, text) when the bytes are clearly one of the legacy encodings, else None.

    Vietnamese first: Windows-1258 shares its Western letters with Latin-1 and Windows-1252,
    so only its own letters and tone marks can tell it apart.
    """
    vietnamese = _decoded(raw, "cp1258")
    if vietnamese is not None and _looks_vietnamese(vietnamese):
        return "Windows-1258", unicodedata.normalize("NFC", vietnamese)
    for codec, name in (("latin-1", "Latin-1"), ("cp1252", "Windows-1252")):
        western = _decoded(raw, codec)
        if western is not None and _looks_western(western):
            return name, western
    return None


def _decoded(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _non_ascii(text: str) -> list[str]:
    return [c for c in text if ord(c) > 0x7F]


def _looks_vietnamese(text: str) -> bool:
    """Most non-ASCII characters are Vietnamese letters or tone marks that sit on a letter."""
    chars = _non_ascii(text)
    marks = sum(
        1
        for i, c in enumerate(text)
        if unicodedata.combining(c) and i > 0 and text[i - 1].isalpha()
    )
    vietnamese = marks + sum(c in _VIETNAMESE_LETTERS for c in chars)
    return _all_printable(chars) and vietnamese >= 2 and vietnamese >= 0.3 * len(chars)


def _looks_western(text: str) -> bool:
    """Every non-ASCII character is a printable letter or a common typographic symbol."""
    chars = _non_ascii(text)
    usual = sum(c.isalpha() or c in _WESTERN_SYMBOLS for c in chars)
    return _all_printable(chars) and usual >= 0.95 * len(chars)


def _all_printable(chars: list[str]) -> bool:
    # C1 controls (0x80-0x9F) are what a wrong single-byte guess produces.
    return not any(unicodedata.category(c) == "Cc" for c in chars)
