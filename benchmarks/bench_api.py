"""Throughput and latency of the REST API over a store of synthetic events.

    .venv/bin/python benchmarks/bench_api.py                # 1,000,000 events, 20 s at 250/s
    .venv/bin/python benchmarks/bench_api.py -n 100000 --seconds 5
    .venv/bin/python benchmarks/bench_api.py --workers 2 --cache 0   # 2 processes, no cache
    .venv/bin/python benchmarks/bench_api.py --warmup 2   # steady state: each URL asked first

Fills a store with `benchmarks/gen_events.py`, starts `blocwatch serve` in a subprocess on
127.0.0.1 (a free port; `--workers` processes, `--cache` answers cached per process), offers
requests to the common endpoints from this process at a fixed rate (bounded in count and time,
at most `--concurrency` in flight, over keep-alive connections), and prints per-endpoint
throughput and p50/p99 latency as a markdown table. Traffic never leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.gen_events import fill

HOST = "127.0.0.1"
# (name, URL, weight): what a dashboard user and an API client ask most.
ENDPOINTS = [
    ("events page", "/api/events?limit=50", 4),
    ("events by actor", "/api/events?actor=VEN&limit=50", 4),
    ("events filtered", "/api/events?source=USA&type=ACCUSE,THREATEN&start=2015-01-01"
                        "&end=2019-12-31&limit=100", 3),
    ("events offset", "/api/events?actor=BRA&limit=50&offset=5000", 2),
    ("actor", "/api/actors/VEN", 2),
    ("people", "/api/people?country=MEX&role=head_of_state&date=2019-06-01", 2),
    ("dyad", "/api/dyad?a=MEX&b=VEN&freq=month", 3),
    ("alignment", "/api/alignment?a=MEX&b=VEN&start=2018-01-01&end=2020-12-31", 1),
    ("cohesion", "/api/cohesion?bloc=CELAC&freq=year", 1),
    ("map", "/api/map?actor=VEN&start=2019-01-01&end=2019-12-31", 2),
    ("forces", "/api/forces?camps=orientation&start=2019-01-01&end=2020-12-31", 1),
    ("blocs", "/api/blocs?start=2019-01-01&end=2019-12-31", 1),
]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def start_server(db: Path, port: int, *, workers: int = 1,
                 cache: int | None = None) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "blocwatch", "serve", "--db", str(db), "--host", HOST,
           "--port", str(port)]
    if workers != 1:
        cmd += ["--workers", str(workers)]
    if cache is not None:
        cmd += ["--cache", str(cache)]
    env = dict(os.environ, BLOCWATCH_TOKEN="")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            why = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"the server exited: {why}")
        try:
            if httpx.get(f"http://{HOST}:{port}/api/events?limit=1", timeout=2).is_success:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the server did not answer within 60 s")


def schedule(total: int) -> list[tuple[str, str]]:
    """`total` requests in a fixed interleaved order following the weights."""
    cycle = [(name, url) for name, url, weight in ENDPOINTS for _ in range(weight)]
    order = sorted(range(len(cycle)), key=lambda i: (i * 7919) % len(cycle))
    cycle = [cycle[i] for i in order]
    return [cycle[i % len(cycle)] for i in range(total)]


class Connection:
    """One keep-alive HTTP/1.1 connection to the server: a lean client, so that the bench
    measures the server rather than the client's own overhead (a pooled httpx.AsyncClient
    costs more CPU per request than a cached answer does on the server)."""

    def __init__(self, host: str, port: int, *, timeout: float = 30.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, url: str) -> int:
        """The status of GET `url`, body read and dropped; reconnects when needed."""
        return await asyncio.wait_for(self._get(url), self.timeout)

    async def _get(self, url: str) -> int:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {url} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        await self.writer.drain()
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in
                   (line.partition(":") for line in head[1:] if line)}
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        else:
            await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def drive(base: str, *, rate: float, seconds: float, max_requests: int,
                concurrency: int) -> tuple[dict[str, Tally], float]:
    plan = schedule(min(max_requests, int(rate * seconds)))
    tallies: dict[str, Tally] = defaultdict(Tally)
    host, port = base.removeprefix("http://").rsplit(":", 1)
    began = time.perf_counter()
    slots = iter(enumerate(plan))

    async def worker() -> None:
        # Each request waits for its slot on the fixed-rate schedule; when the server is
        # slower than the offered rate, `concurrency` requests are in flight and the rest
        # wait. Nothing new starts after `seconds`. One connection per worker.
        connection = Connection(host, int(port))
        try:
            for i, (name, url) in slots:
                delay = began + i / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                if time.perf_counter() - began > seconds:
                    return
                started = time.perf_counter()
                try:
                    ok = await connection.get(url) == 200
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                    connection.close()
                    ok = False
                tallies[name].latencies.append(time.perf_counter() - started)
                tallies[name].errors += not ok
        finally:
            connection.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return tallies, time.perf_counter() - began


async def warm_up(base: str, *, rounds: int) -> dict[str, list[float]]:
    """Ask every endpoint `rounds` times, one request at a time, before the timed run; returns
    each one's latencies (the first is a cold, uncached answer). With several server
    processes, each keeps its own cache, so a round may land on a process that has not seen
    the URL yet: give `rounds` >= processes to warm them all, most likely."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    seen: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        for name, url, _weight in ENDPOINTS:
            connection = Connection(host, int(port))  # a new connection: any process
            started = time.perf_counter()
            try:
                await connection.get(url)
            finally:
                connection.close()
            seen[name].append(1000 * (time.perf_counter() - started))
    return seen


def warm_report(seen: dict[str, list[float]]) -> str:
    lines = ["warm-up, one request at a time (ms; the first is uncached):", "",
             "| endpoint | first | then, slowest |", "|---|---:|---:|"]
    for name, times in seen.items():
        rest = f"{max(times[1:]):.1f}" if len(times) > 1 else "-"
        lines.append(f"| {name} | {times[0]:.1f} | {rest} |")
    return "\n".join(lines)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def report(tallies: dict[str, Tally], wall: float, *, n_events: int, rate: float,
           setup: str = "") -> str:
    lines = [
        f"{n_events:,} events; offered {rate:.0f} requests/s; {wall:.1f} s wall time{setup}",
        "",
        "| endpoint | requests | errors | req/s | p50 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    everything: list[float] = []
    for name, _, _ in ENDPOINTS:
        t = tallies.get(name)
        if not t or not t.latencies:
            continue
        everything += t.latencies
        lines.append(f"| {name} | {len(t.latencies)} | {t.errors} | "
                     f"{len(t.latencies) / wall:.1f} | {_pct(t.latencies, 0.5):.1f} | "
                     f"{_pct(t.latencies, 0.99):.1f} |")
    errors = sum(t.errors for t in tallies.values())
    lines.append(f"| **all** | {len(everything)} | {errors} | {len(everything) / wall:.1f} | "
                 f"{_pct(everything, 0.5):.1f} | {_pct(everything, 0.99):.1f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="synthetic events")
    parser.add_argument("--db", type=Path, help="store to fill (default: a temporary file)")
    parser.add_argument("--rate", type=float, default=250.0, help="requests offered per second")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to drive")
    parser.add_argument("--max-requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight, max")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--warmup", type=int, default=0,
                        help="rounds of one request per endpoint before the timed run (not "
                             "counted in it; reported apart). 0: the timed run starts cold")
    parser.add_argument("--cache", type=int, default=None,
                        help="answers the server caches per process (0: none; default: the "
                             "server's default)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench-api.duckdb"
        started = time.perf_counter()
        kept = fill(db, args.n)
        print(f"filled {kept:,} events in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        port = _free_port()
        server = start_server(db, port, workers=args.workers, cache=args.cache)
        try:
            warmed = asyncio.run(warm_up(f"http://{HOST}:{port}", rounds=args.warmup))
            tallies, wall = asyncio.run(drive(
                f"http://{HOST}:{port}", rate=args.rate, seconds=args.seconds,
                max_requests=args.max_requests, concurrency=args.concurrency))
        finally:
            server.terminate()
            server.wait(timeout=30)
    cache = "default" if args.cache is None else str(args.cache)
    setup = f"; server: {args.workers} process(es), cache {cache}, warm-up {args.warmup}"
    if warmed:
        print(warm_report(warmed) + "\n")
    print(report(tallies, wall, n_events=kept, rate=args.rate, setup=setup))


if __name__ == "__main__":
    main()
