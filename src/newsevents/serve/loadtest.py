"""Load test of `newsevents serve` on a synthetic store: builds N synthetic events, starts
the server in a subprocess on a free loopback port, and measures from this process the
page load time (in Debian's chromium when present) and API latency per common query.
Every request goes to 127.0.0.1, the request loops are bounded in count and time, and
the server is stopped at the end. Run: `newsevents serve-bench` or
`python -m newsevents.serve.loadtest`.
"""

from __future__ import annotations

import argparse
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from newsevents.serve.synthetic import build_synthetic_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
_MAX_REQUESTS_PER_QUERY = 200
_COUNTRIES = ("SYR", "IRQ", "SOM", "AFG", "YEM", "NGA", "PAK", "COL")
_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests")
_WORDS = ("idlib", "aleppo", "kabul", "mogadishu", "mosul", "state", "forces", "civilians")


@dataclass
class Timing:
    """Latencies of one kind of request, in milliseconds."""

    name: str
    millis: list[float] = field(default_factory=list)
    errors: int = 0

    def pct(self, q: float) -> float:
        """The q-quantile (0 to 1) of the latencies."""
        if not self.millis:
            return float("nan")
        ordered = sorted(self.millis)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class LoadReport:
    """Everything one load test measured."""

    n_events: int
    build_seconds: float
    page: dict[str, float]
    timings: list[Timing]
    notes: list[str]

    def table(self) -> str:
        """The figures as a text table."""
        lines = [
            f"synthetic store: {self.n_events:,} events, built in {self.build_seconds:.1f} s",
        ]
        for name, value in self.page.items():
            lines.append(f"page load ({name}): {value:.0f} ms")
        lines.append(f"{'request':<44} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} err")
        for t in self.timings:
            lines.append(
                f"{t.name:<44} {len(t.millis):>5} {t.pct(0.5):>8.1f} {t.pct(0.99):>8.1f} "
                f"{max(t.millis, default=float('nan')):>8.1f} {t.errors:>3}"
            )
        lines += self.notes
        return "\n".join(lines)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, extra: list[str] | None = None) -> subprocess.Popen[bytes]:
    """`newsevents serve` in a subprocess, returned once it answers /api/health."""
    cmd = [sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(
        [*cmd, *(extra or [])], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"the server exited with {proc.returncode}: {err[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    stop_server(proc)
    raise RuntimeError("the server did not answer within 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server started by `start_server`."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _queries(rng: random.Random, ids: list[str]) -> dict[str, Callable[[], str]]:
    """Common requests, each call with new parameters so that most miss the cache."""

    def year() -> tuple[str, str]:
        y = rng.randint(2015, 2024)
        return f"{y}-01-01", f"{y}-12-31"

    def country() -> str:
        return rng.choice(_COUNTRIES)

    return {
        "events, first page, by date": lambda: (
            f"/api/events?limit=50&offset={rng.randint(0, 2000)}"
        ),
        "events, country + year": lambda: "/api/events?country={}&since={}&until={}".format(
            country(), *year()
        ),
        "events, type, sorted by fatalities": lambda: (
            f"/api/events?event_type={rng.choice(_TYPES)}&sort=fatalities&"
            f"offset={rng.randint(0, 500)}"
        ),
        "events, text search": lambda: (
            f"/api/events?q={rng.choice(_WORDS)}&min_fatalities={rng.randint(0, 5)}"
        ),
        "counts per month (timeline)": lambda: (
            f"/api/counts/time?interval=month&country={country()}&"
            f"min_fatalities={rng.randint(0, 9)}"
        ),
        "counts per admin1": lambda: f"/api/counts/places?level=admin1&country={country()}",
        "map, world (clusters)": lambda: f"/api/map?zoom=2&min_fatalities={rng.randint(0, 30)}",
        "map, zoomed bbox": lambda: "/api/map?zoom=8&bbox={:.2f},{:.2f},{:.2f},{:.2f}".format(
            *(lambda lon, lat: (lon, lat, lon + 1.5, lat + 1.0))(
                rng.uniform(35, 45), rng.uniform(30, 37)
            )
        ),
        "event detail": lambda: f"/api/events/{rng.choice(ids)}",
        "event evidence": lambda: f"/api/events/{rng.choice(ids)}/evidence",
    }


def _measure(client: httpx.Client, name: str, make: Callable[[], str], budget: float) -> Timing:
    timing = Timing(name)
    end = time.monotonic() + budget
    while time.monotonic() < end and len(timing.millis) < _MAX_REQUESTS_PER_QUERY:
        path = make()
        t0 = time.perf_counter()
        response = client.get(path)
        timing.millis.append((time.perf_counter() - t0) * 1000)
        if response.status_code != 200:
            timing.errors += 1
    return timing


def _page_load(base: str, repeats: int = 3) -> dict[str, float]:
    """Milliseconds from navigation until the page has drawn map, timeline and table."""
    if not CHROMIUM.exists():
        return {}
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            times = []
            for i in range(repeats):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                t0 = time.perf_counter()
                page.goto(base + "/")
                page.wait_for_selector("body[data-ready='1']", timeout=60_000)
                times.append((time.perf_counter() - t0) * 1000)
                if i == 0:
                    out["first visit, chromium"] = times[0]
                page.close()
            if len(times) > 1:
                out["median of later visits, chromium"] = statistics.median(times[1:])
        finally:
            browser.close()
    return out


def run_loadtest(n_events: int, seconds: float, workdir: Path | None = None) -> LoadReport:
    """Build the synthetic store, serve it, measure, stop; bounded by `seconds` of load."""
    tmp = Path(tempfile.mkdtemp(prefix="newsevents-loadtest-")) if workdir is None else workdir
    tmp.mkdir(parents=True, exist_ok=True)
    db = tmp / "synthetic.duckdb"
    t0 = time.perf_counter()
    if not db.exists():
        build_synthetic_store(db, n_events)
    build = time.perf_counter() - t0
    port = free_port()
    proc = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    notes = [
        "SYNTHETIC data (made-up events at real places); one client, requests in sequence,",
        "new parameters per request (mostly cache misses); the server runs in its own process.",
    ]
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            ids = [
                e["event_id"]
                for e in client.get("/api/events?limit=1000&status=all").json()["items"]
            ]
            rng = random.Random(8)
            queries = _queries(rng, ids)
            per = max(0.5, seconds * 0.8 / len(queries))
            timings = [_measure(client, name, make, per) for name, make in queries.items()]
            cached = _measure(client, "events, first page (cached)", lambda: "/api/events", 1.0)
            timings.append(cached)
        page = _page_load(base)
        if not page:
            notes.append("page load: /usr/bin/chromium not found, not measured")
    finally:
        stop_server(proc)
        if workdir is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return LoadReport(n_events, build, page, timings, notes)


def main() -> None:
    """Command-line entry: python -m newsevents.serve.loadtest --events 100000."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    print(run_loadtest(args.events, args.seconds, args.workdir).table())


if __name__ == "__main__":
    main()
