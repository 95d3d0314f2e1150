"""Benchmark of the openai engine against the local chat-server look-alike at 200 ms per request.

500 segments: batched (max_batch segments per request) and concurrent, against one request per
segment, one at a time. Every answer is checked as in a real run (placeholders, language,
copy). Target: >= 10x faster; exits 1 below it or when a segment fails.
Run: PYTHONPATH=src python bench/mt_openai.py [--segments 500] [--latency 0.2]
     [--max-batch 20] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.mt.llm_server import ChatServer  # noqa: E402
from transflow.lang.identify import detect  # noqa: E402
from transflow.mt.openai import OpenAIEngine  # noqa: E402

TARGET = 10.0
MODEL = "look-alike-7b"


def _run(url: str, texts: list[str], **options) -> tuple[float, int]:
    engine = OpenAIEngine(url=url, model=MODEL, **options)
    started = time.perf_counter()
    out = engine.translate_batch(texts, "en", "ru")
    seconds = time.perf_counter() - started
    requests = engine.client.requests_made
    engine.close()
    if None in out:
        raise SystemExit(f"bench: {out.count(None)} segment(s) failed: {engine.reports}")
    return seconds, requests


def main() -> int:
    """Run the benchmark and print the figures against the target."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--segments", type=int, default=500)
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--max-batch", type=int, default=20)
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    texts = [
        f"Story {i}: the district council approved the budget for the new school year."
        for i in range(args.segments)
    ]
    detect("Warm up the language models before timing anything.")
    with ChatServer(latency=args.latency) as srv:
        fast, fast_requests = _run(
            srv.url, texts, max_batch=args.max_batch, concurrency=args.concurrency
        )
        in_flight = srv.max_in_flight
        slow, slow_requests = _run(srv.url, texts, max_batch=1, concurrency=1)
    speedup = slow / fast
    ok = speedup >= TARGET
    print(f"segments: {args.segments}, latency {args.latency * 1000:.0f} ms per request")
    print(
        f"one request per segment: {slow:.2f} s, {slow_requests} requests "
        f"({args.segments / slow:.1f} seg/s)"
    )
    print(
        f"batched ({args.max_batch} per request) and {args.concurrency} in flight: {fast:.2f} s, "
        f"{fast_requests} requests, max {in_flight} in flight at the server "
        f"({args.segments / fast:.1f} seg/s)"
    )
    print(f"speed-up: {speedup:.1f}x (target >= {TARGET:g}x) {'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
