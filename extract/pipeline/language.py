"""Which language a document is written in, from its own words (never its file name)."""

from __future__ import annotations

import re
from collections import Counter

from extract.lexicon import available_languages, language_markers

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Enough text to decide; reading more only costs time.
_SAMPLE_CHARS = 5_000


def detect_language(text: str) -> str:
    """The language whose marker words are most frequent in the text.

    Marker words are each lexicon's most frequent function words; their counts separate
    English, French and Vietnamese sharply even on a short paragraph.
    """
    words = Counter(map(str.lower, _WORD.findall(text[:_SAMPLE_CHARS])))
    scores = {code: sum(words[m] for m in language_markers(code)) for code in available_languages()}
    return max(sorted(scores), key=lambda code: scores[code])
