"""Every failure of the store's commands is one line naming the file, never a traceback, and
nothing already stored is lost: the real commands in fresh processes, temp folders."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from extract.store.changes import BATCH_DOCUMENTS
from extract.store.database import read_corpus

REPO_ROOT = Path(__file__).resolve().parents[1]
ENV = os.environ | {"PYTHONPATH": str(REPO_ROOT)}
TEXT = "Industrial production grew 8.4% in 2024.\nExports rose 12% to 786.3 billion USD.\n"
IS_ROOT = os.geteuid() == 0


def command(*args, env: dict | None = None, **options) -> subprocess.CompletedProcess:
    """python -m extract ARGS; a hang (a FIFO read, a busy-wait) fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "extract", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env or ENV,
        **options,
    )


def one_line(done: subprocess.CompletedProcess, *words: str) -> str:
    """The single stderr line, checked to be an error naming the problem, no traceback."""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert all(word in lines[0] for word in words), lines[0]
    return lines[0]


@pytest.fixture
def store(tmp_path, seeds_dir) -> Path:
    db = tmp_path / "c.duckdb"
    assert command("add", seeds_dir, "--db", db).returncode == 0
    return db


def test_store_failures_damaged_store_says_damaged_at_once(tmp_path, store):
    data = bytearray(store.read_bytes())
    for i in range(12288, 16384):  # a data block: DuckDB's checksum catches it
        data[i] ^= 0x5A
    store.write_bytes(bytes(data))
    for args in (["list"], ["export", tmp_path / "out"], ["add", TEXT_FILE(tmp_path)]):
        done = command(*args, "--db", store, "--wait", "60")  # "busy" would wait 60 s
        line = one_line(done, str(store), "damaged", "checksum")
        assert "busy" not in line and done.returncode == 3
    assert store.read_bytes() == bytes(data)


def TEXT_FILE(folder: Path) -> Path:  # noqa: N802 (reads as the file it makes)
    path = folder / "new.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def sqlite_file(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()


def foreign_duckdb(path: Path, ddl: str) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute(ddl)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (sqlite_file, "it is a SQLite database"),
        (lambda p: foreign_duckdb(p, "CREATE TABLE orders (id INT)"), "another program's"),
        (
            lambda p: foreign_duckdb(p, "CREATE TABLE documents (id INT, name VARCHAR)"),
            "documents or claims table is not claimboard's",
        ),
        (lambda p: p.write_bytes(b"notes\n" * 500), "not a DuckDB database file"),
    ],
    ids=["sqlite", "foreign-duckdb", "foreign-documents-table", "text"],
)
def test_store_failures_not_a_store_is_left_untouched(tmp_path, make, reason):
    db = tmp_path / "other.db"
    make(db)
    before = db.read_bytes()
    home = tmp_path / "home"  # where DuckDB would put a downloaded extension
    home.mkdir()
    for args in (["add", TEXT_FILE(tmp_path)], ["list"], ["remove", "x.txt"]):
        done = command(*args, "--db", db, env=ENV | {"HOME": str(home)})
        one_line(done, str(db), "not a claimboard store", reason)
        assert "INSTALL" not in done.stderr
    assert db.read_bytes() == before and not list(home.iterdir())


@contextmanager
def mounted_tmpfs(tmp_path: Path, options: str) -> Iterator[Path]:
    """A real small or read-only file system (needs root, which CI has)."""
    point = tmp_path / "mnt"
    point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", point], check=True)
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", point], check=True)


needs_root = pytest.mark.skipif(not IS_ROOT, reason="mounting a small tmpfs needs root")


@needs_root
def test_store_failures_disk_full_during_add_keeps_the_store(tmp_path, store):
    docs = many_documents(tmp_path / "docs", 60)  # about 700 kB of text to store
    with mounted_tmpfs(tmp_path, f"size={store.stat().st_size // 1024 + 300}k") as disk:
        db = disk / "c.duckdb"
        shutil.copy(store, db)
        before = read_corpus(db)
        done = command("add", docs, "--db", db)
        one_line(done, str(db), "no room left", "nothing was changed")
        assert done.returncode == 3
        for old, new in zip(before, read_corpus(db), strict=True):
            pd.testing.assert_frame_equal(old, new)
        out = disk / "export"
        for name in os.listdir(disk):  # fill what is left, then export there
            if name.endswith(".wal"):
                os.unlink(disk / name)
        filler = disk / "filler"
        with filler.open("wb") as fill, pytest.raises(OSError):
            while True:
                fill.write(b"\0" * 65536)
                fill.flush()
        done = command("export", out, "--db", db)
        one_line(done, str(out), "cannot write the export")
        assert not out.exists()


@needs_root
def test_store_failures_read_only_file_system(tmp_path, store):
    with mounted_tmpfs(tmp_path, "size=4m") as disk:
        shutil.copy(store, disk / "c.duckdb")
        subprocess.run(["mount", "-o", "remount,ro", disk], check=True)
        done = command("add", TEXT_FILE(tmp_path), "--db", disk / "c.duckdb")
        one_line(done, "cannot write the store", "Read-only file system")
        done = command("export", disk / "out", "--db", disk / "c.duckdb")
        one_line(done, "cannot write the export")
        listed = command("list", "--db", disk / "c.duckdb")  # reading still works
        assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 6


def test_store_failures_export_into_a_file(tmp_path, store):
    target = tmp_path / "claims.parquet"
    target.write_bytes(b"mine")
    one_line(command("export", target, "--db", store), str(target), "is a file, not a folder")
    assert target.read_bytes() == b"mine"


def special_file(folder: Path, kind: str) -> Path:
    path = folder / "special.txt"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.symlink_to(path)  # a link to itself: a loop
    return path


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        ("fifo", "not a regular file (a FIFO)"),
        ("device", "not a regular file (a device)"),
        ("loop", "symbolic link loop"),
    ],
)
@pytest.mark.parametrize("named", ["by name", "in a folder"])
@pytest.mark.parametrize("run", ["add", "extract"])
def test_store_failures_not_a_regular_file_is_refused(tmp_path, kind, problem, named, run):
    folder = tmp_path / "docs"
    folder.mkdir()
    special = special_file(folder, kind)
    TEXT_FILE(folder)
    given = special if named == "by name" else folder
    args = ["add", given, folder / "new.txt"] if run == "add" else [given, folder / "new.txt"]
    out = ["--db", tmp_path / "c.duckdb"] if run == "add" else ["--out", tmp_path / "c.csv"]
    done = command(*args, *out)
    assert done.returncode == 0, done.stderr
    one_line(done, str(special), problem)


# Root lists any folder: the command runs without the capabilities that let it.
WITHOUT_OVERRIDE = ["setpriv", "--inh-caps=-dac_override,-dac_read_search"]
WITHOUT_OVERRIDE += ["--bounding-set=-dac_override,-dac_read_search"]


def test_store_failures_unlistable_folder_is_one_line(tmp_path):
    closed, good = tmp_path / "closed", tmp_path / "good"
    closed.mkdir(mode=0o000)
    good.mkdir()
    TEXT_FILE(good)
    try:
        done = subprocess.run(
            [*(WITHOUT_OVERRIDE if IS_ROOT else []), sys.executable, "-m", "extract"]
            + [str(closed), str(good), "--out", str(good / "c.csv")],
            capture_output=True,
            text=True,
            timeout=120,
            env=ENV,
        )
    finally:
        closed.chmod(0o755)
    assert done.returncode == 0, done.stderr
    one_line(done, str(closed), "cannot list the folder", "Permission denied")
    assert (good / "c.csv").exists()


def test_store_failures_add_prints_the_same_notes_as_extract(tmp_path):
    (tmp_path / "french.txt").write_bytes(
        "Les exportations ont augmenté de 5 % en été.".encode("latin-1")
    )
    flat = command(tmp_path / "french.txt", "--out", tmp_path / "c.csv")
    added = command("add", tmp_path / "french.txt", "--db", tmp_path / "c.duckdb")
    assert (
        flat.stderr
        == added.stderr
        == f"note: {tmp_path / 'french.txt'}: decoded as Latin-1 (not UTF-8)\n"
    )


def many_documents(folder: Path, count: int) -> Path:
    """`count` distinct documents (each number shifted), enough for a long `add`."""
    folder.mkdir()
    base = (REPO_ROOT / "seeds" / "000_85f2caef2865a13f.txt").read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"doc{i:03}.txt").write_text(f"Report {i}: output rose {i}.5%.\n{base}", "utf-8")
    return folder


def test_store_failures_readers_read_during_a_long_add(tmp_path, store):
    # One batch (changes.BATCH_DOCUMENTS) of several seconds' extraction even on a quiet
    # machine, so the readers below are done before it is written
    assert BATCH_DOCUMENTS >= 480
    docs = many_documents(tmp_path / "docs", 480)
    before = read_corpus(store)
    adding = subprocess.Popen(
        [sys.executable, "-m", "extract", "add", docs, "--db", store, "--jobs", "1"],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(1.0)  # extracting now: the store is not held
        # Each reader may wait for a batch's short write, never for the whole extraction:
        # they are done while the add still runs.
        seen = read_corpus(store)  # what the dashboard's loader does
        exported = command("export", tmp_path / "out", "--db", store)
        listed = command("list", "--db", store)
        still_adding = adding.poll() is None
    finally:
        out, err = adding.communicate(timeout=600)
    assert still_adding, "the add ended before the readers ran: make it longer"
    assert exported.returncode == 0 and listed.returncode == 0, exported.stderr + listed.stderr
    assert len(pd.read_parquet(tmp_path / "out")) == len(before[0])  # as of the last commit
    assert len(seen[1]) == len(before[1])
    assert adding.returncode == 0 and "480 added" in out, err
    assert len(read_corpus(store)[1]) == len(before[1]) + 480


@pytest.mark.parametrize("delay", [0.8, 2.0, 3.5])
def test_store_failures_kill_9_mid_add_leaves_the_store_whole(tmp_path, store, delay):
    docs = many_documents(tmp_path / "docs", 40)
    before = read_corpus(store)
    adding = subprocess.Popen(
        [sys.executable, "-m", "extract", "add", docs, "--db", store], env=ENV
    )
    time.sleep(delay)
    adding.send_signal(signal.SIGKILL)
    adding.wait()
    claims, documents = read_corpus(store)
    if len(documents) == len(before[1]):
        for old, new in zip(before, (claims, documents), strict=True):
            pd.testing.assert_frame_equal(old, new)
    else:  # the batch had committed: all of it
        assert len(documents) == len(before[1]) + 40
    assert set(claims["doc_id"]) <= set(documents["doc_id"])
    done = command("add", docs, "--db", store)  # and the store goes on working
    assert done.returncode == 0, done.stderr
    claims, documents = read_corpus(store)
    assert len(documents) == len(before[1]) + 40 and claims["claim_id"].is_unique
