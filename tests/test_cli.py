import os
import signal
import subprocess
import sys
import time
import types

import pandas as pd
import pytest

from extract.cli import main
from extract.errors import (
    EXIT_CANNOT_WRITE,
    EXIT_INTERRUPTED,
    EXIT_NOTHING_READ,
    EXIT_OK,
    EXIT_USAGE,
)
from extract.readers.read import MAX_DOCUMENT_BYTES
from extract.write import read_claims

GOOD = "The industrial sector grew by 8.4% in 2024, exports by 15.4%."
BAD = ["empty", "png", "utf-32", "no-encoding"]  # named in conftest's bad_files


def test_cli_help_explains_formats_metadata_and_exit_codes(run_cli):
    result = run_cli("--help")
    assert result.returncode == 0
    for needed in (
        "--out FILE",
        ".parquet, .csv, .jsonl",
        "manifest.toml",
        "manifest.csv",
        "NAME.meta.toml",
        "exit codes",
        "nothing could be read",
        "python -m extract add",
        "examples",
    ):
        assert needed in result.stdout


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_cli_reports_each_bad_file_in_one_line_and_extracts_the_others(
    tmp_path, run_cli, bad_files, suffix
):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(GOOD, encoding="utf-8")
    for name in BAD:
        (docs / f"{name}.txt").write_bytes(bad_files[name][0])
    with (docs / "huge.txt").open("wb") as huge:
        huge.truncate(MAX_DOCUMENT_BYTES)  # sparse: refused by its size, never read
    (tmp_path / "empty_folder").mkdir()
    out = tmp_path / f"claims{suffix}"

    result = run_cli(docs, tmp_path / "empty_folder", "--out", out)

    assert result.returncode == EXIT_OK
    assert "Traceback" not in result.stderr + result.stdout
    errors = result.stderr.splitlines()
    assert len(errors) == len(BAD) + 2
    for name in BAD:
        problem = bad_files[name][1]
        assert f"error: {docs / name}.txt: {problem}" in "\n".join(errors)
    assert f"error: {docs / 'huge.txt'}: file is too large (50.0 MB" in "\n".join(errors)
    assert f"error: {tmp_path / 'empty_folder'}: folder has no .txt documents" in errors
    assert result.stdout.startswith("1 documents, ")
    assert f"-> {out} ({len(BAD) + 2} files skipped, see above)" in result.stdout
    assert set(read_claims(out)["doc_id"]) == {"good.txt"}


@pytest.mark.parametrize("name", ["vietnamese-windows-1258", "french-latin-1", "french-utf-16-be"])
def test_cli_extracts_a_legacy_encoded_file(tmp_path, capsys, legacy_files, name):
    (tmp_path / "legacy.txt").write_bytes(legacy_files[name][0])
    out = tmp_path / "claims.jsonl"

    assert main([str(tmp_path), "--out", str(out)]) == EXIT_OK

    captured = capsys.readouterr()
    encoding = legacy_files[name][2]
    assert captured.err == f"note: {tmp_path / 'legacy.txt'}: decoded as {encoding} (not UTF-8)\n"
    assert captured.out.startswith("1 documents, ")
    assert len(read_claims(out)) > 0


@pytest.mark.parametrize("make_input", ["empty folder", "only bad files", "missing path"])
def test_cli_exits_non_zero_and_writes_nothing_when_nothing_could_be_read(
    tmp_path, run_cli, bad_files, make_input
):
    docs = tmp_path / "docs"
    if make_input != "missing path":
        docs.mkdir()
    if make_input == "only bad files":
        for name in BAD:
            (docs / f"{name}.txt").write_bytes(bad_files[name][0])
    out = tmp_path / "claims.parquet"

    result = run_cli(docs, "--out", out)

    assert result.returncode == EXIT_NOTHING_READ
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"error: nothing could be read from {docs}: no claims table written"
    )
    assert not out.exists()


def test_cli_reads_the_seeds_by_default(tmp_path, run_cli, seeds_dir):
    result = run_cli("--out", tmp_path / "claims.csv")
    assert result.returncode == EXIT_OK, result.stderr
    n_seeds = len(list(seeds_dir.glob("*.txt")))
    assert result.stdout.startswith(f"{n_seeds} documents, ")


@pytest.mark.parametrize(
    "args, problem",
    [
        (["--out", "claims.xlsx"], "unknown table format '.xlsx'"),
        ([], "the following arguments are required: --out"),
        (["--out", "c.csv", "--unknown"], "unrecognized arguments: --unknown"),
    ],
)
def test_cli_refuses_bad_arguments_with_a_usage_line(capsys, args, problem):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == EXIT_USAGE
    assert problem in capsys.readouterr().err


def test_cli_says_in_one_line_when_the_output_cannot_be_written(tmp_path, capsys):
    (tmp_path / "doc.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a_file").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "a_file" / "claims.csv"

    assert main([str(tmp_path / "doc.txt"), "--out", str(out)]) == EXIT_CANNOT_WRITE

    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}: cannot write the claims table") and err.count("\n") == 1


@pytest.mark.parametrize("n_documents, shows_bar", [(3, False), (25, True)])
def test_cli_shows_a_progress_bar_only_for_many_documents(tmp_path, capsys, n_documents, shows_bar):
    for i in range(n_documents):
        (tmp_path / f"doc{i:02}.txt").write_text(f"Report {i}: exports rose {i}%.", "utf-8")

    assert main([str(tmp_path), "--out", str(tmp_path / "claims.csv")]) == EXIT_OK

    captured = capsys.readouterr()
    assert ("extracting" in captured.err) == shows_bar
    assert captured.out.count("\n") == 1 and f"{n_documents} documents" in captured.out


@pytest.mark.parametrize("command, function", [("add", "add_main"), ("export", "export_main")])
def test_cli_hands_store_commands_to_the_store_module(monkeypatch, command, function):
    calls = []
    fake = types.ModuleType("extract.store.commands")
    setattr(fake, function, lambda argv: calls.append(argv) or 7)
    monkeypatch.setitem(sys.modules, "extract.store.commands", fake)

    assert main([command, "a.txt", "--db", "x.duckdb"]) == 7
    assert calls == [["a.txt", "--db", "x.duckdb"]]


def test_cli_says_in_one_line_when_the_store_commands_are_missing(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "extract.store.commands", None)  # import fails
    assert main(["add", "a.txt"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("error: the 'add' command is not available") and err.count("\n") == 1


def many_documents(folder, seeds_dir, copies: int) -> None:
    """`copies` distinct documents per seed (a last line tells each copy apart)."""
    folder.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for copy in range(copies):
            (folder / f"{copy:03}_{seed.name}").write_text(f"{text}\ncopy {copy}", "utf-8")


def test_cli_writes_the_same_table_for_any_number_of_jobs(tmp_path, run_cli, seeds_dir):
    docs = tmp_path / "docs"
    many_documents(docs, seeds_dir, copies=6)
    tables = {}
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"jobs{jobs}.parquet"
        result = run_cli(docs, "--out", out, "--jobs", jobs)
        assert result.returncode == EXIT_OK, result.stderr
        tables[jobs] = read_claims(out)

    assert len(tables["1"]) > 0
    pd.testing.assert_frame_equal(tables["1"], tables["2"])
    pd.testing.assert_frame_equal(tables["1"], tables["3"])


@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_cli_interrupted_run_leaves_no_half_written_output(tmp_path, seeds_dir, stop):
    docs = tmp_path / "docs"
    many_documents(docs, seeds_dir, copies=40)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "claims.csv"
    out.write_text("an earlier table", encoding="utf-8")
    stderr = tmp_path / "stderr.txt"
    with stderr.open("w") as err:
        running = subprocess.Popen(
            [sys.executable, "-m", "extract", docs, "--out", out, "--jobs", "2"],
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,  # its own process group, as a terminal's job
        )
    deadline = time.monotonic() + 120
    while "extracting" not in stderr.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # workers started, some documents done
    if stop == "ctrl-c":
        os.killpg(running.pid, signal.SIGINT)  # the terminal signals the whole group
    else:
        running.send_signal(signal.SIGTERM)
    assert running.wait(timeout=60) == EXIT_INTERRUPTED

    lines = stderr.read_text().splitlines()
    assert (
        lines[-1]
        == f"error: {out}: interrupted; nothing written (an earlier table is left as it was)"
    )
    assert "Traceback" not in stderr.read_text()
    assert out.read_text(encoding="utf-8") == "an earlier table"
    assert [p.name for p in out_dir.iterdir()] == ["claims.csv"]  # no temporary file left


def test_cli_killed_run_leaves_no_worker_processes(tmp_path, seeds_dir):
    """kill -9 gives a run no chance to stop its workers: they see it gone and end."""
    import psutil

    docs = tmp_path / "docs"
    many_documents(docs, seeds_dir, copies=40)
    stderr = tmp_path / "stderr.txt"
    with stderr.open("w") as err:
        running = subprocess.Popen(
            [sys.executable, "-m", "extract", docs, "--out", tmp_path / "c.csv", "--jobs", "2"],
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    deadline = time.monotonic() + 120
    while "extracting" not in stderr.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # workers started, some documents done
    started = psutil.Process(running.pid).children(recursive=True)
    assert len(started) >= 2  # the workers (and the process that forks them)

    running.kill()
    running.wait(timeout=60)

    def ended(process: psutil.Process) -> bool:
        try:
            return process.status() == psutil.STATUS_ZOMBIE  # ended, not yet reaped
        except psutil.NoSuchProcess:
            return True

    deadline = time.monotonic() + 30
    while not all(map(ended, started)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [p.pid for p in started if not ended(p)] == []
    assert not list(tmp_path.glob("c.csv"))
