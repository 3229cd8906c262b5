"""The documentation says what the code does: checked, so it cannot drift."""

import re
from pathlib import Path

import pytest

from extract.write import WRITERS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def test_docs_readme_has_exactly_two_setup_commands_and_both_are_make_targets():
    setup = README.split("## Set up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", setup, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    targets = set(re.findall(r"^([a-z-]+):", MAKEFILE, re.M))
    assert {"run", "test"} <= targets


def test_docs_ci_runs_the_readme_test_command_and_nothing_else():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line
        for line in ci.splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert commands == ["make test"]


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_docs_readme_names_every_output_format(suffix):
    assert f"`{suffix}`" in README


@pytest.mark.parametrize(
    "module",
    sorted(
        p.relative_to(ROOT / "extract").as_posix()
        for p in (ROOT / "extract").rglob("*.py")
        if not p.name.startswith("_")
    ),
)
def test_docs_architecture_names_every_extract_module(module):
    """Each module by its path in extract/ ("pipeline/numbers.py"), under its subpackage."""
    folder, _, name = module.rpartition("/")
    if not folder:
        assert re.search(rf"^{re.escape(name)}\s", ARCHITECTURE, re.M)
        return
    # the folder's line in the layout block, then its modules indented under it
    listing = re.search(rf"^{re.escape(folder)}/ .*\n((?:  .*\n)+)", ARCHITECTURE, re.M)
    assert listing and re.search(rf"^  {re.escape(name)}\s", listing.group(1), re.M)
