import importlib.util

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.errors import OutputError
from extract.schema import CLAIM_COLUMNS, SchemaError, empty_claims
from extract.write import (
    APPENDERS,
    WRITERS,
    ClaimsWriter,
    normalised,
    read_claims,
    write_claims,
)

FORMATS = list(WRITERS)

# Document text never holds surrogates (it was decoded) nor NUL (binary files are refused).
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)
BY_DTYPE = {
    "string": TEXT,
    "float64": st.none() | st.floats(allow_nan=False, allow_infinity=False),
    "Int64": st.none() | st.integers(-(2**63), 2**63 - 1),
    "int64": st.integers(-(2**63), 2**63 - 1),
}
ROWS = st.lists(
    st.fixed_dictionaries({name: BY_DTYPE[dtype] for name, dtype in CLAIM_COLUMNS.items()}),
    max_size=5,
)


@pytest.mark.parametrize("suffix", FORMATS)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS)
def test_write_then_read_gives_the_same_table(tmp_path, suffix, rows):
    # column by column in the schema's dtypes, so a None year does not turn ints into floats
    frame = pd.DataFrame(
        {
            name: pd.array([r[name] for r in rows], dtype=dtype)
            for name, dtype in CLAIM_COLUMNS.items()
        }
    )
    path = write_claims(frame, tmp_path / f"claims{suffix}")
    pd.testing.assert_frame_equal(read_claims(path), normalised(frame))


@pytest.mark.parametrize("suffix", FORMATS)
def test_write_keeps_an_empty_table_and_blank_text(tmp_path, suffix, claim_row):
    blank = pd.DataFrame([claim_row(change_basis=None, source_url="")])
    for frame in (empty_claims(), blank):
        read = read_claims(write_claims(frame, tmp_path / f"claims{suffix}"))
        assert list(read.columns) == list(CLAIM_COLUMNS) and len(read) == len(frame)
    assert read.loc[0, "change_basis"] == "" and read.loc[0, "source_url"] == ""


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda f: f.drop(columns=["unit"]), "missing unit"),
        (lambda f: f.assign(confidence=0.9), "extra confidence"),
    ],
)
def test_write_refuses_a_table_off_the_schema_and_keeps_the_old_file(
    tmp_path, claim_row, suffix, change, problem
):
    path = write_claims(pd.DataFrame([claim_row()]), tmp_path / f"claims{suffix}")
    before = path.read_bytes()

    with pytest.raises(SchemaError, match=problem):
        write_claims(change(pd.DataFrame([claim_row(claim_id="new")])), path)

    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("name", ["claims.xlsx", "claims", "claims.json"])
def test_write_refuses_an_unknown_format_in_one_line(tmp_path, claim_row, name):
    with pytest.raises(OutputError, match=rf"{name}: unknown table format .*\.parquet, \.csv"):
        write_claims(pd.DataFrame([claim_row()]), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_write_failing_midway_leaves_the_previous_table_whole(tmp_path, claim_row, monkeypatch):
    path = write_claims(pd.DataFrame([claim_row()]), tmp_path / "claims.csv")
    before = path.read_bytes()

    class HalfThenFail:
        def __init__(self, target):
            target.write_text("claim_id,fact")

        def append(self, frame):
            raise OSError(28, "No space left on device")

        def close(self):
            pass

    monkeypatch.setitem(APPENDERS, ".csv", HalfThenFail)
    with pytest.raises(OutputError, match="claims.csv: cannot write the claims table"):
        write_claims(pd.DataFrame([claim_row(claim_id="c2")]), path)

    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]  # no temporary file left


@pytest.mark.parametrize("suffix", FORMATS)
def test_write_output_is_what_the_scorer_reads(tmp_path, claim_row, shared_dir, suffix):
    spec = importlib.util.spec_from_file_location("score", shared_dir / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    rows = [
        claim_row(sentence='He said "8,4 %",\nthen left.'),
        claim_row(claim_id="c2", value=1e12),
    ]
    path = write_claims(pd.DataFrame(rows), tmp_path / f"claims{suffix}")

    read = score.load_pred(path)

    assert [(int(r["start"]), float(r["value"]), r["unit"]) for r in read] == [
        (10, 8.4, "%"),
        (10, 1e12, "%"),
    ]
    assert read[0]["sentence"] == 'He said "8,4 %",\nthen left.'


@pytest.mark.parametrize("content", [b"not parquet at all", b"{broken json\n"])
def test_write_read_claims_reports_an_unreadable_table_in_one_line(tmp_path, content):
    path = tmp_path / ("claims.parquet" if content.startswith(b"not") else "claims.jsonl")
    path.write_bytes(content)
    with pytest.raises(OutputError, match=rf"{path.name}: cannot read the claims table"):
        read_claims(path)


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("batch_rows", [1, 3, 1000])
def test_write_streamed_batches_make_the_table_written_at_once(
    tmp_path, claim_row, suffix, batch_rows
):
    rows = [claim_row(claim_id=f"c{i}", start=i, end=i + 3, value=i / 7) for i in range(7)]
    whole = read_claims(write_claims(pd.DataFrame(rows), tmp_path / f"whole{suffix}"))

    with ClaimsWriter(tmp_path / f"streamed{suffix}", batch_rows=batch_rows) as writer:
        for batch in (rows[:1], [], rows[1:5], pd.DataFrame(rows[5:])):
            writer.write(batch)
        streamed = read_claims(writer.commit())

    pd.testing.assert_frame_equal(streamed, whole)


def test_write_streamed_parquet_has_one_row_group_per_batch(tmp_path, claim_row):
    with ClaimsWriter(tmp_path / "claims.parquet", batch_rows=2) as writer:
        for i in range(6):
            writer.write([claim_row(claim_id=f"c{i}")])
        path = writer.commit()
    assert pq.ParquetFile(path).num_row_groups == 3


@pytest.mark.parametrize("suffix", FORMATS)
def test_write_streamed_table_left_uncommitted_leaves_nothing(tmp_path, claim_row, suffix):
    with pytest.raises(KeyboardInterrupt), ClaimsWriter(tmp_path / f"c{suffix}", 1) as writer:
        writer.write([claim_row()])  # on disk already, in the temporary file
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []
