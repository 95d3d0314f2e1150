"""Tests of the build state, file digests and atomic writes."""

from __future__ import annotations

import json
import os
import sqlite3
import time

from transflow.fsutil import atomic_write, write_if_changed
from transflow.pipeline.state import BuildState, Digests, fingerprint


def test_fingerprint_is_order_and_boundary_sensitive():
    assert fingerprint(["ab", "c"]) != fingerprint(["a", "bc"])
    assert fingerprint(["a", "b"]) != fingerprint(["b", "a"])
    assert fingerprint(["a", "b"]) == fingerprint([b"a", b"b"])


def test_fresh_until_an_output_changes(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("one")
    state = BuildState(tmp_path / "state.sqlite", tmp_path)
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
    state = BuildState(one / "state.sqlite", one)
    state.record("k", "in", [one / "out.txt"], state.digest)
    state.save()
    con = sqlite3.connect(one / "state.sqlite")
    (data,) = con.execute("SELECT data FROM records WHERE key = 'k'").fetchone()
    con.close()
    assert list(json.loads(data)["out"]) == ["out.txt"]
    one.rename(two)
    assert BuildState(two / "state.sqlite", two).fresh("k", "in", Digests())


def test_a_corrupt_or_foreign_state_is_set_aside_with_a_notice(tmp_path):
    path = tmp_path / "state.sqlite"
    state = BuildState(path, tmp_path)
    state.record("k", "in", [], Digests())
    state.save()
    assert BuildState(path, tmp_path).fresh("k", "in", Digests())
    assert BuildState(path, tmp_path).notice is None
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '1' WHERE name = 'version'")
    con.commit()
    con.close()
    old = BuildState(path, tmp_path)
    assert old.records == {} and "another version" in old.notice
    path.write_bytes(b"not a database" * 500)
    broken = BuildState(path, tmp_path)
    assert broken.records == {} and "corrupt" in broken.notice and "state.sqlite" in broken.notice
    broken.record("k2", "in", [], Digests())
    broken.save()  # a fresh database replaces the broken one
    again = BuildState(path, tmp_path)
    assert again.notice is None and list(again.records) == ["k2"]


def test_the_state_is_updated_in_place_record_by_record(tmp_path):
    path = tmp_path / "state.sqlite"
    state = BuildState(path, tmp_path)
    for i in range(3):
        state.put(f"k{i}", {"in": str(i)})
    state.save()
    state = BuildState(path, tmp_path)
    state.put("k1", {"in": "changed"})
    state.forget("k2")
    assert state.changes() == {"k1": {"in": "changed"}, "k2": None}
    state.save()
    assert state.changes() == {}
    assert BuildState(path, tmp_path).records == {"k0": {"in": "0"}, "k1": {"in": "changed"}}


def test_a_second_run_hashes_nothing_when_nothing_changed(tmp_path):
    path = tmp_path / "state.sqlite"
    files = [tmp_path / f"f{i}.txt" for i in range(5)]
    old = time.time_ns() - 3_600 * 10**9
    for f in files:
        f.write_text(f.name)
        os.utime(f, ns=(old, old))  # written an hour ago: not racy
    state = BuildState(path, tmp_path)
    first = [state.digest(f) for f in files]
    assert state.digest.hashed == 5
    state.save()
    again = BuildState(path, tmp_path)
    assert [again.digest(f) for f in files] == first
    assert again.digest.hashed == 0


def test_a_change_within_the_timestamp_granularity_is_seen(tmp_path):
    """A file rewritten in place with the same size and mtime as when it was hashed (a coarse
    clock): its entry is racy (mtime not older than the hashing) so it is hashed again."""
    path = tmp_path / "state.sqlite"
    f = tmp_path / "f.txt"
    f.write_text("aaaa")
    st = os.stat(f)
    state = BuildState(path, tmp_path)
    before = state.digest(f)
    state.save()
    with open(f, "r+b") as handle:  # same inode, same size
        handle.write(b"bbbb")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime
    again = BuildState(path, tmp_path)
    assert again.digest(f) != before
    assert again.digest.hashed == 1


def test_an_old_entry_is_trusted_only_while_its_stat_holds(tmp_path):
    path = tmp_path / "state.sqlite"
    f = tmp_path / "f.txt"
    f.write_text("aaaa")
    old = time.time_ns() - 3_600 * 10**9
    os.utime(f, ns=(old, old))
    state = BuildState(path, tmp_path)
    before = state.digest(f)
    state.save()
    f.write_text("bbbbb")  # another size
    os.utime(f, ns=(old, old))
    assert BuildState(path, tmp_path).digest(f) != before


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
