import pytest

from extract.document import DocMeta
from extract.readers.manifest import (
    ManifestError,
    load_metadata,
    parse_manifest_csv,
    parse_manifest_toml,
    parse_meta_toml,
)

MANIFEST_TOML = """
["a.txt"]
lang = "vi"
body = "Sở Công Thương Thái Nguyên"
published = 2023-06-30
title = "Họp thường kỳ"

["b.txt"]
lang = "fr"
source_url = "https://example.org/b"
published = "2025-01"
"""

MANIFEST_CSV = (
    "file,url,title,publisher,ministry_or_body,language,published_date,notes\n"
    'a.txt,https://example.org/a,A title,Some paper,MOIT,en,2024-05-17,"note, with comma"\n'
    "c.txt,,C title,Other paper,Binh Phuoc Statistics Office,vi,,\n"
)


@pytest.mark.parametrize(
    "parse, text, expected",
    [
        (
            parse_manifest_toml,
            MANIFEST_TOML,
            {
                "a.txt": DocMeta(
                    lang="vi",
                    body="Sở Công Thương Thái Nguyên",
                    published="2023-06-30",
                    title="Họp thường kỳ",
                ),
                "b.txt": DocMeta(
                    lang="fr", source_url="https://example.org/b", published="2025-01"
                ),
            },
        ),
        (
            parse_manifest_csv,
            MANIFEST_CSV,
            {
                "a.txt": DocMeta(
                    lang="en",
                    body="MOIT",
                    published="2024-05-17",
                    source_url="https://example.org/a",
                    title="A title",
                ),
                "c.txt": DocMeta(lang="vi", body="Binh Phuoc Statistics Office", title="C title"),
            },
        ),
    ],
)
def test_manifest_parse_maps_each_file_to_its_metadata(parse, text, expected):
    assert parse(text) == expected


def test_manifest_parse_meta_toml_reads_top_level_keys():
    text = 'lang = "en"\nbody = "Ministry of Home Affairs"\nsource_lang = "vi"\n'
    assert parse_meta_toml(text) == DocMeta(
        lang="en", body="Ministry of Home Affairs", source_lang="vi"
    )


@pytest.mark.parametrize(
    "parse, text, problem",
    [
        (parse_meta_toml, 'langue = "fr"', "unknown key langue"),
        (parse_meta_toml, 'published = "8/1/2025"', "published must be an ISO date"),
        (parse_meta_toml, "lang = 3", "lang must be text"),
        (parse_meta_toml, 'lang = "en', "not valid TOML"),
        (parse_manifest_toml, 'lang = "en"', 'is not a ["FILE.txt"] table'),
        (parse_manifest_toml, '["a.txt"]\nauthor = "x"', "[a.txt]: unknown key author"),
        (parse_manifest_csv, "name,url\na.txt,x\n", "no 'file' column"),
        (parse_manifest_csv, "file,published_date\na.txt,May 2024\n", "line 2: published"),
    ],
)
def test_manifest_parse_says_what_is_wrong(parse, text, problem):
    with pytest.raises(ManifestError) as error:
        parse(text)
    assert problem in str(error.value)


def test_manifest_load_metadata_lets_the_more_specific_file_win(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "manifest.csv").write_text(MANIFEST_CSV, encoding="utf-8")  # in the parent
    (docs / "manifest.toml").write_text('["a.txt"]\nlang = "fr"\n', encoding="utf-8")
    (docs / "a.meta.toml").write_text('published = "2024-05"\n', encoding="utf-8")
    paths = [docs / name for name in ("a.txt", "c.txt", "unlisted.txt")]

    metas, errors = load_metadata(paths)

    assert errors == []
    assert metas[docs / "a.txt"] == DocMeta(
        lang="fr",  # manifest.toml over manifest.csv
        body="MOIT",
        published="2024-05",  # NAME.meta.toml over both
        source_url="https://example.org/a",
        title="A title",
    )
    assert metas[docs / "c.txt"] == parse_manifest_csv(MANIFEST_CSV)["c.txt"]
    assert metas[docs / "unlisted.txt"] == DocMeta()


def test_manifest_load_metadata_reports_a_bad_file_and_keeps_the_others(tmp_path):
    (tmp_path / "manifest.toml").write_text('["a.txt"]\nlang = "en', encoding="utf-8")
    (tmp_path / "b.meta.toml").write_text('lang = "vi"\n', encoding="utf-8")

    metas, errors = load_metadata([tmp_path / "a.txt", tmp_path / "b.txt"])

    assert metas == {tmp_path / "a.txt": DocMeta(), tmp_path / "b.txt": DocMeta(lang="vi")}
    assert len(errors) == 1
    assert errors[0].startswith(f"{tmp_path / 'manifest.toml'}: bad metadata file, ignored")


@pytest.mark.parametrize("folder", ["seeds", "corpus"])
def test_manifest_load_metadata_covers_every_real_document(folder, seeds_dir, shared_dir):
    docs = {"seeds": seeds_dir, "corpus": shared_dir / "corpus" / "docs"}[folder]
    paths = sorted(docs.glob("*.txt"))
    assert paths, f"no documents in {docs}"

    metas, errors = load_metadata(paths)

    assert errors == []
    assert all(metas[p].lang in ("en", "fr", "vi") and metas[p].body for p in paths)
