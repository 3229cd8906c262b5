"""A document as HTML with its claims marked: every piece of document text is escaped.

The text is split at claim offsets (and at the selected claim's sentence), each piece is
passed through `html.escape`, and only then wrapped in our own tags. No document text ever
reaches the page unescaped, so `<script>` or Markdown in a report shows as plain text.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Callable

import pandas as pd

from dashboard.logic import claim_label, language_name

# Highlights set their own dark text on light backgrounds (contrast 8:1 and more), so they
# read the same on Streamlit's light and dark themes; text outside them inherits the theme.
STYLE = """<style>
.claimboard-doc { position: relative; white-space: pre-wrap; line-height: 1.6;
  max-height: 70vh; overflow-y: auto; padding: 0.5rem 1rem;
  border: 1px solid rgba(128,128,128,0.3); border-radius: 0.5rem; }
.claimboard-doc mark.claim { background: #fff3b0; color: #111827; padding: 0 1px; }
.claimboard-doc .in-sentence { background: #dbeafe; color: #111827; }
.claimboard-doc mark.claim.selected { background: #f59e0b; color: #111827; font-weight: 600;
  outline: 2px solid #b45309; }
</style>"""


LIST_STYLE = """<style>
.claimboard-claims { list-style: none; padding: 0; margin: 0; max-height: 75vh; overflow-y: auto; }
.claimboard-claims li { margin: 0 0 0.4rem 0; line-height: 1.35; }
.claimboard-claims a { color: inherit; text-decoration: none; display: block;
  padding: 0.25rem 0.4rem; border-radius: 0.3rem; border: 1px solid rgba(128,128,128,0.3); }
.claimboard-claims a:hover { text-decoration: underline; }
.claimboard-claims a.selected { font-weight: 600; border: 2px solid currentColor; }
</style>"""


# The fact's other quotes: links in the theme's own text colour (a browser's default blue is
# unreadable on the dark theme), mentions marked like the document's claims.
FACT_STYLE = """<style>
.claimboard-fact a { color: inherit; text-decoration: underline; font-weight: 600; }
.claimboard-fact mark { background: #fff3b0; color: #111827; padding: 0 1px; }
</style>"""


def mark_id(claim_id: str) -> str:
    """The element id of a claim's mark; claim ids are hex, escaped anyway."""
    return html.escape(f"claim-{claim_id}", quote=True)


def _boundaries(
    text_length: int, claims: pd.DataFrame, sentence: tuple[int, int] | None
) -> list[int]:
    """Every offset where highlighting changes, clamped to the text."""
    offsets = [*claims["start"], *claims["end"], *(sentence or ())]
    return sorted({0, text_length, *(min(max(int(p), 0), text_length) for p in offsets)})


def highlight_document(text: str, claims: pd.DataFrame, selected: str | None = None) -> str:
    """`text` as escaped HTML, each claim span in a <mark>, the selected claim emphasised and
    its sentence shaded. `claims` holds this document's rows (claim_id, start, end,
    sentence_start, sentence_end)."""
    chosen = claims[claims["claim_id"] == selected] if selected else claims.iloc[0:0]
    sentence = None
    if len(chosen):
        row = chosen.iloc[0]
        sentence = (int(row["sentence_start"]), int(row["sentence_end"]))
    starting: dict[int, list[str]] = defaultdict(list)
    ending: dict[int, list[str]] = defaultdict(list)
    spans = zip(claims["claim_id"], claims["start"], claims["end"], strict=True)
    for claim_id, start, end in spans:
        if start < end:
            starting[int(start)].append(claim_id)
            ending[int(end)].append(claim_id)
    pieces = [STYLE, '<div class="claimboard-doc">']
    active: dict[str, int] = defaultdict(int)  # claim id -> open spans (ids may repeat)
    points = _boundaries(len(text), claims, sentence)
    for left, right in zip(points, points[1:], strict=False):
        for claim_id in ending.get(left, ()):
            active[claim_id] -= 1
        opened = starting.get(left, [])
        for claim_id in opened:
            active[claim_id] += 1
        covering = [c for c, n in active.items() if n > 0]
        pieces.append(_piece(text[left:right], covering, opened, selected, sentence, left))
    pieces.append("</div>")
    return "".join(pieces)


def _piece(
    segment: str,
    covering: list[str],
    opened: list[str],
    selected: str | None,
    sentence: tuple[int, int] | None,
    position: int,
) -> str:
    escaped = html.escape(segment, quote=True)
    in_sentence = sentence is not None and sentence[0] <= position < sentence[1]
    # Ids of claims starting here: the first on the mark itself, any others (same start)
    # as empty anchors, so every claim can be scrolled to.
    anchors = "".join(f'<span id="{mark_id(c)}"></span>' for c in opened[1:])
    if covering:
        classes = "claim" + (" selected" if selected in covering else "")
        classes += " in-sentence" if in_sentence else ""
        id_attr = f' id="{mark_id(opened[0])}"' if opened else ""
        return f'{anchors}<mark class="{classes}"{id_attr}>{escaped}</mark>'
    if in_sentence:
        return f'<span class="in-sentence">{escaped}</span>'
    return escaped


def claim_list_html(claims: pd.DataFrame, selected: str | None, link: Callable[[str], str]) -> str:
    """The document's claims as a list of links (`link(claim_id)` is each one's address),
    the selected one marked. Plain links, not Streamlit page links: following one loads the
    address, so the address bar always names the claim on screen and Back returns to the one
    before."""
    items = []
    for claim in claims.sort_values("start").to_dict("records"):
        chosen = claim["claim_id"] == selected
        label = html.escape(("▶ " if chosen else "") + claim_label(claim))
        href = html.escape(link(claim["claim_id"]), quote=True)
        current = ' aria-current="true" class="selected"' if chosen else ""
        items.append(f'<li><a href="{href}" target="_self"{current}>{label}</a></li>')
    return f'{LIST_STYLE}<ol class="claimboard-claims">{"".join(items)}</ol>'


def scroll_script(claim_id: str) -> str:
    """A script that brings the selected claim's mark to the middle of the document box and
    of the page's own viewport (desktop and phone alike), retrying while the page is still
    being drawn. It holds no document text."""
    # "<" escaped so a hostile id in a user-supplied table cannot close the script tag
    target = json.dumps(f"claim-{claim_id}").replace("<", "\\u003c")
    return (
        "<script>(function () { let tries = 0;"
        " function scroll() {"
        f" const mark = document.getElementById({target});"
        " if (!mark) { if (tries++ < 40) { setTimeout(scroll, 100); } return; }"
        ' const box = mark.closest(".claimboard-doc");'
        " if (box) { box.scrollTop = mark.offsetTop - box.clientHeight / 2; }"
        ' mark.scrollIntoView({block: "center"}); }'
        " scroll(); })();</script>"
    )


def same_fact_html(others: pd.DataFrame, link: Callable[[str], str]) -> str:
    """The same fact as every other quote states it (`others`: claims with their document's
    `title`), language by language: each quote with its mention marked, linked to its place
    in its own document, so the reader chooses the language."""
    items = []
    for claim in others.sort_values(["lang", "doc_id", "start"]).to_dict("records"):
        offset = claim["sentence_start"]
        start, end = claim["start"] - offset, claim["end"] - offset
        sentence = claim["sentence"]
        quote = (
            f"{html.escape(sentence[:start])}<mark>{html.escape(sentence[start:end])}</mark>"
            f"{html.escape(sentence[end:])}"
        )
        source = f"{language_name(claim['lang'])}: {claim['title'] or claim['doc_id']}"
        href = html.escape(link(claim["claim_id"]), quote=True)
        items.append(
            f'<li><a href="{href}" target="_self" lang="{html.escape(claim["lang"], quote=True)}">'
            f"{html.escape(source)}</a><br><small>{quote}</small></li>"
        )
    return (
        f"{FACT_STYLE}<details open><summary>The same fact in {len(items)} other quote(s)"
        "</summary>"
        f'<ul class="claimboard-fact">{"".join(items)}</ul></details>'
    )


def metadata_html(document: pd.Series, original_url: str | None) -> str:
    """The document's body, language, date and source as an escaped definition list."""
    items = [
        ("Document", document["doc_id"]),
        ("Body", document["body"]),
        ("Language", document["lang"]),
        ("Published", document["published"]),
    ]
    rows = "".join(
        f"<dt>{html.escape(label)}</dt><dd>{html.escape(str(value) or '—')}</dd>"
        for label, value in items
    )
    if original_url:
        link = html.escape(original_url, quote=True)
        rows += (
            f'<dt>Source</dt><dd><a href="{link}" target="_blank" rel="noopener noreferrer">'
            f"{html.escape(document['source_url'])}</a></dd>"
        )
    return f'<dl class="claimboard-meta">{rows}</dl>'
