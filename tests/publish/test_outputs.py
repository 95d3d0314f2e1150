"""dist/manifest.json (schema, hashes, stable times), determinism, atomic writes, bad catalogs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import jsonschema

from tests.paths import REPO_ROOT
from tests.publish.helpers import (
    BRIDGE,
    BRIDGE_BE,
    BRIDGE_EN,
    BRIDGE_PNG,
    GARDEN,
    GARDEN_RU,
    fill,
    make_project,
    manifest,
    po_path,
    render,
    snapshot,
)
from transflow.pipeline.project import Project
from transflow.pipeline.report import BuildReport
from transflow.publish.manifest import validate_manifest

REPO = REPO_ROOT


def render_at(root: Path, now: str, monkeypatch) -> BuildReport:
    """extract, update, render with the publishing clock set to `now` (RFC 3339)."""
    moment = dt.datetime.fromisoformat(now.replace("Z", "+00:00"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    return render(root)


def test_manifest_valid_sorted_and_true_to_the_files(site: Path) -> None:
    data = manifest(site)
    root = json.loads((site / "dist" / "manifest.json").read_text("utf-8"))
    schema = json.loads((REPO / "schemas" / "manifest.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(root)
    validate_manifest(root)
    assert root["schema"] == 3
    assert [s["month"] for s in root["shards"]] == ["2020-10", "2021-03"]
    assert [a["slug"] for a in data["articles"]] == ["river-bridge", "school-garden"]
    for line in root["shards"]:
        raw = (site / "dist" / line["path"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == line["sha256"] and len(raw) == line["size"]
        shard = json.loads(raw)
        lines = raw.decode().splitlines()[1:-3]  # one article a line, keys sorted
        assert [json.loads(x.rstrip(",")) for x in lines] == shard["articles"]
        assert all(
            x.rstrip(",")
            == json.dumps(json.loads(x.rstrip(",")), ensure_ascii=False, sort_keys=True)
            for x in lines
        )
        assert all(a["date"].startswith(line["month"]) for a in shard["articles"])
    bridge, garden = data["articles"]
    assert (bridge["source_lang"], bridge["date"]) == ("ru", "2021-03-09")
    assert (garden["source_lang"], garden["date"]) == ("be", "2020-10-12")
    pending = garden["languages"]["en"]
    assert pending["status"] == "pending" and pending["coverage"] == 0.0
    assert pending["catalog_coverage"] == 0.0 and "outputs" not in pending
    count = 0
    for article in data["articles"]:
        for lang, info in article["languages"].items():
            for kind, out in info.get("outputs", {}).items():
                raw = (site / "dist" / out["path"]).read_bytes()
                if kind == "image":  # the picture, named by its digest
                    assert out["path"] == f"media/{hashlib.sha256(raw).hexdigest()}.png"
                    assert raw == BRIDGE_PNG
                else:
                    assert out["path"] == f"{lang}/{article['slug']}.{kind}"
                    count += 1
                assert out["sha256"] == hashlib.sha256(raw).hexdigest()
                assert out["size"] == len(raw)
            if info["status"] == "published":
                kinds = {"html", "json"} | (
                    {"image"} if article["slug"] == "river-bridge" else set()
                )
                assert set(info["outputs"]) == kinds and info["updated"].endswith("Z")
    assert count == 2 * 7  # river-bridge: 4 languages, school-garden: be, ru, be-Latn


def test_rendering_twice_is_byte_identical(tmp_path: Path, site: Path) -> None:
    before = snapshot(site / "dist")
    report = render(site)
    assert "render" not in report.written  # nothing rewritten
    assert snapshot(site / "dist") == before
    # a full re-render from scratch (no build state) writes exactly the same bytes
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    shutil.rmtree(copy / ".transflow")
    render(copy)
    assert snapshot(copy / "dist") == before
    assert not [p for p in before if p.endswith(".tmp") or "/." in p]  # no temp files left


def test_two_projects_same_input_same_output(tmp_path: Path, monkeypatch) -> None:
    outs = []
    for name in ("a", "b"):
        root = make_project(tmp_path / name, {"river-bridge": BRIDGE, "school-garden": GARDEN})
        fill(root, "be", "river-bridge", BRIDGE_BE)
        fill(root, "ru", "school-garden", GARDEN_RU)
        render_at(root, "2026-01-02T03:04:05Z", monkeypatch)
        outs.append(snapshot(root / "dist"))
    assert outs[0] == outs[1]


def test_updated_changes_only_with_the_output(tmp_path: Path, monkeypatch) -> None:
    root = make_project(tmp_path / "p", {"river-bridge": BRIDGE})
    fill(root, "be", "river-bridge", BRIDGE_BE)
    fill(root, "en", "river-bridge", BRIDGE_EN)
    render_at(root, "2026-01-01T00:00:00Z", monkeypatch)
    render_at(root, "2026-02-01T00:00:00Z", monkeypatch)  # nothing changed
    langs = manifest(root)["articles"][0]["languages"]
    assert {lang: i["updated"] for lang, i in langs.items()} == {
        lang: "2026-01-01T00:00:00Z" for lang in ("be", "be-Latn", "en", "ru")
    }
    better = "The bridge is six metres wide and lit at night."
    fill(root, "en", "river-bridge", {**BRIDGE_EN, "Ширина моста составляет шесть метров.": better})
    render_at(root, "2026-03-01T00:00:00Z", monkeypatch)
    data = manifest(root)
    langs = data["articles"][0]["languages"]
    assert langs["en"]["updated"] == "2026-03-01T00:00:00Z"
    assert better in (root / "dist" / "en" / "river-bridge.html").read_text("utf-8")
    assert [langs[lang]["updated"] for lang in ("be", "be-Latn", "ru")] == [
        "2026-01-01T00:00:00Z"
    ] * 3
    feed = (root / "dist" / "en" / "feed.atom").read_text("utf-8")
    assert "<updated>2026-03-01T00:00:00Z</updated>" in feed


def test_malformed_catalog_is_reported_and_skipped(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"river-bridge": BRIDGE, "school-garden": GARDEN})
    fill(root, "en", "river-bridge", BRIDGE_EN)
    fill(root, "ru", "school-garden", GARDEN_RU)
    bad = po_path(root, "be", "river-bridge")
    bad.write_text('msgid ""\nmsgstr ""\n"Language: be\\n"\n\nmsgid "Мост\nmsgstr "x"\n', "utf-8")
    report = render(root)
    problems = [str(p) for p in report.problems]
    assert any(str(bad) in p and ":5" in p for p in problems), problems
    data = manifest(root)
    bridge, garden = data["articles"]
    assert bridge["languages"]["be"]["status"] == "pending"
    assert bridge["languages"]["en"]["status"] == "published"
    assert bridge["languages"]["ru"]["status"] == "published"
    assert garden["languages"]["ru"]["status"] == "published"
    assert (root / "dist" / "en" / "river-bridge.html").exists()
    assert not (root / "dist" / "be" / "river-bridge.html").exists()
    # still reported by the next run (the render itself is skipped as unchanged)
    again = render(root)
    assert any(str(bad) in str(p) for p in again.problems)
    # a catalog that is not even UTF-8
    bad.write_bytes(b"\xff\xfe\x00garbage")
    report = render(root)
    assert any(str(bad) in str(p) and "UTF-8" in str(p) for p in report.problems)
    assert manifest(root)["articles"][0]["languages"]["en"]["status"] == "published"


def test_manifest_is_the_same_after_the_build_state_is_lost(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"school-garden": GARDEN})
    fill(root, "ru", "school-garden", GARDEN_RU)
    render(root)
    first = snapshot(root / "dist")
    state = Project.open(root).state
    state.forget("render:school-garden")
    state.save()
    render(root)
    assert snapshot(root / "dist") == first
    shutil.rmtree(root / ".transflow")
    render(root)
    assert snapshot(root / "dist") == first
    manifest(root)  # checks every document against the schema
