"""`blocwatch code` end to end: the contract's command on good and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from blocwatch.cli import main

CELAC = ("Pedro Castillo, Miguel Díaz-Canel and Nicolás Maduro met on Saturday in Mexico, "
         "together with Andrés Manuel López Obrador.\n")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_code_a_text_file_with_date(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "celac.txt"
    path.write_text(CELAC, encoding="utf-8")
    result = runner.invoke(main, ["code", str(path), "--date", "2021-09-20", "--lang", "en"])
    assert result.exit_code == 0, result.output
    events = _events(result.stdout)
    assert sorted(e["source"]["code"] for e in events) == ["CUB", "PER", "VEN"]
    assert {e["date"] for e in events} == {"2021-09-18"}
    assert {e["doc_id"] for e in events} == {"celac.txt"}
    assert all(e["sentence"] == CELAC.strip() for e in events)


def test_a_batch_goes_on_past_bad_documents(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(CELAC, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "text": "x"\nnot json\n', encoding="utf-8")
    (tmp_path / "french.txt").write_text(
        "Le président français a rencontré hier son homologue allemand à Paris pour discuter "
        "de la guerre en Ukraine et des relations entre les deux pays.", encoding="utf-8")
    result = runner.invoke(main, ["code", str(tmp_path), "--date", "2021-09-20"])
    assert result.exit_code == 0
    assert len(_events(result.stdout)) == 3
    for name in ("empty.txt", "binary.txt", "bad.jsonl", "french.txt"):
        assert name in result.stderr
    assert "--lang" in result.stderr   # the hint for an unsupported language


def test_nothing_readable_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["code", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0
    assert "missing.txt" in result.stderr
    assert result.stdout == ""


def test_standard_input_jsonl_and_all_flag(runner: CliRunner) -> None:
    doc = {"id": "d1", "text": "Maduro could meet Castillo next week.", "date": "2021-09-20",
           "lang": "en"}
    plain = runner.invoke(main, ["code", "-"], input=json.dumps(doc) + "\n")
    assert plain.exit_code == 0 and _events(plain.stdout) == []
    everything = runner.invoke(main, ["code", "-", "--all"], input=json.dumps(doc) + "\n")
    events = _events(everything.stdout)
    assert events and all(e["hypothetical"] for e in events)


def test_out_file(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text(CELAC, encoding="utf-8")
    out = tmp_path / "events.jsonl"
    result = runner.invoke(main, ["code", str(tmp_path / "in.txt"), "--date", "2021-09-20",
                                  "--out", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert len(_events(out.read_text(encoding="utf-8"))) == 3
