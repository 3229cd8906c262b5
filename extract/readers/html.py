"""Saved web pages: the article and what the page says about itself, nothing else.

trafilatura finds the article body, leaving out navigation, comments and footers (whose
numbers, visitor counts and hotlines, are not claims), and reads the title and the
publication date (through htmldate, from the page's metadata only, never today's date or
a date found in the text). The canonical URL comes from <link rel="canonical">, else og:url.
Nothing is fetched: the page is read as saved.
"""

from __future__ import annotations

import lxml.etree
import lxml.html

from extract.document import DocMeta
from extract.errors import InputError, message
from extract.readers.read import decode_text

HTML_SUFFIXES = (".html", ".htm")
# Dates from the page's metadata and markup only: a footer's copyright year or a date in
# the article text is not when the page was published.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# libxml2 stops building the tree at this depth (2048 with huge_tree, 256 without) and drops
# everything deeper in silence; a page that reaches it is refused rather than read in part.
MAX_HTML_DEPTH = 2048
_CHROME = "//nav | //footer | //aside | //header[not(ancestor::article)]"


def html_document(raw: bytes, file_name: str) -> tuple[str, DocMeta]:
    """(article text, metadata inferred from the page); InputError when there is no article."""
    page, _ = decode_text(raw, file_name)  # refuses binary, empty and undecodable files
    return html_article(page, file_name)


def html_article(page: str, file_name: str) -> tuple[str, DocMeta]:
    """html_document for a page already decoded."""
    import trafilatura  # here, not above: a run over text files never pays for importing it

    tree = _parse(page, file_name)
    inferred = {"lang": _page_language(tree), "source_url": _canonical_url(tree)}
    # trafilatura's fallback extractors, used on short pages, keep menus and footers:
    # these never hold the article, so they go first.
    for chrome in tree.xpath(_CHROME):
        chrome.drop_tree()
    try:
        article = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except RecursionError:  # a walk over a deep tree; libxml2's own limit is checked first
        raise InputError(message("html_too_deep", path=file_name, depth=MAX_HTML_DEPTH)) from None
    text = (article.text or "").strip() if article else ""
    if not text:
        raise InputError(message("no_article", path=file_name))
    return text, DocMeta(
        lang=inferred["lang"],
        title=article.title or None,
        published=article.date or None,
        source_url=inferred["source_url"] or article.url or None,
    )


def _parse(page: str, file_name: str) -> lxml.html.HtmlElement:
    """The page's tree; InputError when libxml2 had to cut it short (nested too deep)."""
    # A parser per page: its error log is what tells a cut tree. Fed the decoded page
    # re-encoded, so an <?xml encoding=...?> line cannot mislead it.
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    tree = lxml.html.document_fromstring(page.encode(), parser=parser)
    if any(error.type == lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log):
        raise InputError(message("html_too_deep", path=file_name, depth=MAX_HTML_DEPTH))
    return tree


def _canonical_url(tree: lxml.html.HtmlElement) -> str | None:
    hrefs = tree.xpath("//link[translate(@rel, 'CANONICAL', 'canonical')='canonical']/@href")
    return hrefs[0].strip() if hrefs and hrefs[0].strip() else None


def _page_language(tree: lxml.html.HtmlElement) -> str | None:
    """The primary subtag of <html lang>: "vi-VN" -> "vi"."""
    lang = tree.get("lang") or tree.get("xml:lang") or ""
    return lang.split("-")[0].strip().lower() or None
