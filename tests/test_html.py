"""html.py on hand-written saved pages: the article only, and what the page says of itself."""

from __future__ import annotations

import pytest

from extract.document import Document
from extract.errors import InputError
from extract.pipeline.claims import extract_document
from extract.readers.html import html_document
from extract.store.commands import add_main
from extract.store.database import read_corpus

ARTICLE = """
<article>
<h1>Exports rise 12% in 2023</h1>
<p>In 2023, export turnover of the province reached 42.46 billion USD, an increase of 12%
compared to 2022. The trade surplus was nearly 3 billion USD, according to the department.</p>
<p>Imports reached 39.5 billion USD, down 4.3% year on year, as processing industries
recovered strongly and new factories in the industrial parks started production.</p>
<p>The department expects growth of 8% in 2024 as investment keeps flowing into the sector
and export markets in Europe and North America recover.</p>
</article>
"""
# Numbers around the article that are not claims: none of them may reach the text.
CHROME = {
    "nav": '<nav><ul><li><a href="/">Home</a></li><li>Top 5% readers: 999,999</li></ul></nav>',
    "comments": (
        '<div class="comments" id="comments"><h3>Comments (3)</h3>'
        "<div class='comment'><p>I think it grew 77% really, the numbers are wrong!</p>"
        "</div></div>"
    ),
    "footer": "<footer><p>Copyright 2024. Hotline 1900 1234. Visits up 63% today.</p></footer>",
}
NOT_CLAIMS = ("999,999", "77%", "1900 1234", "63%", "Top 5%")


def page(head: str = "", lang: str = "en", body: str = ARTICLE) -> bytes:
    chrome = CHROME["nav"] + body + CHROME["comments"] + CHROME["footer"]
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>Exports rise 12% in 2023 | Portal</title>{head}</head>"
        f"<body>{chrome}</body></html>"
    ).encode()


HEAD = (
    '<meta property="og:url" content="https://example.gov.vn/news/exports-og">'
    '<link rel="canonical" href="https://example.gov.vn/news/exports">'
    '<meta property="article:published_time" content="2024-01-15T08:00:00+07:00">'
)


def test_html_document_keeps_the_article_and_drops_nav_comments_footer():
    text, _ = html_document(page(HEAD), "exports.html")
    assert "42.46 billion USD" in text and "down 4.3% year on year" in text
    assert not [chrome for chrome in NOT_CLAIMS if chrome in text]


def test_html_document_claims_come_from_the_article_only():
    text, meta = html_document(page(HEAD), "exports.html")
    rows = extract_document(Document("exports.html", text, meta))
    mentions = {text[row["start"] : row["end"]] for row in rows}
    assert mentions, "the article's figures should be found"
    assert not [m for m in mentions if any(m in chrome for chrome in NOT_CLAIMS)]


@pytest.mark.parametrize(
    ("head", "lang", "expected"),
    [
        (
            HEAD,
            "en",
            {
                "source_url": "https://example.gov.vn/news/exports",  # canonical beats og:url
                "published": "2024-01-15",
                "lang": "en",
            },
        ),
        (
            '<meta property="og:url" content="https://example.gov.vn/news/exports-og">',
            "vi-VN",
            {"source_url": "https://example.gov.vn/news/exports-og", "lang": "vi"},
        ),
        ("", "fr", {"source_url": None, "published": None, "lang": "fr"}),
    ],
)
def test_html_document_metadata_from_the_page(head, lang, expected):
    _, meta = html_document(page(head, lang), "exports.html")
    assert {key: getattr(meta, key) for key in expected} == expected
    assert meta.title == "Exports rise 12% in 2023"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (page(body="<article></article>"), "no article text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file"),
        (b"   \n", "empty file"),
    ],
)
def test_html_document_refuses_pages_without_an_article(raw, problem):
    with pytest.raises(InputError) as caught:
        html_document(raw, "bad.html")
    assert str(caught.value).startswith("bad.html: ") and problem in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("depth", "added"),
    [(1_000, True), (2_000, True), (5_000, False), (100_000, False)],
)
def test_html_deeply_nested_page_is_read_or_refused_in_one_line(tmp_path, capsys, depth, added):
    """libxml2 stops at 2048 levels: below it the article is found, past it the page is
    refused with the reason (never "no article text", never a traceback)."""
    nested = "<div>" * depth + ARTICLE + "</div>" * depth
    path = tmp_path / "deep.html"
    path.write_bytes(page(body=nested))
    db = tmp_path / "c.duckdb"
    code = add_main([str(path), "--db", str(db)])
    out, err = capsys.readouterr()
    if added:
        assert (code, err) == (0, "")
        text = read_corpus(db)[1].set_index("doc_id").loc["deep.html", "text"]
        assert "42.46 billion USD" in text and "8% in 2024" in text
    else:
        assert code == 1 and "Traceback" not in err
        assert err.splitlines()[0] == (
            f"error: {path}: the page nests its elements more than 2048 deep, past what the "
            "HTML parser reads; save the article as text (.txt) instead"
        )
