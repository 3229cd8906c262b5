"""Language detection, sentence splitting and the per-language data files."""

import re
import shutil
import tomllib
from pathlib import Path

import pytest

import extract.lexicon as lexicon
from extract.document import Document
from extract.lexicon import available_languages, load_concepts, load_lexicon
from extract.pipeline import segment
from extract.pipeline.claims import extract_document
from extract.pipeline.language import detect_language
from extract.pipeline.segment import split_sentences
from extract.pipeline.units import vocabulary

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The industrial sector has recovered strongly and grown by 8.4% in 2024.", "en"),
        (
            "Le secteur industriel s'est fortement redressé et a connu une croissance de 8,4 %.",
            "fr",
        ),
        ("Tăng trưởng ngành công nghiệp đạt bình quân 8,4% trong năm 2024 của cả nước.", "vi"),
    ],
)
def test_language_detects_each_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("000_85f2caef2865a13f.txt", "en"),
        ("001_3984d48e2a296716.txt", "fr"),
        ("002_bb9b9c7b91867c93.txt", "vi"),
        ("003_b9607616cedb6c82.txt", "en"),
        ("004_b433b9c43a5eb62a.txt", "en"),
    ],
)
def test_language_of_every_seed(name, lang):
    assert detect_language((SEEDS / name).read_text(encoding="utf-8")) == lang


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Exports grew 8.4%. Imports fell.", ["Exports grew 8.4%.", "Imports fell."]),
        (
            "Under Decree No. 04/2015 the Ministry acted. Mr. Huy spoke.",
            ["Under Decree No. 04/2015 the Ministry acted.", "Mr. Huy spoke."],
        ),
        ("It reached VND 5,566.4 billion. Next.", ["It reached VND 5,566.4 billion.", "Next."]),
        ("Heading without stop\nBody text here.", ["Heading without stop", "Body text here."]),
        ("“Quoted.” Then more.", ["“Quoted.”", "Then more."]),
        ("Tăng 8,4%. Đạt 786,3 tỷ USD.", ["Tăng 8,4%.", "Đạt 786,3 tỷ USD."]),
        # sentences glued by a scraped page
        (
            "selon le ministère des Finances.Douze ministères ont décaissé 20%.",
            ["selon le ministère des Finances.", "Douze ministères ont décaissé 20%."],
        ),
        (
            "up 4.4 times from 2018.Strong growth followed.",
            ["up 4.4 times from 2018.", "Strong growth followed."],
        ),
        (
            "Long An (54,29%).Parmi eux, 24 localités.",
            ["Long An (54,29%).", "Parmi eux, 24 localités."],
        ),
        ("Sở Công Thương TP.Hồ Chí Minh cho biết.", ["Sở Công Thương TP.Hồ Chí Minh cho biết."]),
        (
            "Doanh thu của các doanh nghiệp tại Tp.Hồ Chí Minh đã tăng 5% trong năm.",
            ["Doanh thu của các doanh nghiệp tại Tp.Hồ Chí Minh đã tăng 5% trong năm."],
        ),
        ("Mr.Smith said exports rose 5%.", ["Mr.Smith said exports rose 5%."]),
        ("See vietnamplus.vn for 5% more.", ["See vietnamplus.vn for 5% more."]),
    ],
)
def test_segment_splits_with_offsets(text, sentences):
    lex = load_lexicon(detect_language(text))
    found = split_sentences(text, lex.abbreviations)
    assert [text[s.start : s.end] for s in found] == sentences


def test_segment_covers_every_seed_without_overlap():
    for path in SEEDS.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        found = split_sentences(text)
        assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
        assert all(text[s.start : s.end] == text[s.start : s.end].strip() for s in found)


def test_lexicon_every_language_file_loads():
    assert set(available_languages()) >= {"en", "fr", "vi"}
    for code in available_languages():
        lex = load_lexicon(code)
        assert lex.code == code and lex.scale and lex.units_after and lex.concepts


def test_lexicon_concept_codes_are_shared_by_all_languages_and_listed_once():
    codes = [set(load_lexicon(code).concepts.values()) for code in ("en", "fr", "vi")]
    assert codes[0] == codes[1] == codes[2]
    assert codes[0] <= set(load_concepts().labels)


def test_lexicon_a_new_language_is_a_new_file(tmp_path, monkeypatch):
    """Adding Spanish takes a TOML file and no code: detection and extraction pick it up."""
    for path in lexicon.LEXICON_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    english = (lexicon.LEXICON_DIR / "en.toml").read_text(encoding="utf-8")
    spanish = english.replace('code = "en"', 'code = "es"').replace(
        'markers = ["the", "and", "of", "to", "in", "is", "was", "for", "with", "that", "by", '
        '"has", "have", "were", "from", "this", "on", "at", "as"]',
        'markers = ["el", "la", "los", "las", "de", "y", "en", "que", "del", "por"]',
    )
    spanish = spanish.replace('"increase" = ', '"increase" = ').replace(
        'increase = ["increase"', 'increase = ["creció", "aumentó", "increase"'
    )
    (tmp_path / "es.toml").write_text(spanish, encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    load_lexicon.cache_clear()
    try:
        text = "En 2024, la producción industrial de la provincia creció un 8.4% en el año."
        assert detect_language(text) == "es"
        (row,) = extract_document(Document("es.txt", text))
        assert (row["lang"], row["value"], row["unit"], row["year"]) == ("es", 8.4, "%", 2024)
    finally:
        load_lexicon.cache_clear()


# --- compiled alternations match as the plain ones do (seeds and both corpora) --------------

SHARED = SEEDS.parents[1] / "shared"
CORPORA_TEXT = "\n".join(
    p.read_text(encoding="utf-8")
    for p in [
        *sorted(SEEDS.glob("*.txt")),
        *sorted((SHARED / "corpus/docs").glob("*.txt")),
        *sorted((SHARED / "corpus2/docs").glob("*.txt")),
    ]
)
# What the corpora lack: phrases glued to digits, after underscores, in capitals, at the ends.
EDGE_TEXT = "10kg 5 tỷ USD_x THÁNG 5 năm nay,January-March;la même période_l'an dernier Mt"


def _reference_alternation(phrases, *, after_digit=False, fold_case=True) -> str:
    """The alternation as first written: each group of phrases with its own boundary test,
    no look-ahead for first characters, one named group after another."""
    groups: dict[tuple[bool, bool], list[str]] = {}
    for phrase in {" ".join((p.lower() if fold_case else p).split()) for p in phrases if p.strip()}:
        groups.setdefault((phrase[0].isalnum(), phrase[-1].isalnum()), []).append(phrase)
    before = r"(?<![^\W\d_])" if after_digit else r"(?<![\w])"
    return (
        "|".join(
            (before if start else "")
            + f"(?:{lexicon._trie_regex(members)})"
            + (r"(?![\w])" if end else "")
            for (start, end), members in sorted(groups.items())
        )
        or r"(?!x)x"
    )


def _phrase_lists(table):
    """Every list of phrases in a language file: lists of strings and the keys of tables."""
    for value in table.values():
        if isinstance(value, dict):
            if value and not any(isinstance(v, dict) for v in value.values()):
                yield list(value)
            yield from _phrase_lists(value)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            yield value


def _spans(pattern: str, flags: int) -> list[tuple]:
    compiled = re.compile(pattern, flags)
    return [(m.span(), m.lastgroup) for m in compiled.finditer(CORPORA_TEXT + EDGE_TEXT)]


@pytest.mark.parametrize("code", ["en", "fr", "vi"])
def test_lexicon_alternations_match_as_the_plain_alternation(code):
    data = tomllib.loads((lexicon.LEXICON_DIR / f"{code}.toml").read_text(encoding="utf-8"))
    units = vocabulary(load_lexicon(code))
    cases = [(words, {}) for words in _phrase_lists(data)]
    cases += [(units.names, {"after_digit": True}), (units.symbols, {"fold_case": False})]
    for words, options in cases:
        flags = 0 if options.get("fold_case") is False else re.IGNORECASE
        expected = _spans(_reference_alternation(words, **options), flags)
        assert _spans(lexicon.alternation(words, **options), flags) == expected


@pytest.mark.parametrize("code", ["en", "fr", "vi"])
def test_lexicon_named_groups_match_as_one_alternation_per_group(code):
    data = tomllib.loads((lexicon.LEXICON_DIR / f"{code}.toml").read_text(encoding="utf-8"))
    time = data["time"]
    groups = [
        ("month", time.get("months", {})),
        ("relative", time.get("relative_years", {})),
        ("ytd", time.get("year_to_date", [])),
        ("number", data.get("number_words", {})),
        ("unit", data["units"]["after"]),  # some start with no word character: "%", "$"
    ]
    for chosen in (groups[:4], groups):
        plain = "|".join(f"(?P<{name}>{_reference_alternation(words)})" for name, words in chosen)
        expected = _spans(plain, re.IGNORECASE)
        assert expected
        assert _spans(lexicon.named_alternation(chosen), re.IGNORECASE) == expected


def test_segment_sentence_ends_are_found_as_without_the_look_ahead():
    plain = re.compile(segment._END_AT)
    text = CORPORA_TEXT + EDGE_TEXT + " Fin.Suite… «Oui» ? (Non.) 5.\n\n6!"
    expected = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
    assert len(expected) > 1000
    assert [(m.span(), m.groupdict()) for m in segment._END.finditer(text)] == expected
