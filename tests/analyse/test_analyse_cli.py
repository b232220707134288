"""The analysis commands: options in, one library call, rows out."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from click.testing import CliRunner
from conftest import EVENTS_DDL, event

from blocwatch.cli import main

ROWS = [
    row
    for m in range(1, 13)
    for row in (
        event(f"2019-{m:02d}-10", "VEN", "CUB", "COOPERATE"),
        event(f"2019-{m:02d}-10", "CUB", "NIC", "AGREE"),
        event(f"2019-{m:02d}-10", "COL", "BRA", "AGREE"),
        event(f"2019-{m:02d}-10", "COL", "VEN", "ACCUSE"),
        event(f"2019-{m:02d}-12", "MEX", "VEN", "CONSULT"),
    )
]
# A made-up bloc, so that the test does not depend on the shipped memberships.
USER_KB = """
organizations:
  - {code: TEST_BLOC, name_en: Test bloc, kind: regional, source: test}
memberships:
  - {org: TEST_BLOC, country: VEN, status: member, start: 2004-12-14, source: test}
  - {org: TEST_BLOC, country: CUB, status: member, start: 2004-12-14, source: test}
  - {org: TEST_BLOC, country: NIC, status: member, start: 2007-01-11, source: test}
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "events.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(EVENTS_DDL)
        con.executemany(f"INSERT INTO events VALUES ({', '.join(['?'] * 17)})", ROWS)
    return str(path)


@pytest.fixture(scope="module")
def user_kb(tmp_path_factory):
    path = tmp_path_factory.mktemp("kb") / "alba.yaml"
    path.write_text(USER_KB, encoding="utf-8")
    return str(path)


@pytest.fixture
def fixed_kb(monkeypatch, kb):
    """The commands get the tests' fixed KB instead of the shipped one, which keeps changing."""
    import blocwatch.cli.analyse as commands

    monkeypatch.setattr(commands, "_kb", lambda kb_file: kb)


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


def test_dyad_csv(db):
    result = run("dyad", "--db", db, "MEX", "VEN", "--freq", "quarter", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["period"] for r in rows] == ["2019-01-01", "2019-04-01", "2019-07-01", "2019-10-01"]
    assert [r["net_coop"] for r in rows] == ["3"] * 4


def test_dyad_table_and_lower_case_codes(db):
    result = run("dyad", "--db", db, "mex", "ven", "--freq", "year")
    assert result.exit_code == 0, result.output
    header, line = result.output.splitlines()
    assert header.split()[:2] == ["period", "events"] and line.split()[:2] == ["2019-01-01", "12"]


@pytest.mark.parametrize("args", [
    ["align", "MEX", "VEN", "--window", "6 months", "--step", "3 months"],
    ["blocs", "--min-events", "5"],
    ["blocs", "--show", "edges"],
    ["forces", "--region", "VEN,CUB,NIC,COL,BRA,MEX", "--camps", "community"],
    ["forces", "--show", "summary"],
])
def test_commands_write_jsonl(db, fixed_kb, args):
    result = run(*args[:1], "--db", db, *args[1:], "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows


def test_cohesion_with_user_kb(db, user_kb):
    # Through the real loader: the shipped KB plus a user file.
    result = run("cohesion", "--db", db, "TEST_BLOC", "--kb", user_kb, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert (row["members"], row["inside_events"], row["outside_events"]) == (3, 24, 24)


@pytest.mark.parametrize("args", [
    ["dyad", "MEX'; DROP TABLE events", "VEN"],
    ["dyad", "MEX", "VEN", "--start", "2019-31-01"],
    ["align", "MEX", "VEN", "--window", "forever"],
])
def test_bad_input_exits_with_a_message(db, args):
    result = run(*args[:1], "--db", db, *args[1:])
    assert result.exit_code == 1
    assert "Error: bad" in result.output


def test_database_stays_read_only(db):
    run("dyad", "--db", db, "MEX", "VEN")
    with duckdb.connect(db, read_only=True) as con:
        assert con.sql("SELECT count(*) FROM events").fetchall() == [(len(ROWS),)]


@pytest.mark.parametrize("kind,args", [
    ("dyad", ["MEX", "VEN"]),
    ("network", ["--min-events", "3"]),
    ("forces", ["--region", "VEN,CUB,NIC,COL,BRA"]),
])
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_commands(db, fixed_kb, tmp_path, kind, args, suffix):
    out = tmp_path / f"chart{suffix}"
    result = run("plot", kind, "--db", db, *args, "--out", out)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000


def test_plot_cohesion(db, user_kb, tmp_path):
    out = tmp_path / "cohesion.svg"
    result = run("plot", "cohesion", "--db", db, "TEST_BLOC", "--kb", user_kb, "--out", out)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000
