"""Tests of the build state and atomic writes."""

from __future__ import annotations

import os

from transflow.fsutil import atomic_write, write_if_changed
from transflow.pipeline.state import BuildState, fingerprint


def test_fingerprint_is_order_and_boundary_sensitive():
    assert fingerprint(["ab", "c"]) != fingerprint(["a", "bc"])
    assert fingerprint(["a", "b"]) != fingerprint(["b", "a"])
    assert fingerprint(["a", "b"]) == fingerprint([b"a", b"b"])


def test_fresh_until_an_output_changes(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("one")
    state = BuildState(tmp_path / "state.json")
    assert not state.fresh("k", "in1")
    state.record("k", "in1", [out])
    assert state.fresh("k", "in1")
    assert not state.fresh("k", "in2")
    out.write_text("two")
    assert not state.fresh("k", "in1")
    state.wrote(out)
    assert state.fresh("k", "in1")


def test_state_survives_a_reload_and_ignores_garbage(tmp_path):
    path = tmp_path / "state.json"
    state = BuildState(path)
    state.record("k", "in", [])
    state.save()
    assert BuildState(path).fresh("k", "in")
    path.write_text("{not json")
    assert BuildState(path).records == {}


def test_write_if_changed_leaves_identical_files_alone(tmp_path):
    path = tmp_path / "a" / "f.txt"
    assert write_if_changed(path, "x")
    mtime = os.stat(path).st_mtime_ns
    assert not write_if_changed(path, "x")
    assert os.stat(path).st_mtime_ns == mtime
    assert write_if_changed(path, "y")
    assert path.read_text() == "y"


def test_atomic_write_leaves_no_temp_files(tmp_path):
    atomic_write(tmp_path / "f.bin", b"\x00\x01")
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]
