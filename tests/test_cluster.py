"""The Dask path: one LocalCluster of two workers for the whole module (it takes seconds)."""

import pandas as pd
import pytest

from extract import cluster
from extract.cli import main
from extract.cluster import Source, list_sources, run_on_cluster, tasks
from extract.document import DocMeta, text_identity
from extract.errors import EXIT_OK, EXIT_USAGE, OutputError
from extract.job import run
from extract.write import read_claims, read_year_partitions
from tests.conftest import pdf_bytes


@pytest.fixture(scope="module")
def scheduler():
    """The address of a running LocalCluster (2 workers), shared by the module's tests."""
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
    ) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def folders(seeds_dir, shared_dir):
    return [seeds_dir, shared_dir / "corpus" / "docs", shared_dir / "corpus2" / "docs"]


def by_claim(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("claim_id").reset_index(drop=True)


def test_cluster_writes_the_claims_of_a_plain_run_partitioned_by_year(
    tmp_path, scheduler, folders, monkeypatch
):
    monkeypatch.setattr(cluster, "TASK_BYTES", 60_000)  # several tasks per worker
    plain = read_claims(run(folders, tmp_path / "plain.parquet", jobs=2).out)

    summary = run_on_cluster([str(f) for f in folders], str(tmp_path / "out"), scheduler)

    written = read_year_partitions(tmp_path / "out")
    assert (summary.claims, summary.documents) == (len(plain), plain["doc_id"].nunique())
    assert len(plain) > 500
    pd.testing.assert_frame_equal(by_claim(written), by_claim(plain))
    years = {p.name for p in (tmp_path / "out").iterdir()}
    assert years == {f"year={y}" for y in plain["year"].fillna(0).astype(int)}


def test_cluster_command_over_a_local_cluster_reads_urls_and_reports_bad_files(tmp_path, seeds_dir):
    docs = tmp_path / "docs"
    docs.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt"))[:2]:
        (docs / seed.name).write_bytes(seed.read_bytes())
    (docs / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"

    code = main([f"file://{docs}", "--out", str(out), "--scheduler", "local:2"])

    assert code == EXIT_OK
    expected = run([docs], tmp_path / "plain.parquet", jobs=1)
    written = read_year_partitions(out)
    assert set(written["doc_id"]) == {p.name for p in sorted(seeds_dir.glob("*.txt"))[:2]}
    assert len(written) == expected.claims
    assert not [p for p in out.iterdir() if p.name.startswith("_")]  # staging removed


def test_cluster_refuses_a_folder_that_is_not_empty(tmp_path, seeds_dir, scheduler):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.parquet").write_bytes(b"old")
    with pytest.raises(OutputError, match="out: folder is not empty"):
        run_on_cluster([str(seeds_dir)], str(tmp_path / "out"), scheduler)
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["old.parquet"]


def test_cluster_needs_an_output_folder_not_a_file(tmp_path, capsys, seeds_dir):
    with pytest.raises(SystemExit) as exit_:
        main([str(seeds_dir), "--out", str(tmp_path / "c.parquet"), "--scheduler", "local:2"])
    assert exit_.value.code == EXIT_USAGE
    assert "with --scheduler, --out is a folder" in capsys.readouterr().err


def test_cluster_lists_local_documents_with_their_metadata(seeds_dir):
    sources, errors = list_sources([str(seeds_dir)])
    assert errors == []
    assert [s.name for s in sources] == sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert all(s.meta != DocMeta() for s in sources)  # seeds/manifest.toml


@pytest.mark.parametrize("sizes, expected", [([3, 3, 3], [[3, 3], [3]]), ([7, 1], [[7], [1]])])
def test_cluster_batches_documents_into_tasks_by_size(monkeypatch, sizes, expected):
    monkeypatch.setattr(cluster, "TASK_BYTES", 6)
    sources = [Source(f"{i}.txt", f"{i}.txt", size) for i, size in enumerate(sizes)]
    assert [[s.size for s in task] for task in tasks(sources)] == expected


def test_cluster_command_admits_documents_as_the_flat_run_does(tmp_path, run_cli):
    """Through the real commands: a PDF saved as .txt is read as a PDF, a copy of a text
    under another name (Windows newlines) is one note line and one document, and two texts
    named report.txt are two documents; the cluster writes the flat run's claims, ids
    included, and says the same note lines."""
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "report.txt").write_text("Exports rose 12% in 2023.\nImports fell 4%.", "utf-8")
    (one / "z-copy.txt").write_bytes(b"Exports rose 12% in 2023.\r\nImports fell 4%.")
    (one / "saved.txt").write_bytes(pdf_bytes([["Industry grew 8.4% in 2024."]]))
    (two / "report.txt").write_text("Retail sales rose 9.3% in 2024.", "utf-8")
    (two / "empty.txt").write_bytes(b"")

    flat = run_cli(one, two, "--out", tmp_path / "flat.parquet", "--jobs", "1")
    on_cluster = run_cli(one, two, "--out", tmp_path / "out", "--scheduler", "local:2")

    assert flat.returncode == on_cluster.returncode == EXIT_OK, on_cluster.stderr
    expected = read_claims(tmp_path / "flat.parquet")
    written = read_year_partitions(tmp_path / "out")
    pd.testing.assert_frame_equal(by_claim(written), by_claim(expected))
    renamed = f"report-{text_identity('Retail sales rose 9.3% in 2024.')[:8]}.txt"
    assert sorted(set(written["doc_id"])) == sorted(["report.txt", "saved.txt", renamed])
    assert written["claim_id"].is_unique
    lines = sorted(on_cluster.stderr.splitlines())
    assert lines == sorted(flat.stderr.splitlines())
    assert f"note: {one / 'z-copy.txt'}: same text as {one / 'report.txt'}; read once" in lines
    assert any(line.startswith(f"note: {one / 'saved.txt'}: read as PDF") for line in lines)
    assert any(line.startswith(f"error: {two / 'empty.txt'}: ") for line in lines)
    assert "3 documents" in on_cluster.stdout and "(1 files skipped" in on_cluster.stdout
