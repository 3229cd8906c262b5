import contextlib

import pandas as pd
import pytest

from extract import parallel
from extract.document import DocMeta, Document, text_identity
from extract.job import SanityError, load, process, run, sanity_checks
from extract.write import read_claims

TEXT = "Industry grew 8.4% in 2024. Exports rose 10-12%."
DOC = Document("a.txt", TEXT)


def test_job_load_reads_the_good_files_and_lists_the_bad_ones(tmp_path):
    (tmp_path / "good.txt").write_text("Exports rose 5%.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "manifest.toml").write_text('["good.txt"]\nlang = "en"\n', encoding="utf-8")

    loaded = load([tmp_path, tmp_path / "missing.txt"])

    assert [(d.doc_id, d.meta) for d in loaded.documents] == [("good.txt", DocMeta(lang="en"))]
    assert loaded.skipped == 3
    assert [line.split(": ")[0] for line in loaded.errors] == [
        str(tmp_path / "missing.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "image.txt"),
    ]


def test_job_load_notes_an_unknown_given_body_once_and_keeps_it(tmp_path):
    for number, name in enumerate(("a.txt", "b.txt", "c.txt")):
        (tmp_path / name).write_text(f"Exports rose {number}5%.", encoding="utf-8")
    (tmp_path / "manifest.toml").write_text(
        '["a.txt"]\nbody = "Hội Nông dân"\n["b.txt"]\nbody = "Hội Nông dân"\n'
        '["c.txt"]\nbody = "GSO / Tổng cục Thống kê"\n',
        encoding="utf-8",
    )

    loaded = load([tmp_path])

    assert loaded.notes == [
        f"{tmp_path / 'a.txt'}: reporting body 'Hội Nông dân' is not in"
        " extract/lexicon/bodies.toml; kept as given"
    ]
    rows = process(loaded.documents)
    assert dict(zip(rows["doc_id"], rows["body"], strict=True)) == {
        "a.txt": "Hội Nông dân",
        "b.txt": "Hội Nông dân",
        "c.txt": "General Statistics Office",
    }


def test_job_load_two_texts_of_one_name_are_two_documents(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"{folder}: 5%", encoding="utf-8")

    loaded = load([tmp_path / "one", tmp_path / "two"])

    assert [d.text for d in loaded.documents] == ["one: 5%", "two: 5%"]
    assert loaded.documents[0].doc_id == "report.txt"
    assert loaded.documents[1].doc_id == f"report-{text_identity('two: 5%')[:8]}.txt"
    assert loaded.errors == [] and loaded.skipped == 0


@pytest.mark.parametrize(
    "copy",
    [
        b"Exports rose 12% in 2023.\nImports fell 4%.",  # byte for byte
        b"Exports rose 12% in 2023.\r\nImports fell 4%.",  # Windows newlines
        b"\xef\xbb\xbf" + b"Exports rose 12% in 2023.\nImports fell 4%.",  # a BOM
    ],
)
def test_job_load_one_text_under_two_names_is_one_document(tmp_path, copy):
    (tmp_path / "a.txt").write_text("Exports rose 12% in 2023.\nImports fell 4%.", "utf-8")
    (tmp_path / "b.txt").write_bytes(copy)

    loaded = load([tmp_path])

    assert [d.doc_id for d in loaded.documents] == ["a.txt"]
    assert loaded.notes == [f"{tmp_path / 'b.txt'}: same text as {tmp_path / 'a.txt'}; read once"]


def test_job_run_gives_the_same_claim_ids_on_the_same_input(tmp_path, seeds_dir):
    first = read_claims(run([seeds_dir], tmp_path / "first.parquet").out)
    second = read_claims(run([seeds_dir], tmp_path / "second.csv").out)

    assert len(first) > 0
    assert first["claim_id"].tolist() == second["claim_id"].tolist()
    assert first["claim_id"].is_unique


@pytest.mark.parametrize("jobs", [1, 2])
def test_job_run_reads_each_document_only_when_extraction_reaches_it(monkeypatch, tmp_path, jobs):
    """The run streams: a file removed after the first document is done, before the run
    reaches it, is reported as missing, which it could not be if every text were read first."""
    monkeypatch.setattr(parallel, "CHUNK_DOCUMENTS", 1)  # a window of a few documents
    names = [f"{n:03}.txt" for n in range(30)]
    for number, name in enumerate(names):
        (tmp_path / name).write_text(f"Exports rose {number}% in 2024.", encoding="utf-8")
    errors: list[str] = []

    def progress(total):
        def advance(done):
            (tmp_path / names[-1]).unlink(missing_ok=True)  # once the first file is done

        return contextlib.nullcontext(advance)

    summary = run([tmp_path], tmp_path / "claims.csv", progress, errors.append, jobs=jobs)

    assert (summary.documents, summary.skipped) == (len(names) - 1, 1)
    assert errors == [f"{tmp_path / names[-1]}: cannot read the file (No such file or directory)"]
    assert read_claims(summary.out)["doc_id"].tolist() == names[:-1]


def test_job_run_writes_nothing_when_nothing_could_be_read(tmp_path):
    out = tmp_path / "claims.csv"
    out.write_text("an earlier table", encoding="utf-8")
    (tmp_path / "docs").mkdir()

    summary = run([tmp_path / "docs"], out)

    assert (summary.documents, summary.claims, summary.skipped) == (0, 0, 1)
    assert out.read_text(encoding="utf-8") == "an earlier table"


def test_job_process_makes_an_empty_table_when_no_claims_are_found():
    frame = process([Document("a.txt", "No numbers here at all.")])
    assert frame.empty and list(frame.columns)[:3] == ["claim_id", "fact_id", "doc_id"]


def test_job_sanity_checks_accept_consistent_rows(claim_row):
    sentence = TEXT[28:48]
    good = [
        claim_row(sentence=TEXT[:27], sentence_start=0, sentence_end=27, start=14, end=18),
        claim_row(
            claim_id="c2",
            sentence=sentence,
            sentence_start=28,
            sentence_end=48,
            start=41,
            end=47,
            value=10.0,
            value_max=12.0,
        ),
    ]
    sanity_checks(pd.DataFrame(good), [DOC])


@pytest.mark.parametrize(
    "columns, problem",
    [
        ({"start": 20, "end": 30}, "is not inside sentence"),
        ({"start": -1}, "is not inside sentence"),
        ({"start": 14, "end": 14}, "is not inside sentence"),
        ({"start": 8, "end": 9}, "is blank"),
        ({"sentence": "Industry grew 8.4 % in 2024."}, "sentence is not text\\[sentence_start"),
        ({"value": 12.0, "value_max": 10.0}, "is above value_max"),
        ({"doc_id": "other.txt"}, "is not a document of this run"),
        ({"claim_id": "c0"}, "claim_id c0 is not unique"),
    ],
)
def test_job_sanity_checks_name_the_broken_invariant(claim_row, columns, problem):
    row = claim_row(sentence=TEXT[:27], sentence_start=0, sentence_end=27, start=14, end=18)
    frame = pd.DataFrame([row | columns, row | {"claim_id": "c0"}])
    with pytest.raises(SanityError, match=problem):
        sanity_checks(frame, [DOC])
