"""Crash safety: `update`, `translate` and `render` killed with SIGKILL at random moments.

After every kill: each PO file parses and passes `msgfmt -c`, no approved translation is lost or
changed, every visible file in dist/ is complete (equal to what an uninterrupted run writes), and
a re-run ends in exactly the state of an uninterrupted run, with no stale temp files left.
"""

from __future__ import annotations

import difflib
import json
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from transflow.po.pofile import read_po

from .helpers import (
    add_articles,
    approve,
    approved_entries,
    cli_command,
    cli_env,
    msgfmt_failures,
    outputs,
    temp_files,
    transflow,
)

TRIALS = 10  # per command: 30 in all
SEED = 20261107


def make_base(fake_project: Path) -> Path:
    """The bundled project plus generated articles: catalogs made, some entries approved by
    hand, then the sources edited, so every command has work to do."""
    add_articles(fake_project, 14)
    result = transflow(fake_project, "update")
    assert result.returncode == 0, result.stderr
    locales = fake_project / "locales"
    for lang in ("be", "ru"):
        approve(locales / lang / "LC_MESSAGES" / "gen-000.po")
    for po in sorted(locales.rglob("gen-0*.po")):
        if po.stem != "gen-000":
            approve(po, every=3)
    for path in sorted((fake_project / "source_articles").glob("gen-*.md")):
        if path.stem == "gen-000":
            continue
        text = path.read_text("utf-8")
        text = text.replace(" percent more", " per cent more")  # changed segments: fuzzy
        text += "\nA paragraph added after review asks for a fresh translation.\n"
        path.write_text(text, "utf-8")
    return fake_project


def first_diff(keys: list[str], got: dict, want: dict) -> str:
    """A unified diff of the first differing file, for the failure message."""
    if not keys:
        return ""
    a = want[keys[0]].decode("utf-8", "replace").splitlines(keepends=True)
    b = got[keys[0]].decode("utf-8", "replace").splitlines(keepends=True)
    return "".join(difflib.unified_diff(a, b, "uninterrupted", "after kill + re-run"))[:3000]


def visible_dist(root: Path) -> dict[str, bytes]:
    """dist/ outputs a reader can see (temp files excluded), manifest stamps removed."""
    return {
        k: v
        for k, v in outputs(root).items()
        if k.startswith("dist") and not Path(k).name.startswith(".")
    }


def check_consistent(root: Path, base: dict, reference: dict, approved: dict, command: str):
    """The invariants that must hold at any moment, even right after a SIGKILL."""
    pos = sorted((root / "locales").rglob("*.po")) + sorted((root / "locales").glob("*.pot"))
    for po in pos:
        read_po(po)  # raises CatalogError when malformed
    assert msgfmt_failures(pos) == []
    now = approved_entries(root)
    lost = {k: v for k, v in approved.items() if now.get(k) != v}
    assert lost == {}, f"approved translations lost or changed after killing {command}"
    current = outputs(root)
    for rel, raw in current.items():
        name = Path(rel).name
        if name.startswith("."):
            continue  # a temp file: never an output
        if rel.endswith(".pot") or (command == "update" and rel.endswith(".po")):
            assert raw in (base.get(rel), reference.get(rel)), f"{rel} is neither old nor new"
        if rel.startswith("dist"):
            assert raw == reference.get(rel), f"{rel} is half-written or differs"
            if rel.endswith(".json"):
                json.loads(raw)


@pytest.mark.parametrize("command", ["update", "translate", "render"])
def test_sigkill_at_random_moments(fake_project, tmp_path, command):
    base_dir = make_base(fake_project)
    base = outputs(base_dir)
    durations = []
    for name in ("warm-up", "reference"):  # the first run also compiles bytecode: take the faster
        reference_dir = tmp_path / name
        shutil.copytree(base_dir, reference_dir)
        started = time.perf_counter()
        result = transflow(reference_dir, command)
        durations.append(time.perf_counter() - started)
        assert result.returncode == 0, result.stderr
    duration = min(durations)
    reference = outputs(reference_dir)
    assert temp_files(reference_dir) == []
    assert reference != base
    before = approved_entries(base_dir)
    after = approved_entries(reference_dir)
    approved = {k: v for k, v in before.items() if after.get(k) == v}
    assert len(approved) > 50  # the test guards real approved work
    rng = random.Random(f"{SEED}:{command}")
    killed = 0
    for trial in range(TRIALS):
        work = tmp_path / f"trial-{trial}"
        shutil.copytree(base_dir, work)
        proc = subprocess.Popen(
            cli_command(work, command),
            env=cli_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        # the kill lands anywhere in the run, start-up included (a delay, not a synchronisation)
        time.sleep(rng.uniform(0.0, 0.9 * duration))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=600)
        killed += proc.returncode == -signal.SIGKILL
        assert b"Traceback" not in err
        check_consistent(work, base, reference, approved, command)
        rerun = transflow(work, command)
        assert rerun.returncode == 0, rerun.stderr
        assert "Traceback" not in rerun.stderr
        assert temp_files(work) == [], "stale temp files survive a re-run"
        final = outputs(work)
        assert final.keys() == reference.keys()
        differ = [k for k in final if final[k] != reference[k]]
        assert differ == [], first_diff(differ, final, reference)
        shutil.rmtree(work)
    assert killed >= 3, f"only {killed} of {TRIALS} runs were killed before finishing"
