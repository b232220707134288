"""Without Dask installed, asking for the engine explains the missing extra and the rest works."""

from __future__ import annotations

import builtins
import importlib
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from blocwatch.errors import MissingExtraError


@pytest.fixture
def no_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `import dask` and `import distributed` fail, as when they are not installed."""
    for name in list(sys.modules):
        if name.split(".")[0] in ("dask", "distributed"):
            monkeypatch.delitem(sys.modules, name)
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in ("dask", "distributed"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)


@pytest.mark.usefixtures("no_dask")
def test_engine_raises_missing_extra(tmp_path: Path) -> None:
    scale = importlib.import_module("blocwatch.scale")
    (tmp_path / "a.txt").write_text("Mexico met Peru.", encoding="utf-8")
    with pytest.raises(MissingExtraError) as caught:
        scale.code_with_dask([str(tmp_path)], out_dir=tmp_path / "out")
    assert (caught.value.feature, caught.value.extra) == ("the Dask engine", "dask")
    assert "pip install 'blocwatch[dask]'" in str(caught.value)
    with pytest.raises(MissingExtraError):
        scale.ingest_with_dask([str(tmp_path)], db=tmp_path / "x.duckdb")
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "x.duckdb").exists()


@pytest.mark.usefixtures("no_dask")
def test_cli_explains_and_other_commands_work(tmp_path: Path) -> None:
    from blocwatch.cli import main

    (tmp_path / "a.txt").write_text("Peru accused Chile of meddling on Monday.",
                                    encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["scale", "code", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "the Dask engine needs the optional 'dask' dependencies" in result.output
    coded = runner.invoke(main, ["code", str(tmp_path / "a.txt"), "--date", "2022-09-05"])
    assert coded.exit_code == 0, coded.output
    assert '"type": "ACCUSE"' in coded.stdout
    assert "dask" not in sys.modules and "distributed" not in sys.modules


def test_importing_blocwatch_does_not_import_dask() -> None:
    code = ("import sys, blocwatch.scale, blocwatch.cli; "
            "assert 'dask' not in sys.modules and 'distributed' not in sys.modules")
    import subprocess

    subprocess.run([sys.executable, "-c", code], check=True)
