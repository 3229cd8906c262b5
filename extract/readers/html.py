"""Saved web pages: the article and what the page says about itself, nothing else.

trafilatura finds the article body, leaving out navigation, comments and footers (whose
numbers, visitor counts and hotlines, are not claims), and reads the title and the
publication date (through htmldate, from the page's metadata only, never today's date or
a date found in the text). The canonical URL comes from <link rel="canonical">, else og:url.
Nothing is fetched: the page is read as saved.
"""

from __future__ import annotations

import lxml.html
import trafilatura

from extract.document import DocMeta
from extract.errors import InputError, message
from extract.readers.read import decode_text

HTML_SUFFIXES = (".html", ".htm")
# Dates from the page's metadata and markup only: a footer's copyright year or a date in
# the article text is not when the page was published.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Fed the decoded page re-encoded, so an <?xml encoding=...?> line cannot mislead it.
_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")
_CHROME = "//nav | //footer | //aside | //header[not(ancestor::article)]"


def html_document(raw: bytes, file_name: str) -> tuple[str, DocMeta]:
    """(article text, metadata inferred from the page); InputError when there is no article."""
    page, _ = decode_text(raw, file_name)  # refuses binary, empty and undecodable files
    tree = lxml.html.document_fromstring(page.encode(), parser=_UTF8_PARSER)
    inferred = {"lang": _page_language(tree), "source_url": _canonical_url(tree)}
    # trafilatura's fallback extractors, used on short pages, keep menus and footers:
    # these never hold the article, so they go first.
    for chrome in tree.xpath(_CHROME):
        chrome.drop_tree()
    article = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = (article.text or "").strip() if article else ""
    if not text:
        raise InputError(message("no_article", path=file_name))
    return text, DocMeta(
        lang=inferred["lang"],
        title=article.title or None,
        published=article.date or None,
        source_url=inferred["source_url"] or article.url or None,
    )


def _canonical_url(tree: lxml.html.HtmlElement) -> str | None:
    hrefs = tree.xpath("//link[translate(@rel, 'CANONICAL', 'canonical')='canonical']/@href")
    return hrefs[0].strip() if hrefs and hrefs[0].strip() else None


def _page_language(tree: lxml.html.HtmlElement) -> str | None:
    """The primary subtag of <html lang>: "vi-VN" -> "vi"."""
    lang = tree.get("lang") or tree.get("xml:lang") or ""
    return lang.split("-")[0].strip().lower() or None
