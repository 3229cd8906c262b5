"""Documents from the web: a page, a text file or a PDF fetched once, checked on the way in.

requests fetches with a connect and a read timeout, an overall deadline (a server may drip
bytes forever within the read timeout), a bounded number of redirects and a User-Agent that
names claimboard. The Content-Type is checked before the body is read; the body is read as a
stream and refused as soon as it passes the size cap, so an endless or huge response never
sits whole in memory. What arrives is read like a file of the same kind (readers/content.py),
so a PDF served as text/html is still read as a PDF. Every failure is one InputError line
naming the URL.

`public_only=True` (the dashboard's URL field, where whoever views the page names the URL;
`add --public-only` on the command line) refuses any host that is at a private, loopback,
link-local or otherwise non-global address (server-side request forgery: 127.0.0.1, 10.0.0.0/8,
169.254.169.254 and the like), for the first URL and every redirect: every address the host
name resolves to is checked before connecting, so no packet reaches an inner host, and the
connected socket's own address again before a byte is sent, so a name that resolves
otherwise the second time (DNS rebinding) cannot slip through.
Proxies from the environment are then not used, since the check must see the address the
request goes to.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import requests
import requests.adapters
import urllib3
import urllib3.connection
from urllib3.exceptions import NameResolutionError

from extract import __version__
from extract.document import Document
from extract.errors import InputError, message
from extract.readers.content import URL_SCHEMES, Kind, is_url, read_content
from extract.readers.pdf import PDF_SUFFIX, is_pdf
from extract.readers.read import MAX_DOCUMENT_BYTES, decode_text

USER_AGENT = f"claimboard/{__version__} (numeric claims from government reports)"
CONNECT_TIMEOUT_SECONDS = 10.0
READ_TIMEOUT_SECONDS = 30.0  # the longest wait for the next bytes
TOTAL_TIMEOUT_SECONDS = 120.0  # the whole download, however the server paces it
MAX_REDIRECTS = 5
MAX_FETCH_BYTES = MAX_DOCUMENT_BYTES  # the same cap as a file on disk
_CHUNK_BYTES = 64 * 1024

# Content-Type -> the reader. Generic types are what many servers send for a PDF download:
# accepted only when the bytes are a PDF.
_KIND_OF_TYPE = {
    "text/html": Kind.HTML,
    "application/xhtml+xml": Kind.HTML,
    "text/plain": Kind.TEXT,
    "application/pdf": Kind.PDF,
    "application/x-pdf": Kind.PDF,
}
_GENERIC_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_SUFFIX_OF_KIND = {Kind.HTML: ".html", Kind.TEXT: ".txt", Kind.PDF: PDF_SUFFIX}
_HTML_START = re.compile(rb"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.I | re.S)
_DOC_ID_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_DOC_ID_SLUG = 80
_MAX_CAUSES = 10  # exceptions wrapped in exceptions: how deep to look for the real reason
PUBLIC_ONLY_HELP = (
    "refuse URLs whose host is at a private, loopback, link-local or reserved address, also "
    "after a redirect (as the dashboard's URL field always does); off by default"
)
FROM_HELP = "a file of http(s) URLs to add, one a line (blank lines and # comments ignored)"


class PrivateAddress(Exception):
    """A connection reached an address that is not public, with public_only set."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(host, address)
        self.host, self.address = host, address


def is_public_address(address: str) -> bool:
    """A globally routable unicast address: not private, loopback, link-local, shared
    (100.64.0.0/10), reserved, unspecified or multicast. An IPv4 address written as IPv6
    (::ffff:10.0.0.1) is judged as the IPv4 address it is."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _PublicOnlyConnection(urllib3.connection.HTTPConnection):
    def _new_conn(self) -> socket.socket:
        for address in _resolved(self._dns_host, self.port):  # no packet to an inner host
            if not is_public_address(address):
                raise PrivateAddress(self.host, address)
        sock = super()._new_conn()
        address = sock.getpeername()[0]  # the name may resolve otherwise the second time
        if not is_public_address(address):
            sock.close()  # before anything is sent
            raise PrivateAddress(self.host, address)
        return sock


def _resolved(host: str, port: int) -> list[str]:
    """The addresses a host name resolves to (none when it does not: the connection then
    reports the name)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    return [info[4][0] for info in found]


class _PublicOnlyHTTPSConnection(urllib3.connection.HTTPSConnection):
    _new_conn = _PublicOnlyConnection._new_conn


class _PublicOnlyPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _PublicOnlyConnection


class _PublicOnlyHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _PublicOnlyHTTPSConnection


class _PublicOnlyAdapter(requests.adapters.HTTPAdapter):
    """Connections (first URL and redirects alike) that refuse a non-public peer address."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _PublicOnlyPool,
            "https": _PublicOnlyHTTPSPool,
        }


@dataclass(frozen=True)
class Fetched:
    url: str  # as given
    final_url: str  # after redirects
    content_type: str  # the media type alone, lower case ("" when the server sent none)
    raw: bytes


def fetch(url: str, public_only: bool = False) -> Fetched:
    """The body of `url` (after redirects), or InputError naming the URL and the problem;
    with `public_only`, a host at a non-public address (first or after a redirect) is one."""
    try:
        with requests.Session() as session:
            session.max_redirects = MAX_REDIRECTS
            session.headers["User-Agent"] = USER_AGENT
            if public_only:
                session.trust_env = False  # no proxy: the check must see the real peer
                for scheme in URL_SCHEMES:
                    session.mount(scheme, _PublicOnlyAdapter())
            timeout = (CONNECT_TIMEOUT_SECONDS, READ_TIMEOUT_SECONDS)
            with session.get(url, stream=True, timeout=timeout) as response:
                if response.status_code >= 400:
                    status = f"{response.status_code} {response.reason or ''}".strip()
                    raise InputError(message("url_status", url=url, status=status))
                content_type = _media_type(response.headers.get("Content-Type", ""))
                if content_type not in _KIND_OF_TYPE and content_type not in _GENERIC_TYPES:
                    raise InputError(message("url_type", url=url, content_type=content_type))
                _refuse_declared_size(response.headers.get("Content-Length"), url)
                raw = _read_capped(response, url)
                return Fetched(url, response.url, content_type, raw)
    except PrivateAddress as exc:
        address = exc.address
        raise InputError(message("url_private", url=url, host=exc.host, address=address)) from None
    except requests.exceptions.ConnectTimeout:
        seconds = CONNECT_TIMEOUT_SECONDS
        raise InputError(message("url_timeout", url=url, seconds=seconds)) from None
    except requests.exceptions.Timeout:
        raise InputError(message("url_timeout", url=url, seconds=READ_TIMEOUT_SECONDS)) from None
    except requests.exceptions.TooManyRedirects:
        raise InputError(message("url_redirects", url=url, limit=MAX_REDIRECTS)) from None
    except requests.exceptions.SSLError as exc:
        raise InputError(message("url_tls", url=url, reason=_reason(exc))) from None
    except requests.exceptions.ConnectionError as exc:
        raise InputError(_connection_problem(url, exc)) from None
    except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema) as exc:
        raise InputError(message("url_invalid", url=url, reason=_reason(exc))) from None
    except requests.exceptions.RequestException as exc:
        raise InputError(message("url_failed", url=url, reason=_reason(exc))) from None


def web_document(url: str, public_only: bool = False) -> tuple[Document, str]:
    """(the document at `url`, the URL it was finally read from); InputError naming `url`.

    The page's own canonical URL is its source; else the final URL after redirects.
    """
    fetched = fetch(url, public_only)
    declared = _declared_kind(fetched)
    text, inferred, note = read_content(fetched.raw, url, declared)
    inferred = replace(inferred, source_url=inferred.source_url or fetched.final_url)
    kind = Kind.PDF if is_pdf(fetched.raw) else declared
    doc = Document(
        doc_id=url_doc_id(fetched.final_url, kind),
        text=text,
        meta=inferred,
        note=note,
    )
    return doc, fetched.final_url


def fetch_documents(
    urls: Iterable[str], public_only: bool = False
) -> tuple[list[tuple[Document, str]], list[str]]:
    """Every URL fetched in turn: ([(document, final URL)], one line per URL that failed)."""
    documents: list[tuple[Document, str]] = []
    errors: list[str] = []
    for url in dict.fromkeys(urls):  # a URL named twice is fetched once
        try:
            documents.append(web_document(url, public_only))
        except InputError as exc:
            errors.append(str(exc))
    return documents, errors


def read_url_list(path: str | Path) -> tuple[list[str], list[str]]:
    """(URLs, errors) from a file of URLs, one a line; blank lines and # comments ignored."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [message("unreadable", path=path, reason=exc.strerror or exc)]
    try:
        text, _ = decode_text(raw, path)
    except InputError as exc:
        return [], [str(exc)]
    urls, errors = [], []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if is_url(line):
            urls.append(line)
        else:
            errors.append(message("not_a_url", path=path, line=number, text=line[:80]))
    return urls, errors


def url_doc_id(url: str, kind: Kind) -> str:
    """A short, readable, stable doc_id: host and path, e.g. moit.gov.vn-news-exports.html.

    A query, or a slug cut short, adds a hash of the whole URL so two pages stay apart.
    """
    parts = urlsplit(url)
    slug = _DOC_ID_CHARS.sub("-", f"{parts.hostname or ''}{parts.path}").strip("-.")
    suffix = _SUFFIX_OF_KIND[kind]
    if slug.lower().endswith(suffix):
        slug = slug[: -len(suffix)]
    if parts.query or len(slug) > _MAX_DOC_ID_SLUG:
        digest = hashlib.sha256(url.encode()).hexdigest()[:8]
        slug = f"{slug[:_MAX_DOC_ID_SLUG]}-{digest}"
    return f"{slug or 'page'}{suffix}"


def _declared_kind(fetched: Fetched) -> Kind:
    """The reader the Content-Type names; for a generic or missing type, what the bytes are."""
    if fetched.content_type in _KIND_OF_TYPE:
        return _KIND_OF_TYPE[fetched.content_type]
    if is_pdf(fetched.raw):
        return Kind.PDF
    if fetched.content_type == "":  # no type given: a page starts like one
        return Kind.HTML if _HTML_START.match(fetched.raw[:4096]) else Kind.TEXT
    raise InputError(message("url_type", url=fetched.url, content_type=fetched.content_type))


def _media_type(header: str) -> str:
    return header.split(";")[0].strip().lower()


def _refuse_declared_size(length: str | None, url: str) -> None:
    if length and length.strip().isdigit() and int(length) >= MAX_FETCH_BYTES:
        raise InputError(_too_large(url))


def _read_capped(response: requests.Response, url: str) -> bytes:
    """The body, read as it arrives: refused at the cap or the deadline, never held whole
    first. read1 returns what one read brings, so a server dripping bytes meets the
    deadline too (iter_content would wait for a whole chunk)."""
    deadline = time.monotonic() + TOTAL_TIMEOUT_SECONDS
    chunks: list[bytes] = []
    size = 0
    while chunk := response.raw.read1(_CHUNK_BYTES, decode_content=True):
        size += len(chunk)
        if size >= MAX_FETCH_BYTES:
            raise InputError(_too_large(url))
        if time.monotonic() > deadline:
            raise InputError(message("url_timeout", url=url, seconds=TOTAL_TIMEOUT_SECONDS))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(url: str) -> str:
    return message("url_too_large", url=url, limit_mb=MAX_FETCH_BYTES / 1e6)


def _connection_problem(url: str, exc: requests.exceptions.ConnectionError) -> str:
    """DNS failure and refused connection told apart: they need different fixes."""
    causes = _causes(exc)
    if any(isinstance(c, socket.gaierror | NameResolutionError) for c in causes):
        return message("url_dns", url=url, host=urlsplit(url).hostname)
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return message("url_refused", url=url)
    return message("url_unreachable", url=url, reason=_reason(exc))


def _causes(exc: BaseException) -> list[BaseException]:
    """exc and what it wraps, outermost first: requests wraps urllib3, which wraps OSError
    (as a cause, a `reason` attribute or its first argument)."""
    chain = [exc]
    while len(chain) < _MAX_CAUSES:
        last = chain[-1]
        inner = last.__cause__ or getattr(last, "reason", None) or (last.args[:1] or [None])[0]
        if not isinstance(inner, BaseException) or inner in chain:
            break
        chain.append(inner)
    return chain


def _reason(exc: BaseException) -> str:
    """The innermost cause's message, on one line."""
    inner = _causes(exc)[-1]
    text = " ".join(str(inner).split())
    return text[:200] or type(inner).__name__
