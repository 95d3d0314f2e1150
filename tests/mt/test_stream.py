"""The Apertium stream: segments sharing a flush, replies split back, programs started and ended."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from transflow.errors import EngineError
from transflow.mt import stream

#: a pipeline stage that passes single segments on (in capitals) and, in a flush holding
#: several, loses the first sentinel (as a stage that merged two segments would)
_MERGING_STAGE = r"""
import os, sys
sentinel, buf = b"[-tf-]", b""
while True:
    data = os.read(0, 65536)
    if not data:
        break
    buf += data
    while b"\0" in buf:
        chunk, buf = buf.split(b"\0", 1)
        if chunk.count(sentinel) > 1:
            chunk = chunk.replace(sentinel, b"", 1)
        parts = [p.decode().upper().encode() for p in chunk.split(sentinel)]
        os.write(1, sentinel.join(parts) + b"\0")
"""


def test_sentence_ends_share_a_flush_up_to_the_cap(monkeypatch) -> None:
    monkeypatch.setattr(stream, "FLUSH_GROUP", 3)
    segs = ["Адзін.", "Два!", "Тры?", "Чатыры…", "Загаловак", "Пяць.", "Шэсць. "]
    assert stream.flush_groups(segs) == [3, 2, 2]
    assert stream.flush_groups(["Слова", "Яшчэ"]) == [1, 1]
    assert stream.flush_groups([]) == []


def test_a_group_that_does_not_split_back_is_sent_again_one_by_one(tmp_path: Path) -> None:
    stage = tmp_path / "merge.py"
    stage.write_text(_MERGING_STAGE, encoding="utf-8")
    pipe = stream.Pipeline([[sys.executable, str(stage)]])
    seen: list[int] = []
    try:
        replies = pipe.run(["Адзін.", "Два.", "Тры", "Чатыры"], lambda k, _: seen.append(k))
    finally:
        pipe.close()
    assert replies == ["АДЗІН.", "ДВА.", "ТРЫ", "ЧАТЫРЫ"]
    assert sorted(seen) == [0, 1, 2, 3] and seen[-3:] == [0, 1, 2]  # the group came last


def test_a_lost_sentinel_of_a_single_segment_is_an_error(tmp_path: Path) -> None:
    stage = tmp_path / "lose.py"
    stage.write_text(_MERGING_STAGE.replace("count(sentinel) > 1", "count(sentinel) > 0"))
    pipe = stream.Pipeline([[sys.executable, str(stage)]])
    with pytest.raises(EngineError, match="lost the segment at segment 0"):
        pipe.run(["Загаловак"])
    pipe.close()


def test_programs_get_only_their_standard_streams(tmp_path: Path) -> None:
    # a program that held the write end of another pipe would keep that stream from ending
    lister = tmp_path / "fds.py"
    lister.write_text(
        "import os, sys\n"
        "sys.stdin.buffer.read(1)\n"
        "fds = sorted(int(f) for f in os.listdir('/proc/self/fd'))\n"
        "os.write(1, (' '.join(map(str, fds)) + '[-tf-]').encode() + bytes(1))\n",
        encoding="utf-8",
    )
    keep = open(tmp_path / "held.txt", "w")  # noqa: SIM115 - an unrelated open file of ours
    held = keep.fileno()
    os.set_inheritable(held, True)  # as one handed to us open (make's jobserver) is
    pipe = stream.Pipeline([[sys.executable, str(lister)]])
    try:
        (reply,) = pipe.run(["x"])
    finally:
        pipe.close()
        keep.close()
    fds = [int(f) for f in reply.split()]
    assert held not in fds
    assert fds[:3] == [0, 1, 2] and len(fds) <= 4  # the fourth: the listing of /proc itself


def test_closed_programs_end_on_their_own_and_a_hanging_one_is_killed() -> None:
    pipe = stream.Pipeline([["cat"], ["sleep", "30"]])
    pipe.start()
    procs = list(pipe.procs)
    pipe.close()  # returns at once; the programs are seen to in a thread ...
    assert not pipe.procs
    stream._end(procs, grace=0.2)  # ... that does this (with a longer grace)
    assert procs[0].returncode == 0  # cat saw the end of its input
    assert procs[1].returncode == -9  # sleep ignores it: killed


def test_after_a_failure_every_program_is_killed_at_once() -> None:
    pipe = stream.Pipeline([["sleep", "30"]], timeout=0.2)
    pipe.start()
    procs = list(pipe.procs)
    with pytest.raises(EngineError, match="no reply within"):
        pipe.run(["Слова"])
    assert not pipe.procs and procs[0].returncode == -9  # not left to a thread


def test_a_program_that_cannot_start_is_unavailable(tmp_path: Path) -> None:
    pipe = stream.Pipeline([["cat"], ["no-such-apertium-program"]])
    with pytest.raises(stream.EngineUnavailable, match="apertium-bel-rus"):
        pipe.start()
    assert not pipe.procs
