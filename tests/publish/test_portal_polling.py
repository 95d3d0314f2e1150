"""The portal's contract at archive scale (issue 16): manifest shards with their digests, the
changes feed (log, pages, GET /changes) and bounded index pages, feeds and monthly archives."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.browser import serve_app
from tests.publish.helpers import make_project, manifest, snapshot
from transflow.cli import main
from transflow.errors import ConfigError
from transflow.pipeline.config import load_config
from transflow.pipeline.project import Project
from transflow.pipeline.runner import run
from transflow.publish.manifest import validate_manifest
from transflow.publish.serve import create_app

#: (slug, date): three months, newest last
DATES = [
    ("fair-01", "2021-03-02"),
    ("fair-02", "2021-03-05"),
    ("fair-03", "2021-03-09"),
    ("fair-04", "2021-03-20"),
    ("fair-05", "2021-04-01"),
    ("fair-06", "2021-04-11"),
    ("fair-07", "2021-05-03"),
]


def story(slug: str, date: str, words: str = "Ярмарка открылась в парке.") -> str:
    number = int(slug[-2:])
    return (
        f"---\nslug: {slug}\nlang: ru\ntitle: Новость номер {number}\ndate: {date}\n---\n\n"
        f"{words} Гостей было {number * 10}.\n"
    )


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = make_project(
        tmp_path / "p",
        {slug: story(slug, date) for slug, date in DATES},
        lacinka=False,
        extra="page_size = 3\nfeed_entries = 2\n",
    )
    build(root)
    return root


def build(root: Path) -> None:
    report = run(Project.open(root), ("extract", "update", "render"))
    assert not report.problems, report.problems


def edit(root: Path, slug: str, words: str) -> None:
    date = dict(DATES)[slug]
    (root / "source_articles" / f"{slug}.md").write_text(story(slug, date, words), "utf-8")


def root_manifest(root: Path) -> dict:
    return json.loads((root / "dist" / "manifest.json").read_text("utf-8"))


def log(root: Path) -> list[dict]:
    path = root / "published" / "changes.log"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def clean_copy(root: Path, where: Path) -> Path:
    """The same project without build state and dist/, built again."""
    shutil.copytree(root, where, ignore=shutil.ignore_patterns(".transflow", "dist"))
    build(where)
    return where


# -- shards ---------------------------------------------------------------------------------------


def test_the_root_lists_one_shard_per_month_with_its_digest(archive: Path) -> None:
    data = root_manifest(archive)
    validate_manifest(data)
    assert [s["month"] for s in data["shards"]] == ["2021-03", "2021-04", "2021-05"]
    assert [s["articles"] for s in data["shards"]] == [4, 2, 1]
    for line in data["shards"]:
        raw = (archive / "dist" / line["path"]).read_bytes()
        assert line["sha256"] == hashlib.sha256(raw).hexdigest()
        shard = json.loads(raw)
        validate_manifest(shard)
        assert {a["date"][:7] for a in shard["articles"]} == {line["month"]}
    assert [a["slug"] for a in manifest(archive)["articles"]] == [s for s, _ in DATES]


def test_an_edit_changes_only_the_shard_of_its_month(archive: Path, tmp_path: Path) -> None:
    before = snapshot(archive / "dist" / "manifest")
    old_root = root_manifest(archive)
    edit(archive, "fair-05", "Ярмарка закрылась вечером.")
    build(archive)
    after = snapshot(archive / "dist" / "manifest")
    assert {k for k in after if after[k] != before.get(k)} == {"2021-04.json"}
    new_root = root_manifest(archive)
    changed = [
        line["month"]
        for line, old in zip(new_root["shards"], old_root["shards"], strict=True)
        if line["sha256"] != old["sha256"]
    ]
    assert changed == ["2021-04"]
    clean = clean_copy(archive, tmp_path / "clean")
    assert snapshot(clean / "dist") == snapshot(archive / "dist")


def test_a_month_whose_last_article_is_deleted_loses_its_shard(archive: Path) -> None:
    (archive / "source_articles" / "fair-07.md").unlink()
    build(archive)
    data = root_manifest(archive)
    # the tombstone keeps the month in the manifest, withdrawn
    (may,) = [s for s in data["shards"] if s["month"] == "2021-05"]
    shard = json.loads((archive / "dist" / may["path"]).read_text("utf-8"))
    assert [(a["slug"], a["status"]) for a in shard["articles"]] == [("fair-07", "withdrawn")]
    assert not (archive / "dist" / "ru" / "fair-07.html").exists()


# -- the changes feed -----------------------------------------------------------------------------


def test_every_published_edition_gets_a_sequence_number(archive: Path) -> None:
    entries = log(archive)
    assert [e["seq"] for e in entries] == list(range(1, len(DATES) + 1))
    assert [(e["slug"], e["lang"], e["status"]) for e in entries] == [
        (slug, "ru", "published") for slug, _ in DATES
    ]
    page = (archive / "dist" / "ru" / "fair-03.html").read_bytes()
    assert entries[2]["digest"] == hashlib.sha256(page).hexdigest()
    assert entries[2]["time"] == "2023-11-14T22:13:20Z"  # from the publish record
    data = root_manifest(archive)
    assert data["changes"] == {
        "last": 7,
        "page_size": 1000,
        "pages": 1,
        "path": "changes/{page}.json",
    }
    page0 = json.loads((archive / "dist" / "changes" / "0.json").read_text("utf-8"))
    validate_manifest(page0)
    assert page0["changes"] == entries and page0["next"] == 7


def test_nothing_changed_appends_nothing_and_a_clean_build_reproduces_the_feed(
    archive: Path, tmp_path: Path
) -> None:
    before = (archive / "published" / "changes.log").read_bytes()
    build(archive)
    assert (archive / "published" / "changes.log").read_bytes() == before
    edit(archive, "fair-02", "Ярмарка закрылась вечером.")
    build(archive)
    entries = log(archive)
    assert [(e["seq"], e["slug"], e["lang"]) for e in entries[7:]] == [(8, "fair-02", "ru")]
    clean = clean_copy(archive, tmp_path / "clean")
    assert (clean / "published" / "changes.log").read_bytes() == (
        archive / "published" / "changes.log"
    ).read_bytes()
    assert snapshot(clean / "dist" / "changes") == snapshot(archive / "dist" / "changes")


def test_a_withdrawal_is_a_change_without_a_digest(archive: Path) -> None:
    (archive / "source_articles" / "fair-01.md").unlink()
    build(archive)
    last = log(archive)[-1]
    assert (last["seq"], last["slug"], last["lang"]) == (8, "fair-01", "ru")
    assert last["status"] == "withdrawn" and last["digest"] is None


def test_a_torn_last_line_is_cut_off_before_the_next_append(archive: Path) -> None:
    path = archive / "published" / "changes.log"
    path.write_bytes(path.read_bytes() + b'{"seq": 8, "slu')  # a crash in the middle of a line
    edit(archive, "fair-04", "Ярмарка закрылась вечером.")
    build(archive)
    entries = log(archive)  # every line parses again
    assert [e["seq"] for e in entries] == list(range(1, 9)) and entries[-1]["slug"] == "fair-04"


@pytest.fixture
def served(archive: Path) -> Iterator[httpx.Client]:
    with serve_app(create_app(archive / "dist")) as url, httpx.Client(base_url=url) as http:
        yield http


def test_get_changes_since(served: httpx.Client) -> None:
    everything = served.get("/changes", params={"since": 0})
    assert everything.status_code == 200
    assert everything.headers["content-type"].startswith("application/json")
    data = everything.json()
    validate_manifest(data)
    assert [c["seq"] for c in data["changes"]] == list(range(1, 8)) and data["next"] == 7
    later = served.get("/changes", params={"since": 5}).json()
    assert [c["slug"] for c in later["changes"]] == ["fair-06", "fair-07"] and later["next"] == 7
    assert served.get("/changes", params={"since": 7}).json() == {
        "schema": 3,
        "since": 7,
        "changes": [],
        "next": 7,
    }
    one = served.get("/changes", params={"since": 2, "limit": 1}).json()
    assert [c["seq"] for c in one["changes"]] == [3] and one["next"] == 3
    for bad in ("-1", "abc", "1.5"):
        assert served.get("/changes", params={"since": bad}).status_code == 400
    assert served.get("/changes", params={"since": 0, "limit": 0}).status_code == 400


def test_serve_hands_out_shards_pages_and_archive(served: httpx.Client, archive: Path) -> None:
    for path in ("/manifest/2021-04.json", "/changes/0.json", "/ru/archive/2021-03-2.html"):
        response = served.get(path)
        assert response.status_code == 200, path
        assert response.content == (archive / "dist" / path.lstrip("/")).read_bytes()
    assert served.get("/manifest/2021-4.json").status_code == 404
    assert served.get("/changes/x.json").status_code == 404
    assert served.get("/ru/archive/2020-01.html").status_code == 404


# -- bounded pages and feeds ----------------------------------------------------------------------


def links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', html)


def test_the_front_page_and_the_feed_hold_only_the_newest(archive: Path) -> None:
    index = (archive / "dist" / "ru" / "index.html").read_text("utf-8")
    assert [h for h in links(index) if h.endswith(".html") and "/" not in h] == [
        "fair-07.html",
        "fair-06.html",
        "fair-05.html",
    ]
    assert [h for h in links(index) if h.startswith("archive/")] == [
        "archive/2021-05.html",
        "archive/2021-04.html",
        "archive/2021-03.html",
    ]
    feed = (archive / "dist" / "ru" / "feed.atom").read_text("utf-8")
    assert feed.count("<entry>") == 2 and "fair-07.html" in feed and "fair-06.html" in feed


def test_months_are_paged(archive: Path, tmp_path: Path) -> None:
    folder = archive / "dist" / "ru" / "archive"
    assert sorted(p.name for p in folder.iterdir()) == [
        "2021-03-2.html",
        "2021-03.html",
        "2021-04.html",
        "2021-05.html",
    ]
    first = (folder / "2021-03.html").read_text("utf-8")
    second = (folder / "2021-03-2.html").read_text("utf-8")
    assert [h for h in links(first) if h.startswith("../fair")] == [
        "../fair-04.html",
        "../fair-03.html",
        "../fair-02.html",
    ]
    assert 'rel="next" href="2021-03-2.html"' in first
    assert [h for h in links(second) if h.startswith("../fair")] == ["../fair-01.html"]
    assert 'rel="prev" href="2021-03.html"' in second
    # a smaller month drops its second page; the incremental build equals a clean one
    (archive / "source_articles" / "fair-01.md").unlink()
    build(archive)
    assert not (folder / "2021-03-2.html").exists()
    clean = clean_copy(archive, tmp_path / "clean")
    assert snapshot(clean / "dist") == snapshot(archive / "dist")


def test_a_bigger_page_size_rebuilds_every_page(archive: Path) -> None:
    config = archive / "transflow.toml"
    config.write_text(config.read_text("utf-8").replace("page_size = 3", "page_size = 10"))
    build(archive)
    assert not (archive / "dist" / "ru" / "archive" / "2021-03-2.html").exists()
    index = (archive / "dist" / "ru" / "index.html").read_text("utf-8")
    assert len([h for h in links(index) if re.fullmatch(r"fair-\d\d\.html", h)]) == 7


@pytest.mark.parametrize("value", ["0", "-3", "true", '"50"', "20000"])
def test_bad_page_sizes_are_refused_with_their_line(tmp_path: Path, value: str) -> None:
    (tmp_path / "transflow.toml").write_text(
        f'[project]\nlanguages = ["be", "ru"]\n\n[publish]\npage_size = {value}\n', "utf-8"
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "page_size must be a whole number" in str(info.value) and info.value.line == 5


def test_build_reports_the_new_outputs_through_the_cli(archive: Path, capsys) -> None:
    edit(archive, "fair-06", "Ярмарка закрылась вечером.")
    assert main(["-C", str(archive), "build"]) == 0
    out = capsys.readouterr().out
    assert "fair-06" in out
