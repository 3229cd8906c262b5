"""Every message claimboard shows a user about bad input, in one place.

Each template names the file first and says the problem in one line, so a run over many
files prints one line per problem and never a traceback. Fill a template with `message`.
"""

from __future__ import annotations

# Exit codes of every command (python -m extract, add, export), beside the messages they end.
EXIT_OK = 0
EXIT_NOTHING_READ = 1
EXIT_USAGE = 2  # argparse's own code for bad arguments
EXIT_CANNOT_WRITE = 3
EXIT_INTERRUPTED = 130  # the shell's code for a run stopped by SIGINT

MESSAGES: dict[str, str] = {
    # reading documents (extract/readers/read.py)
    "not_found": "{path}: no such file or folder",
    "not_txt": "{path}: not a .txt document (claimboard reads plain-text .txt files)",
    "no_documents": "{path}: folder has no {expected} documents",
    "empty_file": "{path}: empty file (nothing but whitespace)",
    "too_large": (
        "{path}: file is too large ({size_mb:.1f} MB; documents must be under {limit_mb:g} MB)"
    ),
    "binary_file": "{path}: binary file, not text ({reason})",
    "not_utf8": (
        "{path}: not UTF-8 text, and not clearly Windows-1258 or Latin-1 either "
        "(first bad byte at offset {offset}); save it as UTF-8"
    ),
    "damaged_utf8": (
        "{path}: UTF-8 text with an invalid byte at offset {offset}; the file looks damaged"
    ),
    "unreadable": "{path}: cannot read the file ({reason})",
    # PDF reports (extract/readers/pdf.py, extract/readers/content.py)
    "not_pdf": "{path}: named .pdf but not a PDF (no %PDF- header); the file may be damaged",
    "pdf_no_text": (
        "{path}: a PDF with no text layer ({pages} pages of images, a scan?); claimboard reads "
        "text, not images: run OCR on it first"
    ),
    "pdf_encrypted": "{path}: the PDF is encrypted with a password; save an unprotected copy",
    "read_as_pdf": "read as PDF: the content is a PDF, not {declared} as its name or type says",
    "pdf_unreadable": "{path}: cannot read the PDF, it looks damaged ({reason})",
    # the web (extract/readers/web.py): every line names the URL as given
    "url_status": "{url}: the server answered {status}",
    "url_type": "{url}: the server sent {content_type}, not HTML, text or PDF",
    "url_timeout": "{url}: timed out (no complete answer within {seconds:g} s)",
    "url_redirects": "{url}: more than {limit} redirects; not followed further",
    "url_too_large": (
        "{url}: the response is too large (documents must be under {limit_mb:g} MB); "
        "download stopped"
    ),
    "url_dns": "{url}: no such host {host} (the name does not resolve)",
    "url_refused": "{url}: connection refused (nothing listens there)",
    "url_unreachable": "{url}: cannot connect ({reason})",
    "url_tls": "{url}: the secure connection failed ({reason})",
    "url_invalid": "{url}: not a valid http(s) URL ({reason})",
    "url_private": (
        "{url}: {host} is at {address}, a private, loopback, link-local or reserved address;"
        " not fetched"
    ),
    "url_failed": "{url}: the download failed ({reason})",
    "url_not_flat": (
        "{url}: a URL; the claims table reads local files only: add it to the store with "
        "python -m extract add URL"
    ),
    "not_a_url": "{path}, line {line}: not an http:// or https:// URL ({text!r})",
    "not_regular": "{path}: not a regular file ({kind}); claimboard reads files and folders",
    "symlink_loop": "{path}: symbolic link loop (or a link to a missing file); not read",
    "unlistable": "{path}: cannot list the folder ({reason})",
    "same_text": "{path}: same text as {other}; read once",
    # the cluster run reads a document twice (extract/cluster.py): it changed in between
    "changed_during_run": "{path}: changed while the run read it; skipped",
    "already_stored": "{path}: already in the store as {doc_id}",
    # metadata files (extract/readers/manifest.py)
    "bad_manifest": "{path}: bad metadata file, ignored ({reason})",
    "unknown_body": (
        "{path}: reporting body {body!r} is not in extract/lexicon/bodies.toml; kept as given"
    ),
    # writing the claims table (extract/write.py)
    "unknown_format": "{path}: unknown table format {suffix!r} (use .parquet, .csv or .jsonl)",
    "cannot_write": "{path}: cannot write the claims table ({reason})",
    "cannot_read_table": "{path}: cannot read the claims table ({reason})",
    "schema": "{path}: {reason}",
    # extracting (extract/parallel.py)
    "extraction_failed": "{path}: the extractor failed on this document, skipped (a bug): {reason}",
    "worker_failed": "{path}: the worker process extracting it failed, skipped ({reason})",
    # a cluster run (extract/cluster.py)
    "no_filesystem": "{url}: cannot reach this location ({reason})",
    "output_not_empty": "{path}: folder is not empty; write into a new or empty folder",
    "bad_scheduler": "{scheduler}: cannot use this Dask scheduler ({reason})",
    "scheduler_needs_folder": "{path}: with --scheduler, --out is a folder (Parquet by year)",
    # the command line (extract/cli.py)
    "nothing_read": "nothing could be read from {paths}: no claims table written",
    "missing_command": "the '{command}' command is not available in this installation ({reason})",
    "interrupted": "{path}: interrupted; nothing written (an earlier table is left as it was)",
    "inconsistent_rows": (
        "{path}: the extractor produced inconsistent rows, nothing written (a bug): {reason}"
    ),
    # the store (extract/store/database.py, extract/store/commands.py)
    "store_busy": "{db}: the store is busy (another claimboard process is writing); try again",
    "store_damaged": "{db}: the store is damaged ({reason}); restore it from a backup or export",
    "store_disk_full": "{db}: no room left to write the store ({reason}); nothing was changed",
    "store_read_only": "{db}: cannot write the store ({reason}); nothing was changed",
    "unknown_document": "{db}: no document {doc_id} in the store (python -m extract list)",
    "not_a_store": "{db}: not a claimboard store ({reason})",
    "no_store": "{db}: no store here yet; add documents first (python -m extract add PATH)",
    "not_added": (
        "{path}: not a .txt, .html or .pdf document "
        "(claimboard adds plain text, saved pages and PDF reports)"
    ),
    "no_article": "{path}: no article text found in the page",
    "html_too_deep": (
        "{path}: the page nests its elements more than {depth} deep, past what the HTML "
        "parser reads; save the article as text (.txt) instead"
    ),
    "export_not_empty": "{path}: folder is not empty; export into a new or empty folder",
    "export_is_file": "{path}: is a file, not a folder; export into a new or empty folder",
    "cannot_export": "{path}: cannot write the export ({reason}); nothing was written",
    "store_empty": "{db}: the store holds no claims yet; nothing to export",
}


class InputError(Exception):
    """A user-facing problem with one file: its message is a single line naming that file."""


class OutputError(Exception):
    """The claims table cannot be written or read where the user asked."""


def message(key: str, **fields: object) -> str:
    return MESSAGES[key].format(**fields)
