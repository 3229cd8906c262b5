"""dashboard/highlight.py: documents as escaped HTML with their claims marked."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.highlight import (
    claim_list_html,
    highlight_document,
    metadata_html,
    same_fact_html,
    scroll_script,
)

TEXT = "Intro line.\nExports grew 8.4% and imports 5%.\n<script>alert(1)</script> [x](http://e.x)"


def spans(*claims: tuple[str, int, int, int, int]) -> pd.DataFrame:
    return pd.DataFrame(
        claims, columns=["claim_id", "start", "end", "sentence_start", "sentence_end"]
    )


def mark_texts(page: str, css_class: str = "claim") -> list[str]:
    return re.findall(rf'<mark class="{css_class}[^"]*"[^>]*>([^<]*)</mark>', page)


def sentence_bounds(text: str, needle: str) -> tuple[int, int]:
    start = text.index("Exports")
    return start, text.index("\n", start)


@pytest.fixture
def two_claims() -> pd.DataFrame:
    sentence = sentence_bounds(TEXT, "Exports")
    first, second = TEXT.index("8.4%"), TEXT.index("5%")
    return spans(("a", first, first + 4, *sentence), ("b", second, second + 2, *sentence))


def test_highlight_document_marks_every_claim(two_claims):
    page = highlight_document(TEXT, two_claims)
    assert mark_texts(page) == ["8.4%", "5%"]
    assert 'id="claim-a"' in page and 'id="claim-b"' in page


def test_highlight_document_emphasises_the_selected_claim_and_its_sentence(two_claims):
    page = highlight_document(TEXT, two_claims, selected="b")
    assert mark_texts(page, "claim selected") == ["5%"]
    shaded = re.findall(r'class="[^"]*in-sentence[^"]*"[^>]*>([^<]*)<', page)
    assert "".join(shaded) == "Exports grew 8.4% and imports 5%."


@pytest.mark.parametrize("selected", [None, "a"])
def test_highlight_document_escapes_document_text(two_claims, selected):
    page = highlight_document(TEXT, two_claims, selected)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text_only = re.sub(r"<[^>]+>", "", page.split('<div class="claimboard-doc">')[1])
    assert text_only.replace("&lt;", "<").replace("&gt;", ">") == TEXT


def test_highlight_document_handles_overlapping_and_shared_starts():
    start = TEXT.index("8.4%")
    page = highlight_document(
        TEXT, spans(("wide", start, start + 4, 0, 1), ("narrow", start, start + 3, 0, 1))
    )
    assert "".join(mark_texts(page)) == "8.4%"  # split in pieces, nothing doubled
    assert page.count('id="claim-wide"') == 1 and page.count('id="claim-narrow"') == 1


def test_highlight_document_ignores_offsets_outside_the_text():
    page = highlight_document("short", spans(("x", 2, 99, 0, 99)), selected="x")
    assert mark_texts(page, "claim selected") == ["ort"]


def test_highlight_metadata_html_escapes_and_links_only_given_url():
    document = pd.Series(
        {
            "doc_id": "a.txt",
            "body": "<b>Ministry</b>",
            "lang": "en",
            "published": "",
            "source_url": "https://x.example/?a=1&b=<2>",
        }
    )
    page = metadata_html(document, "https://x.example/?a=1&b=<2>")
    assert "<b>Ministry" not in page and "&lt;b&gt;Ministry" in page
    assert 'href="https://x.example/?a=1&amp;b=&lt;2&gt;"' in page
    assert "href" not in metadata_html(document, None)


def test_highlight_scroll_script_cannot_be_closed_by_a_hostile_id():
    script = scroll_script("</script><img src=x onerror=alert(1)>")
    assert script.count("</script>") == 1 and script.endswith("</script>")


def test_highlight_claim_list_links_every_claim_escaped_and_marks_the_selected():
    claims = pd.DataFrame(
        {
            "claim_id": ["b", "a"],
            "value": [8.4, 5.0],
            "value_max": [None, None],
            "unit": ["%", "tasks"],
            "indicator": ["<i>growth</i>", ""],
            "period": ["2024", ""],
            "sentence": ["Growth was 8.4% in 2024.", "There are 5 tasks."],
            "sentence_start": [100, 0],
            "start": [111, 10],
            "end": [115, 17],
        }
    )
    listed = claim_list_html(claims, "b", lambda claim_id: f"source?x=1&claim={claim_id}")
    assert listed.index("claim=a") < listed.index("claim=b")  # in document order
    assert 'href="source?x=1&amp;claim=b" target="_self" aria-current="true"' in listed
    assert "<i>" not in listed and "&lt;i&gt;growth&lt;/i&gt;" in listed
    assert "▶ 8.4 % — &lt;i&gt;growth&lt;/i&gt; · 2024: “Growth was 8.4% in 2024.”" in listed
    assert "5 tasks — (none): “There are 5 tasks.”" in listed


@pytest.mark.parametrize("title", ["<b>Report</b>", ""])
def test_highlight_same_fact_html_offers_each_quote_in_its_language_escaped(title):
    sentence = "Exports reached <i>786,3 tỷ USD</i> & more."
    start = sentence.index("786")
    others = pd.DataFrame(
        {
            "claim_id": ["v1", "f1"],
            "doc_id": ["vi.txt", "fr.txt"],
            "lang": ["vi", "fr"],
            "title": [title, "Rapport"],
            "sentence": [sentence, "Près de 800 milliards USD."],
            "sentence_start": [100, 0],
            "start": [100 + start, 8],
            "end": [100 + start + len("786,3 tỷ USD"), 25],
        }
    )
    page = same_fact_html(others, lambda claim_id: f"source?lang=vi&claim={claim_id}")
    assert "The same fact in 2 other quote(s)" in page
    assert page.index('lang="fr"') < page.index('lang="vi"')  # by language
    assert 'href="source?lang=vi&amp;claim=v1"' in page
    assert "<mark>786,3 tỷ USD</mark>" in page and "&lt;i&gt;" in page and "<i>" not in page
    assert "<mark>800 milliards USD</mark>" in page
    assert ("&lt;b&gt;Report&lt;/b&gt;" if title else "vi.txt") in page
