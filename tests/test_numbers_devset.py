"""The public quantulum3 devset (../shared/devsets/quantulum3-quantities.json, read in place):
general English sentences in many units, the closest thing here to a news benchmark.

A quantity is found when a claim's span overlaps its surface and holds its value (relative
1e-3). quantulum3 writes a range as its midpoint ("3 to 4 L" is 3.5) and a fraction as a
number ("two thirds" is 0.667), where a claim has both bounds and a share in percent (66.67
%): those are the same values, so they count. Its units are its own names ("metre", "pound
sterling"); values and surfaces are compared, not names.

Bare numbers ("42", "Voyager 2") and years ("in 1979") are quantulum3 quantities but never
claims here (eval/GUIDELINES.md: identifiers, years and list markers are noise), so the
figure is held twice: over every quantity, and over the quantities that have a unit.
"""

import json

import pytest

from extract.document import DocMeta, Document
from extract.pipeline.claims import extract_document

# Floors measured on this code: 0.818 of all quantities, 0.922 of those with a unit (issue 7
# asks 0.90). The rest are bare numbers and years (noise here), "a dozen" read as 12 eggs
# where quantulum3 writes 1 dozen, "a penny" alone, "absolute zero", "45 Js", "A kibibyte is".
MIN_ALL = 0.817
MIN_WITH_UNIT = 0.92


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-3 * max(1.0, abs(b))


def _holds(row: dict, value: float) -> bool:
    low, high = row["value"], row["value_max"]
    values = [low] if high is None else [low, high, (low + high) / 2]
    if row["unit"] == "%":
        values += [v / 100 for v in values]
    return any(_same(v, value) for v in values)


@pytest.fixture(scope="module")
def devset(shared_dir):
    path = shared_dir / "devsets" / "quantulum3-quantities.json"
    items = json.loads(path.read_text(encoding="utf-8"))
    scored = []
    for i, item in enumerate(items):
        text = item["req"]
        rows = extract_document(Document(f"{i}.txt", text, DocMeta(lang="en")))
        for quantity in item["res"]:
            start = text.find(quantity["surface"])
            end = start + len(quantity["surface"])
            found = any(
                r["start"] < end and r["end"] > start and _holds(r, float(quantity["value"]))
                for r in rows
            )
            scored.append((quantity, found, text))
    return scored


def test_numbers_devset_quantities_found_with_their_value(devset):
    with_unit = [(q, f) for q, f, _ in devset if q["unit"] != "dimensionless"]
    share_all = sum(f for _, f, _ in devset) / len(devset)
    share_unit = sum(f for _, f in with_unit) / len(with_unit)
    missed = "\n".join(
        f"  {q['surface']!r} = {q['value']} {q['unit']}  in: {t[:80]}"
        for q, f, t in devset
        if not f and q["unit"] != "dimensionless"
    )
    report = (
        f"all {share_all:.3f} (floor {MIN_ALL}), "
        f"with a unit {share_unit:.3f} (floor {MIN_WITH_UNIT})\n{missed}"
    )
    assert share_all >= MIN_ALL and share_unit >= MIN_WITH_UNIT, report
