"""Provenance as a property: every row points back at its mention and sentence in the text."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.document import Document
from extract.pipeline.claims import extract_document
from extract.readers.manifest import load_metadata
from extract.readers.read import read_document

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def assert_offsets_hold(doc: Document, rows: list[dict]) -> None:
    for row in rows:
        mention = doc.text[row["start"] : row["end"]]
        where = f"{doc.doc_id} {row['start']}:{row['end']} {mention!r}"
        assert row["doc_id"] == doc.doc_id, where
        assert mention and mention == mention.strip(), where
        assert doc.text[row["sentence_start"] : row["sentence_end"]] == row["sentence"], where
        assert row["sentence_start"] <= row["start"] < row["end"] <= row["sentence_end"], where


def test_offsets_seeds_are_all_here():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_offsets_point_at_mention_and_sentence_in_every_seed(path):
    metas, _ = load_metadata([path])
    doc = read_document(path, metas[path])
    rows = extract_document(doc)
    assert rows, f"no claims at all in {path.name}"
    assert_offsets_hold(doc, rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_offsets_hold_on_any_cut_of_a_seed(data):
    # A document cut anywhere (mid-sentence, mid-number) must still give consistent offsets.
    text = read_document(data.draw(st.sampled_from(SEEDS))).text
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 3000)))
    doc = Document("cut.txt", text[start:end])
    assert_offsets_hold(doc, extract_document(doc))
