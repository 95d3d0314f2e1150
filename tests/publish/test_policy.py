"""The publish policy: thresholds, pending languages keep their old pages, preview, Łacinka."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.paths import REPO_ROOT
from tests.publish.helpers import (
    BRIDGE,
    BRIDGE_BE,
    BRIDGE_EN,
    GARDEN,
    GARDEN_RU,
    fill,
    make_project,
    manifest,
    render,
    snapshot,
)

REPO = REPO_ROOT
EDITED = "Строители закончили работу на месяц раньше срока."


def langs_of(root: Path, slug: str) -> dict:
    """The manifest's languages of one article."""
    entry = next(a for a in manifest(root)["articles"] if a["slug"] == slug)
    return entry["languages"]


def bridge_site(root: Path, threshold: float = 100, extra: str = "") -> Path:
    make_project(root, {"river-bridge": BRIDGE}, threshold=threshold, extra=extra)
    fill(root, "be", "river-bridge", BRIDGE_BE)
    fill(root, "en", "river-bridge", BRIDGE_EN)
    return root


def test_source_edit_leaves_the_published_version_online_unchanged(tmp_path: Path) -> None:
    root = bridge_site(tmp_path / "p")
    assert not render(root).problems
    dist = root / "dist"
    before = {lang: langs_of(root, "river-bridge")[lang] for lang in ("be", "be-Latn", "en")}
    kept = {
        p: b
        for p, b in snapshot(dist).items()
        if p.startswith(("be/river", "be-Latn/river", "en/river"))
    }
    assert len(kept) == 6
    # a one-word edit of the source: the catalogs get a fuzzy entry, so be/en fall under 100%
    source = root / "source_articles" / "river-bridge.md"
    source.write_text(source.read_text("utf-8").replace("на месяц", "на неделю"), "utf-8")
    assert not render(root).problems
    after = langs_of(root, "river-bridge")
    manifest(root)  # checks every manifest document against the schema
    for lang in ("be", "be-Latn", "en"):
        assert after[lang]["status"] == "outdated" and after[lang]["outdated"] is True
        assert after[lang]["coverage"] == 1.0  # the page served is complete
        assert after[lang]["title"] == before[lang]["title"]
        assert after[lang]["translation_of"] == before[lang]["translation_of"]
        assert after[lang]["translation_of"] != after[lang]["source_revision"]
        assert after[lang]["published"] == before[lang]["published"]
    for lang in ("be", "en"):
        assert after[lang]["catalog_coverage"] < 1.0
    now = snapshot(dist)
    assert set(kept) <= set(now)  # nothing deleted: the old text stays, with a notice
    for path in kept:
        if path.endswith(".html"):
            assert "notice outdated" in now[path].decode("utf-8")
    assert "на месяц раней за тэрмін" in now["be/river-bridge.html"].decode("utf-8")
    # the source page changed and still links to the versions that stay online
    ru_page = (dist / "ru" / "river-bridge.html").read_text("utf-8")
    assert "на неделю" in ru_page
    assert 'hreflang="be" href="../be/river-bridge.html"' in ru_page
    assert after["ru"]["status"] == "published"
    assert "river-bridge.html" in (dist / "be" / "index.html").read_text("utf-8")
    # a reviewer approves the new sentence: be is published again with the new text
    fill(
        root,
        "be",
        "river-bridge",
        {
            **BRIDGE_BE,
            EDITED.replace(
                "на месяц", "на неделю"
            ): "Будаўнікі скончылі працу на тыдзень раней за тэрмін.",
        },
    )
    render(root)
    assert langs_of(root, "river-bridge")["be"]["status"] == "published"
    assert "на тыдзень" in (dist / "be" / "river-bridge.html").read_text("utf-8")
    assert (dist / "be-Latn" / "river-bridge.html").read_bytes() != kept[
        "be-Latn/river-bridge.html"
    ]


def test_below_threshold_is_pending_and_never_rendered(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"river-bridge": BRIDGE})
    fill(root, "be", "river-bridge", {k: v for k, v in BRIDGE_BE.items() if k != EDITED})
    render(root)
    be = langs_of(root, "river-bridge")["be"]
    assert be["status"] == "pending" and "outputs" not in be
    assert be["coverage"] == 0.0 and be["catalog_coverage"] == 0.9167  # 11/12
    assert not (root / "dist" / "be" / "river-bridge.html").exists()
    assert not (root / "dist" / "be-Latn").exists()
    assert langs_of(root, "river-bridge")["be-Latn"]["status"] == "pending"


def test_lower_threshold_leaves_unapproved_sentences_out(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"river-bridge": BRIDGE}, threshold=70)
    machine = "Ширина моста составляет шесть метров."
    missing = EDITED
    table = {k: v for k, v in BRIDGE_BE.items() if k != missing}
    fill(root, "be", "river-bridge", table, fuzzy={machine})
    render(root)
    be = langs_of(root, "river-bridge")["be"]
    assert be["status"] == "published" and be["coverage"] == 0.8333  # 10/12
    html = (root / "dist" / "be" / "river-bridge.html").read_text("utf-8")
    assert "Новы пешаходны мост злучыў два раёны горада." in html
    assert BRIDGE_BE[machine] not in html and machine not in html  # fuzzy: out
    assert missing not in html and "Строители" not in html  # untranslated: out, not the source
    assert 'class="mt"' not in html and 'class="missing"' not in html
    assert "<li>Увечары ўключаецца" in html  # the other list item stays


def test_per_language_threshold_and_unapproved_title(tmp_path: Path) -> None:
    extra = "\n[publish.thresholds]\nen = 50\n"
    root = make_project(tmp_path / "p", {"river-bridge": BRIDGE}, extra=extra)
    title = "В Гомеле открыли новый мост через Сож"
    half = dict(list(BRIDGE_EN.items())[:8])
    fill(root, "en", "river-bridge", half)
    fill(root, "be", "river-bridge", {k: v for k, v in BRIDGE_BE.items() if k != EDITED})
    render(root)
    langs = langs_of(root, "river-bridge")
    assert langs["en"]["status"] == "published" and langs["en"]["coverage"] == 0.6667  # 8/12
    assert langs["be"]["status"] == "pending"  # 92% < 100% (the default)
    # with the title left out, a page would have no heading: it stays pending
    fill(root, "en", "river-bridge", {k: v for k, v in BRIDGE_EN.items() if k != title})
    render(root)
    langs = langs_of(root, "river-bridge")
    # the earlier version (of this same source revision) stays online from the record
    assert langs["en"]["status"] == "published" and langs["en"]["coverage"] == 0.6667
    assert langs["en"]["catalog_coverage"] == 0.9167 and not langs["en"]["outdated"]
    assert (root / "dist" / "en" / "river-bridge.html").exists()


def test_preview_marks_drafts_and_leaves_published_files_alone(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"river-bridge": BRIDGE})
    machine = "Ширина моста составляет шесть метров."
    fill(root, "en", "river-bridge", BRIDGE_EN)
    fill(
        root,
        "be",
        "river-bridge",
        {k: v for k, v in BRIDGE_BE.items() if k != EDITED},
        fuzzy={machine},
    )
    render(root)
    published = snapshot(root / "dist")
    env = {"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "transflow.cli", "render", "--preview"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    after = snapshot(root / "dist")
    assert {p: b for p, b in after.items() if not p.startswith("preview/")} == published
    assert not (root / "dist" / "preview" / "manifest.json").exists()
    draft = (root / "dist" / "preview" / "be" / "river-bridge.html").read_text("utf-8")
    assert f'<span class="mt" lang="be">{BRIDGE_BE[machine]}</span>' in draft
    assert f'<span class="missing" lang="ru">{EDITED}</span>' in draft
    assert 'class="preview-banner"' in draft
    assert "Новы пешаходны мост злучыў два раёны горада." in draft  # approved: unmarked
    # the published (complete) English page is previewed too, with nothing marked
    english = (root / "dist" / "preview" / "en" / "river-bridge.html").read_text("utf-8")
    assert 'class="mt"' not in english and 'class="missing"' not in english
    latin = (root / "dist" / "preview" / "be-Latn" / "river-bridge.html").read_text("utf-8")
    assert '<span class="mt" lang="be-Latn">Šyrynia mosta' in latin


def test_lacinka_follows_belarusian(tmp_path: Path) -> None:
    root = make_project(tmp_path / "on", {"river-bridge": BRIDGE, "school-garden": GARDEN})
    render(root)
    dist = root / "dist"
    # be source: Łacinka right away; ru source with no approved be: none
    assert (dist / "be-Latn" / "school-garden.html").exists()
    assert not (dist / "be-Latn" / "river-bridge.html").exists()
    garden = (dist / "be-Latn" / "school-garden.html").read_text("utf-8")
    assert "Školniki Lidy pasadzili jabłynievy sad" in garden
    body = garden.split("<article>")[1]
    assert not any("\u0400" <= ch <= "\u04ff" for ch in body)  # no Cyrillic left in the text
    assert '<span class="dateline">LIDA, 12 kastryčnika (BIEŁTA)</span>' in body
    fill(root, "be", "river-bridge", BRIDGE_BE)
    render(root)
    assert (dist / "be-Latn" / "river-bridge.html").exists()
    assert langs_of(root, "river-bridge")["be-Latn"]["status"] == "published"
    off = make_project(tmp_path / "off", {"school-garden": GARDEN}, lacinka=False)
    fill(off, "ru", "school-garden", GARDEN_RU)
    render(off)
    assert not (off / "dist" / "be-Latn").exists()
    assert "be-Latn" not in langs_of(off, "school-garden")
