"""The README stays in step with the code it documents."""

from __future__ import annotations

from sitegen.cli import parser
from sitegen.config import markdown_table
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_config_table_is_current() -> None:
    start = README.index("<!-- config-table:start -->") + len("<!-- config-table:start -->")
    end = README.index("<!-- config-table:end -->")
    assert README[start:end].strip() == markdown_table()


def test_every_command_is_documented() -> None:
    sub = next(a for a in parser()._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"`sitegen {name}" in README


def test_quickstart_has_the_two_commands() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("##", 1)[0]
    assert "make demo" in quickstart and "make test" in quickstart
