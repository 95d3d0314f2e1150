"""The publish record (published/): dist/ rebuilt from the repository, outdated pages with a
notice, withdrawn articles with tombstones, orphaned catalogs, times from the record."""

from __future__ import annotations

import shutil

import pytest

from tests.publish.helpers import (
    BRIDGE,
    BRIDGE_BE,
    GARDEN,
    GARDEN_RU,
    fill,
    make_project,
    manifest,
    render,
    snapshot,
)
from transflow.cli import main
from transflow.publish.record import PublishRecord, revision_of

T1, T2 = "1700000000", "1800000000"


@pytest.fixture
def clock(monkeypatch):
    """Pin the publishing clock (SOURCE_DATE_EPOCH) and let a test move it."""

    def at(epoch: str) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)

    at(T1)
    return at


@pytest.fixture
def published(tmp_path, clock):
    """BRIDGE (ru) approved in be, GARDEN (be) approved in ru, rendered once."""
    root = make_project(tmp_path / "p", {"river-bridge": BRIDGE, "school-garden": GARDEN})
    fill(root, "be", "river-bridge", BRIDGE_BE)
    fill(root, "ru", "school-garden", GARDEN_RU)
    report = render(root)
    assert not report.problems
    return root


def edit_source(root, old: str, new: str, stem: str = "river-bridge") -> None:
    path = root / "source_articles" / f"{stem}.md"
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


def rebuild_clean(root):
    shutil.rmtree(root / "dist")
    shutil.rmtree(root / ".transflow")
    render(root)


def test_the_record_holds_revision_text_and_times(published):
    edition = PublishRecord(published / "published").get("be", "river-bridge")
    source = (published / "source_articles" / "river-bridge.md").read_bytes()
    assert edition.revision == revision_of(source)
    assert edition.source == source.decode("utf-8")
    assert edition.translations["Мост вечером после открытия"] == "Мост увечары пасля адкрыцця"
    assert edition.published_at == edition.updated_at == "2023-11-14T22:13:20Z"
    lang = manifest(published)["articles"][0]["languages"]["be"]
    assert lang["published"] == edition.published_at and lang["translation_of"] == edition.revision


def test_dist_is_rebuilt_byte_for_byte_from_the_repository(published, clock):
    edit_source(published, "Строители закончили работу", "Строители завершили работу")
    clock(T2)
    render(published)
    before = snapshot(published / "dist")
    records = snapshot(published / "published")
    clock("1900000000")  # a later clock must not show anywhere
    rebuild_clean(published)
    assert snapshot(published / "dist") == before
    assert snapshot(published / "published") == records


def test_an_outdated_translation_stays_online_with_a_notice(published, clock):
    edit_source(published, "на месяц раньше срока", "на два месяца раньше срока")
    clock(T2)
    render(published)
    entry = manifest(published)["articles"][0]
    be = entry["languages"]["be"]
    assert be["status"] == "outdated" and be["outdated"] is True
    assert be["translation_of"] != be["source_revision"]
    assert be["coverage"] == 1.0 and be["catalog_coverage"] < 1.0
    assert be["updated"] == "2027-01-15T08:00:00Z"  # the page changed: it has a notice now
    assert be["published"] == "2023-11-14T22:13:20Z"
    for lang, words in (("be", "абноўлены"), ("be-Latn", "abnoŭleny")):
        page = (published / "dist" / lang / "river-bridge.html").read_text("utf-8")
        assert 'class="notice outdated"' in page and words in page
        assert "14 лістапада 2023" in page or "14 listapada 2023" in page
    # the text served is the approved one of the old revision
    page = (published / "dist" / "be" / "river-bridge.html").read_text("utf-8")
    assert "на месяц раней за тэрмін" in page
    index = (published / "dist" / "be" / "index.html").read_text("utf-8")
    assert "river-bridge.html" in index


def test_the_translation_catches_up_and_the_notice_goes(published, clock):
    edit_source(published, "на месяц раньше срока", "на два месяца раньше срока")
    render(published)
    table = dict(BRIDGE_BE)
    old = "Строители закончили работу на месяц раньше срока."
    table["Строители закончили работу на два месяца раньше срока."] = table.pop(old).replace(
        "на месяц", "на два месяцы"
    )
    fill(published, "be", "river-bridge", table)
    clock(T2)
    render(published)
    be = manifest(published)["articles"][0]["languages"]["be"]
    assert be["status"] == "published" and be["outdated"] is False
    assert be["published"] == be["updated"] == "2027-01-15T08:00:00Z"
    page = (published / "dist" / "be" / "river-bridge.html").read_text("utf-8")
    assert "notice outdated" not in page and "на два месяцы" in page


def test_outdated_withdraw_policy_takes_the_page_down(published, clock):
    config = published / "transflow.toml"
    config.write_text(config.read_text("utf-8") + 'outdated = "withdraw"\n', "utf-8")
    edit_source(published, "на месяц раньше срока", "на два месяца раньше срока")
    clock(T2)
    render(published)
    be = manifest(published)["articles"][0]["languages"]["be"]
    assert be["status"] == "withdrawn" and be["withdrawn_at"] == "2027-01-15T08:00:00Z"
    assert not (published / "dist" / "be" / "river-bridge.html").exists()
    assert not (published / "dist" / "be-Latn" / "river-bridge.html").exists()


def test_withdrawn_in_front_matter_leaves_a_tombstone(published, clock):
    edit_source(published, "date: 2021-03-09", "date: 2021-03-09\nwithdrawn: true")
    clock(T2)
    render(published)
    entry = manifest(published)["articles"][0]
    assert entry["slug"] == "river-bridge"
    assert entry["status"] == "withdrawn" and entry["withdrawn_at"] == "2027-01-15T08:00:00Z"
    assert {i["status"] for i in entry["languages"].values()} == {"withdrawn"}
    for lang in ("ru", "be", "be-Latn"):
        assert not (published / "dist" / lang / "river-bridge.html").exists()
        assert (
            "river-bridge" not in (published / "dist" / lang / "feed.atom").read_text("utf-8")
            if (published / "dist" / lang / "feed.atom").exists()
            else True
        )
    assert "river-bridge" not in (published / "dist" / "be" / "index.html").read_text("utf-8")


def test_a_deleted_source_is_withdrawn_and_its_catalogs_reported(published, clock, capsys):
    (published / "source_articles" / "river-bridge.md").unlink()
    clock(T2)
    assert main(["-C", str(published), "build"]) == 0
    out = capsys.readouterr().out
    assert "orphaned catalogs" in out and "locales/be/LC_MESSAGES/river-bridge.po" in out
    assert "transflow clean --orphans" in out
    entry = next(a for a in manifest(published)["articles"] if a["slug"] == "river-bridge")
    assert entry["status"] == "withdrawn" and entry["withdrawn_at"] == "2027-01-15T08:00:00Z"
    assert not (published / "dist" / "ru" / "river-bridge.html").exists()
    # the catalogs stay until asked for
    assert (published / "locales" / "be" / "LC_MESSAGES" / "river-bridge.po").exists()
    assert main(["-C", str(published), "clean", "--orphans"]) == 0
    assert not (published / "locales" / "be" / "LC_MESSAGES" / "river-bridge.po").exists()
    assert not (published / "locales" / "river-bridge.pot").exists()
    assert (published / "locales" / "ru" / "LC_MESSAGES" / "school-garden.po").exists()


def test_feed_entries_change_exactly_when_their_page_does(published, clock):
    feed_be = published / "dist" / "be" / "feed.atom"
    feed_ru = published / "dist" / "ru" / "feed.atom"
    ru_before = feed_ru.read_bytes()
    clock(T2)
    render(published)  # nothing changed: nothing moves
    assert b"2027" not in feed_be.read_bytes() and feed_ru.read_bytes() == ru_before
    edit_source(published, "на месяц раньше срока", "на два месяца раньше срока")
    render(published)
    text = feed_be.read_text("utf-8")
    assert "<updated>2027-01-15T08:00:00Z</updated>" in text
    garden = manifest(published)["articles"][1]
    assert garden["languages"]["ru"]["updated"] == "2023-11-14T22:13:20Z"


def test_build_points_at_the_qa_errors_that_hold_a_language_back(published, capsys):
    table = dict(BRIDGE_BE)
    key = "Ширина моста составляет шесть метров."
    table[key] = "Шырыня моста складае 7 метраў."
    fill(published, "be", "river-bridge", table)
    assert main(["-C", str(published), "build"]) == 0
    out = capsys.readouterr().out
    assert "transflow check locales/be/LC_MESSAGES/river-bridge.po" in out


def test_status_and_check_list_orphaned_catalogs(published, capsys):
    (published / "source_articles" / "school-garden.md").unlink()
    main(["-C", str(published), "status"])
    assert "locales/ru/LC_MESSAGES/school-garden.po" in capsys.readouterr().out
    main(["-C", str(published), "check"])
    out = capsys.readouterr().out
    assert "orphaned catalogs" in out and "locales/school-garden.pot" in out
