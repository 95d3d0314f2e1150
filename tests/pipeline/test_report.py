"""A build report counts every file written but keeps a bounded list of their paths."""

from __future__ import annotations

from pathlib import Path

from transflow.pipeline import report as report_module
from transflow.pipeline.parallel import merge_reports
from transflow.pipeline.report import BuildReport


def test_counts_stay_exact_while_the_paths_kept_are_bounded(monkeypatch) -> None:
    monkeypatch.setattr(report_module, "KEEP_PATHS", 3)
    one, two = BuildReport(), BuildReport()
    for i in range(5):
        one.add("render", Path(f"dist/ru/a{i}.html"))
    for i in range(4):
        two.add("render", Path(f"dist/ru/b{i}.html"))
    two.add("render", None)
    merge_reports(one, two)
    assert one.counts["render"] == 9 and one.skipped["render"] == 1
    assert [p.name for p in one.written["render"]] == ["a0.html", "a1.html", "a2.html"]
    assert not one.did_nothing and BuildReport().did_nothing
