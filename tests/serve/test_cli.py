"""`blocwatch serve`: its options, and the message when the serve extra is missing."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from blocwatch.cli import main
from blocwatch.cli.serve import require_serve_extra
from blocwatch.errors import MissingExtraError


@pytest.mark.parametrize("module", ["fastapi", "uvicorn", "jinja2"])
def test_missing_extra_names_the_pip_command(monkeypatch: pytest.MonkeyPatch,
                                             module: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingExtraError, match=r"blocwatch\[serve\]"):
        require_serve_extra()


def test_serve_command_is_registered() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--token" in result.output and "--db" in result.output


def test_serve_needs_an_existing_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0
