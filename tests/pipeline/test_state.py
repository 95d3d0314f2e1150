"""Tests of the build state, file digests and atomic writes."""

from __future__ import annotations

import json
import os

from transflow.fsutil import atomic_write, write_if_changed
from transflow.pipeline.state import BuildState, Digests, fingerprint


def test_fingerprint_is_order_and_boundary_sensitive():
    assert fingerprint(["ab", "c"]) != fingerprint(["a", "bc"])
    assert fingerprint(["a", "b"]) != fingerprint(["b", "a"])
    assert fingerprint(["a", "b"]) == fingerprint([b"a", b"b"])


def test_fresh_until_an_output_changes(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("one")
    state = BuildState(tmp_path / "state.json", tmp_path)
    digest = Digests()
    assert not state.fresh("k", "in1", digest)
    state.record("k", "in1", [out], digest)
    assert state.fresh("k", "in1", digest)
    assert not state.fresh("k", "in2", digest)
    out.write_text("two!")
    assert not state.fresh("k", "in1", digest)


def test_paths_are_relative_so_a_moved_project_keeps_its_state(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    (one / "out.txt").write_text("x")
    state = BuildState(one / "state.json", one)
    state.record("k", "in", [one / "out.txt"], Digests())
    state.save()
    assert list(json.loads((one / "state.json").read_text())["records"]["k"]["out"]) == ["out.txt"]
    one.rename(two)
    assert BuildState(two / "state.json", two).fresh("k", "in", Digests())


def test_a_corrupt_or_foreign_state_is_set_aside_with_a_notice(tmp_path):
    path = tmp_path / "state.json"
    state = BuildState(path, tmp_path)
    state.record("k", "in", [], Digests())
    state.save()
    assert BuildState(path, tmp_path).fresh("k", "in", Digests())
    assert BuildState(path, tmp_path).notice is None
    path.write_text("{not json")
    broken = BuildState(path, tmp_path)
    assert broken.records == {} and "corrupt" in broken.notice and "state.json" in broken.notice
    path.write_text(json.dumps({"version": 1, "records": {"k": {"in": "in", "out": {}}}}))
    old = BuildState(path, tmp_path)
    assert old.records == {} and "another version" in old.notice


def test_digests_follow_a_file_replaced_behind_them(tmp_path):
    path = tmp_path / "f"
    path.write_text("aaaa")
    digest = Digests()
    first = digest(path)
    tmp = tmp_path / "g"
    tmp.write_text("bbbb")  # same size, possibly the same mtime: a new inode all the same
    os.replace(tmp, path)
    assert digest(path) != first
    path.unlink()
    assert digest(path) == "-"


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
