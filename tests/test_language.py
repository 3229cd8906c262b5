"""Language detection, sentence splitting and the per-language data files."""

import shutil
from pathlib import Path

import pytest

import extract.lexicon as lexicon
from extract.document import Document
from extract.lexicon import available_languages, load_concepts, load_lexicon
from extract.pipeline.claims import extract_document
from extract.pipeline.language import detect_language
from extract.pipeline.segment import split_sentences

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
