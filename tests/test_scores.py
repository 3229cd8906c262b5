"""The quality bar, measured the way it is judged: the real command, then the shared scorer."""

import json
import shutil
import subprocess
import sys

import pytest

# (documents, gold, minimum F1 on core claims, minimum attribute accuracy)
BARS = {
    "seeds": ("seeds", "eval/seeds.gold.jsonl", 0.95, 0.95),
    "corpus": ("corpus/docs", "corpus/gold.jsonl", 0.95, 0.95),
    "corpus2": ("corpus2/docs", "corpus2/gold.jsonl", 0.95, 0.95),
}
# Reading more must not mean guessing more: on every set.
MIN_PRECISION = 0.97


# (documents, gold, minimum indicator pairwise F1, minimum tier balanced accuracy). Issue 8
# asks 0.85 and 0.90 on each set; every set meets both, and these hold what is reached.
CONCEPT_BARS = {
    "seeds": ("seeds", "eval/seeds.gold.jsonl", 0.99, 0.99),
    "corpus": ("corpus/docs", "corpus/gold.jsonl", 0.95, 0.99),
    "corpus2": ("corpus2/docs", "corpus2/gold.jsonl", 0.865, 0.97),
}


# A user's own files come with no manifest, and unseen reports are read the same way: every
# set's texts alone, with the body, the year and the kind read from the text itself. Floors
# at what is reached (attribute accuracy, then the attributes the metadata would have given).
BARE_FLOORS = {
    "seeds": ("seeds", "eval/seeds.gold.jsonl", 0.99, {"body": 1.0, "year": 1.0, "kind": 1.0}),
    "corpus": ("corpus/docs", "corpus/gold.jsonl", 0.93, {"body": 0.82, "year": 0.78}),
    "corpus2": (
        "corpus2/docs",
        "corpus2/gold.jsonl",
        0.96,
        {"body": 0.89, "year": 0.955, "kind": 0.965},
    ),
}


def scored(tmp_path, run_cli, repo_root, shared_dir, docs: str, gold: str, bare=False) -> dict:
    """The real command on a set's documents (with `bare`, their texts alone, no metadata),
    then the shared scorer's JSON report."""
    docs_dir = repo_root / docs if docs == "seeds" else shared_dir / docs
    if bare:
        texts = tmp_path / "texts"
        texts.mkdir()
        for path in docs_dir.glob("*.txt"):
            shutil.copy(path, texts / path.name)
        docs_dir = texts
    out = tmp_path / "claims.csv"
    extracted = run_cli(docs_dir, "--out", out)
    assert extracted.returncode == 0, extracted.stderr
    report = subprocess.run(
        [sys.executable, shared_dir / "eval" / "score.py", shared_dir / gold, out, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(report.stdout)


@pytest.mark.parametrize("name", list(BARS))
def test_scores_reach_the_bar(tmp_path, run_cli, repo_root, shared_dir, name):
    docs, gold, min_f1, min_attrs = BARS[name]
    result = scored(tmp_path, run_cli, repo_root, shared_dir, docs, gold)

    report = (
        f"{name}: F1 {result['f1']} (bar {min_f1}), precision {result['precision']} "
        f"(bar {MIN_PRECISION}), attributes {result['attr_accuracy']} "
        f"(bar {min_attrs}) {result['attrs']}\n"
        + "\n".join(f"  missed: {m}" for m in result["missed"])
        + "\n"
        + "\n".join(f"  false positive: {fp}" for fp in result["false_pos"])
    )
    assert result["f1"] >= min_f1 and result["attr_accuracy"] >= min_attrs, report
    assert result["precision"] >= MIN_PRECISION, report


@pytest.mark.parametrize("name", list(CONCEPT_BARS))
def test_scores_indicator_and_tier_hold_their_bars(tmp_path, run_cli, repo_root, shared_dir, name):
    """One label per concept across documents and languages; core told from minor."""
    docs, gold, min_indicator, min_tier = CONCEPT_BARS[name]
    attrs = scored(tmp_path, run_cli, repo_root, shared_dir, docs, gold)["attrs"]
    assert attrs["indicator"] >= min_indicator and attrs["tier"] >= min_tier, (
        f"{name}: indicator {attrs['indicator']} (bar {min_indicator}), "
        f"tier {attrs['tier']} (bar {min_tier})"
    )


@pytest.mark.parametrize("name", list(BARE_FLOORS))
def test_scores_without_metadata_hold_the_attribute_floors(
    tmp_path, run_cli, repo_root, shared_dir, name
):
    docs, gold, min_attrs, floors = BARE_FLOORS[name]
    result = scored(tmp_path, run_cli, repo_root, shared_dir, docs, gold, bare=True)
    attrs = result["attrs"]
    below = {k: attrs[k] for k, floor in floors.items() if attrs[k] < floor}
    assert result["attr_accuracy"] >= min_attrs and not below, (
        f"{name} without metadata: attributes {result['attr_accuracy']} (floor {min_attrs}), "
        f"{attrs} (floors {floors})"
    )
