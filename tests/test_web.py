"""python -m extract add URL / --from FILE against a local HTTP server the test starts.

Nothing here touches the internet: the server listens on 127.0.0.1, and the one DNS failure
is made by the test (getaddrinfo refusing one host name) rather than looked up.
"""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.views.add_documents import FETCH_BUTTON_KEY, URLS_WIDGET_KEY
from extract import __version__
from extract.cli import main
from extract.readers import web
from extract.store.commands import add_main
from extract.store.database import read_corpus
from tests.conftest import pdf_bytes

PAGE = (
    b'<!DOCTYPE html><html lang="en"><head><title>Retail sales up</title>'
    b'<link rel="canonical" href="https://example.gov.vn/retail">'
    b'<meta property="article:published_time" content="2023-06-02T08:00:00+07:00">'
    b"</head><body><nav>Home | 42 visitors online</nav><article><p>Retail sales of goods and "
    b"services rose 9.3% in May 2023 over the same period last year, the statistics office "
    b"said, with accommodation and food services up 17.2% and tourism up 60%.</p></article>"
    b"<footer>Hotline 1900 1234</footer></body></html>"
)
PAGE_WITHOUT_CANONICAL = PAGE.replace(
    b'<link rel="canonical" href="https://example.gov.vn/retail">', b""
)
TEXT = b"Industrial production grew 8.4% in 2024, the department said."
REPORT = pdf_bytes([["Exports rose 12% in 2023 to 42.46 billion USD."], ["Imports fell 4.3%."]])
APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
HUGE_BYTES = 20_000_000
CAP_BYTES = 200_000

REDIRECT_TO = "/redirect-to/"
# path -> (status, headers, body)
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/news/retail.html": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
    "/plain": (200, {"Content-Type": "text/plain"}, TEXT),
    "/report.pdf": (200, {"Content-Type": "application/pdf"}, REPORT),
    "/download": (200, {"Content-Type": "application/octet-stream"}, REPORT),
    "/pdf-served-as-html": (200, {"Content-Type": "text/html"}, REPORT),
    "/no-type": (200, {}, PAGE_WITHOUT_CANONICAL),
    "/moved": (302, {"Location": "/news/retail.html"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/missing": (404, {"Content-Type": "text/html"}, b"<html>not found</html>"),
    "/picture.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(100)),
    "/binary": (200, {"Content-Type": "application/octet-stream"}, bytes(range(256)) * 4),
    "/menu.html": (
        200,
        {"Content-Type": "text/html"},
        b"<html><body><nav>Home 12%</nav></body></html>",
    ),
    "/slow": (200, {"Content-Type": "text/plain"}, TEXT),
    "/declared-huge": (200, {"Content-Type": "text/plain", "Content-Length": str(10**9)}, b""),
}


class Handler(http.server.BaseHTTPRequestHandler):
    sent: dict[str, int] = {}  # path -> bytes of body written before the client went away
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Handler.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/huge":
            return self._stream_huge()
        if self.path == "/drip":
            return self._drip()
        if self.path.startswith(REDIRECT_TO):  # a redirect to the address after it
            self.send_response(302)
            self.send_header("Location", self.path[len(REDIRECT_TO) :])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if self.path == "/slow":
            time.sleep(2)  # longer than the read timeout the test sets
        status, headers, body = ROUTES.get(self.path, ROUTES["/missing"])
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (a declared size refused)

    def _drip(self) -> None:
        """A byte every 0.1 s for 5 s: each within the read timeout, the whole past the
        overall deadline the test sets."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            for _ in range(50):
                self.wfile.write(b"5")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    def _stream_huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()  # no Content-Length: the size shows only while reading
        chunk = b"Exports rose 5%. " * 4096
        sent = 0
        try:
            while sent < HUGE_BYTES:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
        Handler.sent[self.path] = sent

    def log_message(self, *args) -> None:  # no access log on the test's stderr
        pass


def serve(host: str) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer((host, 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://{host}:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    yield from serve("127.0.0.1")


@pytest.fixture(scope="module")
def inner_server() -> Iterator[str]:
    """A second server, on another loopback address: an "internal" host to redirect to."""
    yield from serve("127.0.0.2")


@pytest.fixture
def loopback_is_public(monkeypatch):
    """127.0.0.1 taken for a public address (the test server stands for a ministry's), every
    other address judged as it is."""
    judge = web.is_public_address
    monkeypatch.setattr(web, "is_public_address", lambda a: a == "127.0.0.1" or judge(a))


def run_add(capsys, *args) -> tuple[int, str, str]:
    code = add_main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def documents(db) -> dict:
    return read_corpus(db)[1].set_index("doc_id").to_dict("index")


def test_web_add_url_stores_the_article_its_canonical_url_date_and_final_url(
    server, tmp_path, capsys
):
    db = tmp_path / "c.duckdb"
    code, out, err = run_add(capsys, f"{server}/moved", "--db", db)
    assert (code, err) == (0, ""), err
    assert "1 documents (1 added" in out
    ((doc_id, doc),) = documents(db).items()
    assert doc_id == "127.0.0.1-news-retail.html"
    assert doc["file_name"] == f"{server}/news/retail.html"  # the final URL, after the redirect
    assert doc["source_url"] == "https://example.gov.vn/retail"  # the page's canonical URL
    assert doc["published"] == "2023-06-02" and doc["title"] == "Retail sales up"
    assert "9.3%" in doc["text"] and "visitors" not in doc["text"]
    assert (
        Handler.agents[-1] == f"claimboard/{__version__} (numeric claims from government reports)"
    )


@pytest.mark.parametrize(
    ("path", "doc_id", "expected"),
    [
        ("/plain", "127.0.0.1-plain.txt", "8.4% in 2024"),
        ("/report.pdf", "127.0.0.1-report.pdf", "Exports rose 12%"),
        ("/download", "127.0.0.1-download.pdf", "Imports fell 4.3%"),
        ("/pdf-served-as-html", "127.0.0.1-pdf-served-as-html.pdf", "Exports rose 12%"),
        ("/no-type", "127.0.0.1-no-type.html", "Retail sales"),
    ],
)
def test_web_add_url_reads_each_content_type(server, tmp_path, capsys, path, doc_id, expected):
    db = tmp_path / "c.duckdb"
    code, _, err = run_add(capsys, f"{server}{path}", "--db", db)
    assert code == 0 and "error" not in err, err
    doc = documents(db)[doc_id]
    assert expected in doc["text"] and "%PDF" not in doc["text"]
    if path == "/no-type":  # no canonical URL on the page: the URL it was read from
        assert doc["source_url"] == f"{server}{path}"


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/missing", "the server answered 404 Not Found"),
        ("/loop", "more than 5 redirects"),
        ("/picture.png", "the server sent image/png, not HTML, text or PDF"),
        ("/binary", "the server sent application/octet-stream, not HTML, text or PDF"),
        ("/menu.html", "no article text found in the page"),
        ("/declared-huge", "too large"),
        ("/huge", "too large"),
        ("/slow", "timed out (no complete answer within 0.5 s)"),
        ("/drip", "timed out (no complete answer within 1 s)"),
    ],
)
def test_web_add_url_failure_is_one_line_naming_it_and_the_others_go_on(
    server, tmp_path, capsys, monkeypatch, path, problem
):
    monkeypatch.setattr(web, "MAX_FETCH_BYTES", CAP_BYTES)
    monkeypatch.setattr(web, "READ_TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(web, "TOTAL_TIMEOUT_SECONDS", 1.0)
    db = tmp_path / "c.duckdb"
    code, out, err = run_add(capsys, f"{server}{path}", f"{server}/plain", "--db", db)
    assert code == 0 and "1 documents (1 added" in out
    assert err.startswith(f"error: {server}{path}: ") and problem in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert list(documents(db)) == ["127.0.0.1-plain.txt"]


def test_web_too_large_is_refused_while_streaming(server, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(web, "MAX_FETCH_BYTES", CAP_BYTES)
    code, _, err = run_add(capsys, f"{server}/huge", "--db", tmp_path / "c.duckdb")
    assert code == 1 and "too large" in err
    for _ in range(50):  # the server notices the closed connection on its next writes
        if "/huge" in Handler.sent:
            break
        time.sleep(0.1)
    assert Handler.sent["/huge"] < HUGE_BYTES / 2  # the client stopped reading at the cap


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_web_add_dns_failure_and_refused_connection(
    tmp_path, capsys, monkeypatch, closed_port, server
):
    real_getaddrinfo = socket.getaddrinfo

    def no_such_host(host, *args, **kwargs):
        if host == "reports.example.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    refused = f"http://127.0.0.1:{closed_port}/report"
    code, out, err = run_add(
        capsys,
        "http://reports.example.invalid/a",
        refused,
        f"{server}/plain",
        "--db",
        tmp_path / "c.duckdb",
    )
    assert code == 0 and "1 documents (1 added" in out
    assert err.splitlines() == [
        "error: http://reports.example.invalid/a: no such host reports.example.invalid "
        "(the name does not resolve)",
        f"error: {refused}: connection refused (nothing listens there)",
    ]


def test_web_add_from_a_list_of_urls(server, tmp_path, capsys):
    listed = tmp_path / "urls.txt"
    listed.write_text(
        f"# ministry pages\n\n{server}/news/retail.html\n  {server}/report.pdf  \n"
        f"{server}/missing\nnot a url\n{server}/report.pdf\n",
        encoding="utf-8",
    )
    db = tmp_path / "c.duckdb"
    code, out, err = run_add(capsys, "--from", listed, f"{server}/plain", "--db", db)
    assert code == 0 and "3 documents (3 added" in out
    assert err.splitlines() == [
        f"error: {listed}, line 6: not an http:// or https:// URL ('not a url')",
        f"error: {server}/missing: the server answered 404 Not Found",
    ]
    assert sorted(documents(db)) == [
        "127.0.0.1-news-retail.html",
        "127.0.0.1-plain.txt",
        "127.0.0.1-report.pdf",
    ]


def test_web_add_url_again_changes_nothing(server, tmp_path, capsys):
    db = tmp_path / "c.duckdb"
    run_add(capsys, f"{server}/plain", "--db", db)
    code, out, _ = run_add(capsys, f"{server}/plain", "--db", db)
    assert code == 0 and "(0 added, 0 replaced, 1 unchanged)" in out


@pytest.mark.parametrize(
    ("url", "kind", "doc_id"),
    [
        (
            "https://moit.gov.vn/tin-tuc/xuat-khau.html",
            web.Kind.HTML,
            "moit.gov.vn-tin-tuc-xuat-khau.html",
        ),
        ("https://moit.gov.vn/", web.Kind.HTML, "moit.gov.vn.html"),
        ("https://x.vn/report.PDF", web.Kind.PDF, "x.vn-report.pdf"),
        ("https://x.vn/news?id=7", web.Kind.TEXT, "x.vn-news-"),
    ],
)
def test_web_url_doc_id_is_short_readable_and_stable(url, kind, doc_id):
    assert web.url_doc_id(url, kind).startswith(doc_id)
    assert web.url_doc_id(url, kind) == web.url_doc_id(url, kind)
    assert len(web.url_doc_id("https://x.vn/" + "a" * 500, kind)) < 100


def test_web_dashboard_add_documents_url_field_fetches_and_adds(
    server, tmp_path, monkeypatch, loopback_is_public
):
    db = tmp_path / "claimboard.duckdb"
    (tmp_path / "first.txt").write_text("Output rose 7.5% in 2024.", encoding="utf-8")
    assert add_main([str(tmp_path / "first.txt"), "--db", str(db)]) == 0
    monkeypatch.setenv("CLAIMBOARD_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at = at.switch_page("views/add_documents.py").run()
    at.text_area(key=URLS_WIDGET_KEY).input(f"{server}/news/retail.html\n\n{server}/missing\n")
    at.run()
    at.button(key=FETCH_BUTTON_KEY).click().run()
    assert not at.exception
    assert "1 of 2" in at.success[0].value
    shown = [error.value.replace("\\", "") for error in at.error]  # Markdown-escaped
    assert shown == [f"{server}/missing: the server answered 404 Not Found"]
    stored = read_corpus(db)[1].set_index("doc_id")
    assert stored.loc["127.0.0.1-news-retail.html", "source_url"] == "https://example.gov.vn/retail"


def test_web_flat_command_names_a_url_and_reads_the_files(server, tmp_path, capsys):
    requests_before = len(Handler.agents)
    (tmp_path / "a.txt").write_text("Output rose 7.5% in 2024.", encoding="utf-8")
    out = tmp_path / "claims.csv"
    assert main([f"{server}/plain", str(tmp_path / "a.txt"), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert err == (
        f"error: {server}/plain: a URL; the claims table reads local files only: add it to the "
        "store with python -m extract add URL\n"
    )
    assert len(Handler.agents) == requests_before and out.exists()  # nothing fetched


def test_web_add_one_url_twice_or_again_is_one_document(server, tmp_path, run_cli):
    db = tmp_path / "c.duckdb"
    first = run_cli("add", f"{server}/news/retail.html", f"{server}/news/retail.html", "--db", db)
    assert (first.returncode, first.stderr) == (0, "")
    assert "1 documents (1 added, 0 replaced, 0 unchanged)" in first.stdout
    again = run_cli("add", f"{server}/news/retail.html", f"{server}/moved", "--db", db)
    assert again.returncode == 0
    assert "1 documents (0 added, 0 replaced, 1 unchanged)" in again.stdout  # /moved: that page
    assert again.stderr == (
        f"note: {server}/news/retail.html: same text as {server}/news/retail.html; read once\n"
    )
    assert list(documents(db)) == ["127.0.0.1-news-retail.html"]


def test_web_url_with_a_stored_files_text_is_that_document(server, tmp_path, run_cli):
    (tmp_path / "plain.txt").write_bytes(TEXT)
    db = tmp_path / "c.duckdb"
    assert run_cli("add", tmp_path / "plain.txt", "--db", db).returncode == 0

    fetched = run_cli("add", f"{server}/plain", "--db", db)

    assert fetched.returncode == 0
    assert fetched.stderr == f"note: {server}/plain: already in the store as plain.txt\n"
    assert "1 documents (0 added, 0 replaced, 0 unchanged, 1 already stored)" in fetched.stdout
    assert list(documents(db)) == ["plain.txt"]
    assert documents(db)["plain.txt"]["file_name"] == str(tmp_path / "plain.txt")


def test_web_file_with_a_stored_pages_text_is_that_document(server, tmp_path, run_cli):
    """A page cannot be seen gone without fetching it: a file of its text is a copy, never
    the page renamed."""
    db = tmp_path / "c.duckdb"
    assert run_cli("add", f"{server}/plain", "--db", db).returncode == 0
    (tmp_path / "plain.txt").write_bytes(TEXT)

    copied = run_cli("add", tmp_path / "plain.txt", "--db", db)

    assert (
        copied.stderr
        == f"note: {tmp_path / 'plain.txt'}: already in the store as 127.0.0.1-plain.txt\n"
    )
    assert documents(db)["127.0.0.1-plain.txt"]["file_name"] == f"{server}/plain"


def test_web_changed_page_at_the_same_url_replaces_its_document(
    server, tmp_path, run_cli, monkeypatch
):
    db = tmp_path / "c.duckdb"
    page = (200, {"Content-Type": "text/plain"}, b"Exports rose 5% in 2024.")
    monkeypatch.setitem(ROUTES, "/changing", page)
    assert run_cli("add", f"{server}/changing", "--db", db).returncode == 0
    monkeypatch.setitem(ROUTES, "/changing", (*page[:2], b"Exports rose 7% in 2024."))

    changed = run_cli("add", f"{server}/changing", "--db", db)

    assert (changed.returncode, changed.stderr) == (0, "")
    assert "1 documents (0 added, 1 replaced, 0 unchanged)" in changed.stdout
    claims, stored = read_corpus(db)
    assert stored["doc_id"].tolist() == ["127.0.0.1-changing.txt"]
    assert stored["text"].tolist() == ["Exports rose 7% in 2024."]
    assert claims["value"].tolist() == [7.0]


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),  # loopback
        ("127.255.0.9", False),
        ("::1", False),
        ("10.1.2.3", False),  # private
        ("172.16.0.1", False),
        ("172.31.255.255", False),
        ("192.168.1.1", False),
        ("fc00::1", False),
        ("169.254.169.254", False),  # link-local: the cloud metadata service
        ("fe80::1", False),
        ("100.64.0.1", False),  # shared address space (carrier NAT)
        ("0.0.0.0", False),  # unspecified
        ("240.0.0.1", False),  # reserved
        ("224.0.0.1", False),  # multicast
        ("::ffff:127.0.0.1", False),  # IPv4 written as IPv6
        ("::ffff:10.0.0.1", False),
        ("8.8.8.8", True),
        ("172.32.0.1", True),  # just past 172.16.0.0/12
        ("192.169.0.1", True),  # just past 192.168.0.0/16
        ("11.0.0.1", True),  # just past 10.0.0.0/8
        ("100.128.0.1", True),  # just past 100.64.0.0/10
        ("::ffff:8.8.8.8", True),
        ("2001:4860:4860::8888", True),
    ],
)
def test_web_is_public_address(address, public):
    assert web.is_public_address(address) is public


def test_web_add_public_only_refuses_loopback_hosts_by_address_and_by_name(
    server, tmp_path, run_cli
):
    port = server.rsplit(":", 1)[1]
    db = tmp_path / "c.duckdb"
    named = f"http://localhost:{port}/plain"

    refused = run_cli("add", "--public-only", f"{server}/plain", named, "--db", db)

    assert refused.returncode == 1 and not db.exists()
    lines = refused.stderr.splitlines()
    assert lines[0] == (
        f"error: {server}/plain: 127.0.0.1 is at 127.0.0.1, a private, loopback, link-local "
        "or reserved address; not fetched"
    )
    assert lines[1].startswith(f"error: {named}: localhost is at ")
    assert lines[1].endswith("not fetched") and len(lines) == 3  # and "nothing read"
    assert run_cli("add", f"{server}/plain", "--db", db).returncode == 0  # off by default


def test_web_public_only_refuses_a_redirect_to_an_inner_address(
    server, inner_server, tmp_path, capsys, loopback_is_public
):
    requests_before = len(Handler.agents)
    inside = f"{server}{REDIRECT_TO}{inner_server}/plain"
    db = tmp_path / "c.duckdb"
    code, out, err = run_add(capsys, "--public-only", inside, f"{server}/plain", "--db", db)
    assert code == 0 and "1 documents (1 added" in out  # the "public" server is fetched
    assert err == (
        f"error: {inside}: 127.0.0.2 is at 127.0.0.2, a private, loopback, link-local or "
        "reserved address; not fetched\n"
    )
    assert len(Handler.agents) == requests_before + 2  # the inner server got no request
    assert list(documents(db)) == ["127.0.0.1-plain.txt"]


def test_web_dashboard_url_field_refuses_internal_addresses(server, tmp_path, monkeypatch):
    db = tmp_path / "claimboard.duckdb"
    (tmp_path / "first.txt").write_text("Output rose 7.5% in 2024.", encoding="utf-8")
    assert add_main([str(tmp_path / "first.txt"), "--db", str(db)]) == 0
    monkeypatch.setenv("CLAIMBOARD_DB", str(db))
    requests_before = len(Handler.agents)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at = at.switch_page("views/add_documents.py").run()
    at.text_area(key=URLS_WIDGET_KEY).input(f"{server}/plain\nhttp://169.254.169.254/latest\n")
    at.run()
    at.button(key=FETCH_BUTTON_KEY).click().run()
    assert not at.exception and not at.success
    shown = [error.value.replace("\\", "") for error in at.error]  # Markdown-escaped
    assert shown[0] == (
        f"{server}/plain: 127.0.0.1 is at 127.0.0.1, a private, loopback, link-local or "
        "reserved address; not fetched"
    )
    assert shown[1] == (
        "http://169.254.169.254/latest: 169.254.169.254 is at 169.254.169.254, a private, "
        "loopback, link-local or reserved address; not fetched"
    )
    assert len(Handler.agents) == requests_before
    assert list(read_corpus(db)[1]["doc_id"]) == ["first.txt"]


def test_web_public_only_checks_the_connected_address_too(server, tmp_path, capsys, monkeypatch):
    """DNS rebinding: the name resolved to a public address when checked, then to 127.0.0.1
    when connecting; the connected socket's address is refused before anything is sent."""
    monkeypatch.setattr(web, "_resolved", lambda host, port: ["93.184.216.34"])
    requests_before = len(Handler.agents)
    code, _, err = run_add(capsys, "--public-only", f"{server}/plain", "--db", tmp_path / "c.db")
    assert code == 1
    assert err.splitlines()[0] == (
        f"error: {server}/plain: 127.0.0.1 is at 127.0.0.1, a private, loopback, link-local or "
        "reserved address; not fetched"
    )
    assert len(Handler.agents) == requests_before
