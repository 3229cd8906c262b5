from pathlib import Path

import pytest

from extract.cli import main
from extract.document import DocMeta
from extract.errors import InputError
from extract.readers.read import MAX_DOCUMENT_BYTES, collect_paths, decode_text, read_document
from extract.store.commands import add_main


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "names, expected",
    [
        (["b.txt", "a.txt", "manifest.toml", "a.meta.toml", "notes.md"], ["a.txt", "b.txt"]),
        (["x.txt"], ["x.txt"]),
    ],
)
def test_read_collect_paths_expands_a_folder_to_its_sorted_txt_files(tmp_path, names, expected):
    for name in names:
        write(tmp_path / name, b"text 1")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "deeper.txt", b"not read: folders are not recursive")

    files, errors = collect_paths([tmp_path])

    assert [p.name for p in files] == expected
    assert errors == []


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda d: d / "missing.txt", "no such file or folder"),
        (lambda d: write(d / "report.pdf", b"%PDF"), "not a .txt document"),
        (lambda d: (d / "empty_folder").mkdir() or d / "empty_folder", "folder has no .txt"),
    ],
)
def test_read_collect_paths_reports_each_bad_path_in_one_line(tmp_path, make, problem):
    good = write(tmp_path / "good.txt", b"Exports rose 5%.")
    bad = make(tmp_path)

    files, errors = collect_paths([bad, good])

    assert files == [good]
    assert len(errors) == 1 and "\n" not in errors[0]
    assert str(bad) in errors[0] and problem in errors[0]


def test_read_collect_paths_reads_a_file_named_twice_once(tmp_path):
    doc = write(tmp_path / "a.txt", b"1%")
    files, _ = collect_paths([doc, tmp_path, tmp_path / "." / "a.txt"])
    assert files == [doc]


@pytest.mark.parametrize(
    "data, text",
    [
        (b"Growth 8.4%\r\nExports 5%\n", "Growth 8.4%\r\nExports 5%\n"),  # newlines kept as is
        (b"\xef\xbb\xbfGrowth 8.4%", "Growth 8.4%"),  # a UTF-8 byte-order mark is dropped
        ("Tăng 8,4% so với năm 2023".encode(), "Tăng 8,4% so với năm 2023"),
        ("5 566,4\u202fmilliards".encode(), "5 566,4\u202fmilliards"),
    ],
)
def test_read_document_keeps_utf8_text_exactly(tmp_path, data, text):
    meta = DocMeta(lang="en")
    doc = read_document(write(tmp_path / "report.txt", data), meta)
    assert (doc.doc_id, doc.text, doc.meta, doc.note) == ("report.txt", text, meta, None)


@pytest.mark.parametrize(
    "name",
    [
        "vietnamese-windows-1258",
        "french-latin-1",
        "french-windows-1252",
        "french-utf-16-bom",
        "vietnamese-utf-16-le",
        "french-utf-16-be",
    ],
)
def test_read_document_decodes_a_clear_legacy_encoding_and_says_so(tmp_path, legacy_files, name):
    data, text, encoding = legacy_files[name]
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the input really is not UTF-8
    doc = read_document(write(tmp_path / "legacy.txt", data))
    assert doc.text == text
    assert doc.note == f"decoded as {encoding} (not UTF-8)"


@pytest.mark.parametrize(
    "name",
    [
        "empty",
        "whitespace",
        "bom-only",
        "png",
        "control-bytes",
        "utf-32",
        "nul-padded",
        "no-encoding",
        "damaged-utf-8",
    ],
)
def test_read_document_refuses_what_is_not_text_in_one_line(tmp_path, bad_files, name):
    data, problem = bad_files[name]
    path = write(tmp_path / "bad input.txt", data)
    with pytest.raises(InputError) as error:
        read_document(path)
    line = str(error.value)
    assert line.startswith(f"{path}: ") and problem in line and "\n" not in line


def test_read_document_refuses_a_file_of_the_size_limit_before_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.write(b"Exports rose 5%. " * (MAX_DOCUMENT_BYTES // 17 + 1))
    assert path.stat().st_size >= MAX_DOCUMENT_BYTES == 50_000_000

    with pytest.raises(InputError, match=r"huge\.txt: file is too large \(50\.0 MB"):
        read_document(path)


@pytest.mark.parametrize("length, accepted", [(19, True), (20, False)])
def test_read_decode_text_refuses_from_the_limit_on(monkeypatch, length, accepted):
    monkeypatch.setattr("extract.readers.read.MAX_DOCUMENT_BYTES", 20)  # a small limit, same rule
    data = b"a" * length
    if accepted:
        assert decode_text(data, "x.txt") == (data.decode(), None)
    else:
        with pytest.raises(InputError, match="x.txt: file is too large"):
            decode_text(data, "x.txt")


@pytest.mark.parametrize("name", ["vietnamese-utf-16-le", "french-utf-16-bom", "french-latin-1"])
def test_read_add_prints_the_same_note_line_as_extract(tmp_path, capsys, legacy_files, name):
    path = write(tmp_path / "legacy.txt", legacy_files[name][0])
    assert main([str(path), "--out", str(tmp_path / "claims.csv")]) == 0
    extract_err = capsys.readouterr().err
    assert add_main([str(path), "--db", str(tmp_path / "c.duckdb")]) == 0
    add_err = capsys.readouterr().err
    expected = f"note: {path}: decoded as {legacy_files[name][2]} (not UTF-8)\n"
    assert extract_err == add_err == expected
