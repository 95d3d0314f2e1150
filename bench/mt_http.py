"""Benchmark of the HTTP resilience layer against the local LibreTranslate look-alike.

500 segments at 50 ms latency per request: sequential vs 8 in flight (target: >= 6x), and the
most requests in any one-second window under a rate limit (target: never above the limit).
Run: PYTHONPATH=src python bench/mt_http.py [--segments 500] [--latency 0.05] [--rate 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.mt.servers import FaultServer  # noqa: E402
from transflow.mt.providers import LibreTranslateEngine  # noqa: E402


def _max_per_window(times: list[float], window: float = 1.0) -> int:
    times = sorted(times)
    best, j = 0, 0
    for i, t in enumerate(times):
        while times[j] <= t - window:
            j += 1
        best = max(best, i - j + 1)
    return best


def _run(url: str, texts: list[str], **options) -> tuple[float, LibreTranslateEngine]:
    engine = LibreTranslateEngine(url=url, **options)
    engine.supports("en", "ru")  # language list fetched before timing
    started = time.perf_counter()
    out = engine.translate_batch(texts, "en", "ru")
    seconds = time.perf_counter() - started
    engine.close()
    if None in out:
        raise SystemExit(f"bench: {out.count(None)} segment(s) failed: {engine.reports}")
    return seconds, engine


def main() -> int:
    """Run the benchmark and print the figures against their targets."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--segments", type=int, default=500)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--rate", type=float, default=20.0)
    args = ap.parse_args()
    texts = [f"Bench segment {i} about the regional news of the day." for i in range(args.segments)]
    ok = True
    with FaultServer(latency=args.latency) as srv:
        seq, _ = _run(srv.url, texts, concurrency=1)
        par, _ = _run(srv.url, texts, concurrency=args.concurrency)
        speedup = seq / par
        ok &= speedup >= 6
        print(f"segments: {args.segments}, latency {args.latency * 1000:.0f} ms per request")
        print(f"sequential: {seq:.2f} s ({args.segments / seq:.1f} seg/s)")
        print(
            f"{args.concurrency} in flight: {par:.2f} s ({args.segments / par:.1f} seg/s), "
            f"max in flight at server {srv.max_in_flight}"
        )
        print(f"speed-up: {speedup:.1f}x (target >= 6x) {'OK' if speedup >= 6 else 'MISSED'}")
        n = max(int(args.rate * 5), 50)
        srv.log.clear()
        seconds, engine = _run(srv.url, texts[:n], concurrency=args.concurrency, rate=args.rate)
        granted = _max_per_window(engine.client.started)
        arrived = _max_per_window([e["t"] for e in srv.log])
        ok &= granted <= args.rate
        print(
            f"rate limit {args.rate:g}/s: {n} segments in {seconds:.2f} s "
            f"({n / seconds:.1f} req/s); most requests in any 1 s window: {granted} sent, "
            f"{arrived} arrived at the server (target <= {args.rate:g}) "
            f"{'OK' if granted <= args.rate else 'MISSED'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
