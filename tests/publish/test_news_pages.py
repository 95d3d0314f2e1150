"""Pages that look like news: the picture with its caption, Open Graph and Twitter meta, the
canonical link, the translation note, the byline, leads on the index pages, one dateline dash."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.publish.helpers import (
    BRIDGE,
    BRIDGE_BE,
    BRIDGE_EN,
    BRIDGE_PNG,
    check_html5,
    fill,
    make_project,
    manifest,
    render,
)
from transflow.errors import SourceError
from transflow.publish.interface import LOCALE_DIR
from transflow.source.article import load_article

LANGS = ["be", "ru", "en"]
MEDIA = f"media/{hashlib.sha256(BRIDGE_PNG).hexdigest()}.png"


def page(root: Path, lang: str, slug: str = "river-bridge") -> str:
    return (root / "dist" / lang / f"{slug}.html").read_text("utf-8")


def meta(html: str) -> dict[str, str]:
    """property= and name= meta tags of a page."""
    parsed = check_html5(html)
    assert parsed.errors == []
    out = {}
    for tag in parsed.head["meta"]:
        key = tag.get("property") or tag.get("name")
        if key:
            out[key] = tag.get("content", "")
    return out


def test_the_picture_is_copied_under_its_digest_and_shown_with_alt_and_caption(site: Path):
    assert (site / "dist" / MEDIA).read_bytes() == BRIDGE_PNG
    html = page(site, "be")
    figure = re.search(r'<figure class="photo">\n(.*?)</figure>', html, re.S).group(1)
    assert figure.startswith(
        f'<img src="../{MEDIA}" alt="Пешаходны мост цераз раку ў вячэрняй падсветцы">'
    )
    # the caption comes under the picture, inside its figure
    assert figure.index("<img") < figure.index("<figcaption>Мост увечары пасля адкрыцця")
    data = json.loads((site / "dist" / "en" / "river-bridge.json").read_text("utf-8"))
    assert data["image"] == {
        "src": f"../{MEDIA}",
        "alt": "The footbridge over the river with its evening lights",
    }
    assert data["author"] == "Irina Kozlova"
    assert all(b["kind"] not in ("author", "image-alt") for b in data["blocks"])


def test_a_caption_without_a_picture_is_not_shown(site: Path):
    # school-garden has neither picture nor caption; river-bridge without its picture:
    html = page(site, "ru", "school-garden")
    assert "<figure" not in html and "<img" not in html


@pytest.mark.parametrize("lang", LANGS)
def test_open_graph_and_twitter_meta_and_a_relative_canonical(site: Path, lang: str):
    tags = meta(page(site, lang))
    assert tags["og:type"] == "article"
    assert tags["og:title"] and tags["og:title"] == tags["twitter:title"]
    assert tags["og:description"] == tags["description"] == tags["twitter:description"]
    assert tags["article:published_time"] == "2021-03-09"
    assert tags["og:locale"] == {"be": "be_BY", "ru": "ru_RU", "en": "en_GB"}[lang]
    # without [publish] base_url there is no absolute URL to give: no og:url, no og:image
    assert "og:url" not in tags and "og:image" not in tags
    assert tags["twitter:card"] == "summary"
    assert '<link rel="canonical" href="river-bridge.html">' in page(site, lang)


def _bridge(root: Path, extra: str = "", article: str = BRIDGE) -> Path:
    make_project(root, {"river-bridge": article}, extra=extra)
    fill(root, "be", "river-bridge", BRIDGE_BE)
    fill(root, "en", "river-bridge", BRIDGE_EN)
    assert not render(root).problems
    return root


def test_base_url_makes_canonical_og_url_and_og_image_absolute(tmp_path: Path):
    root = _bridge(tmp_path / "p", 'base_url = "https://news.example.by/l10n"')
    html = page(root, "en")
    assert '<link rel="canonical" href="https://news.example.by/l10n/en/river-bridge.html">' in html
    tags = meta(html)
    assert tags["og:url"] == "https://news.example.by/l10n/en/river-bridge.html"
    assert tags["og:image"] == f"https://news.example.by/l10n/{MEDIA}"
    assert tags["og:image:alt"] == "The footbridge over the river with its evening lights"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == tags["og:image"]


def test_a_remote_picture_is_linked_not_copied(tmp_path: Path):
    article = BRIDGE.replace("image: images/bridge.png", "image: https://img.example.by/most.jpg")
    root = _bridge(tmp_path / "p", article=article)
    assert not (root / "dist" / "media").exists()
    html = page(root, "be")
    assert '<img src="https://img.example.by/most.jpg" alt="Пешаходны мост' in html
    assert meta(html)["og:image"] == "https://img.example.by/most.jpg"
    entry = manifest(root)["articles"][0]
    assert "image" not in entry["languages"]["be"]["outputs"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("image: ../secret.png", "invalid image path"),
        ("image: /etc/passwd.png", "invalid image path"),
        ("image: http://img.example.by/a.jpg", "must use https"),
        ("image: images/notes.txt", "is not a picture"),
    ],
)
def test_a_bad_image_value_names_file_and_line(tmp_path: Path, line: str, message: str):
    path = tmp_path / "a.md"
    text = BRIDGE.replace("image: images/bridge.png", line)
    path.write_text(text, "utf-8")
    with pytest.raises(SourceError, match=message) as info:
        load_article(path, LANGS)
    assert info.value.line == text.split("\n").index(line) + 1


def test_an_image_needs_its_alt_text(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_text(re.sub(r"image_alt: .*\n", "", BRIDGE), "utf-8")
    with pytest.raises(SourceError, match="needs image_alt") as info:
        load_article(path, LANGS)
    assert info.value.line == 9


@pytest.mark.parametrize(
    ("content", "message"), [(None, "not found"), (b"not a picture", "is not a png picture")]
)
def test_a_missing_or_false_picture_is_a_render_problem_with_file_and_line(
    tmp_path: Path, content: bytes | None, message: str
):
    root = make_project(tmp_path / "p", {"river-bridge": BRIDGE})
    picture = root / "images" / "bridge.png"
    if content is None:
        picture.unlink()
    else:
        picture.write_bytes(content)
    problems = render(root).problems
    assert len(problems) == 1
    assert message in str(problems[0])
    assert str(problems[0]).startswith(f"{root / 'source_articles' / 'river-bridge.md'}:9: ")
    assert not (root / "dist" / "ru" / "river-bridge.html").exists()


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("be", "Пераклад з рускай"),
        ("en", "Translated from Russian"),
        ("be-Latn", "Pierakład z ruskaj"),
        ("ru", None),
    ],
)
def test_translated_pages_say_what_they_were_translated_from(site: Path, lang: str, note: str):
    html = page(site, lang)
    if note is None:
        assert 'class="translated"' not in html
    else:
        assert f'<p class="translated">{note}</p>' in html
    garden = page(site, "ru", "school-garden")
    assert '<p class="translated">Перевод с белорусского</p>' in garden


@pytest.mark.parametrize(
    ("lang", "byline"),
    [
        ("ru", "Автор: Ирина Козлова"),
        ("be", "Аўтар: Ірына Казлова"),
        ("en", "By Irina Kozlova"),
        ("be-Latn", "Aŭtar: Iryna Kazłova"),
    ],
)
def test_the_byline(site: Path, lang: str, byline: str):
    assert f'<span class="byline">{byline}</span>' in page(site, lang)
    assert 'class="byline"' not in page(site, "be", "school-garden")


@pytest.mark.parametrize("lang", ["be", "ru", "en"])
def test_index_pages_show_each_lead_under_its_title(site: Path, lang: str):
    index = (site / "dist" / lang / "index.html").read_text("utf-8")
    data = json.loads((site / "dist" / lang / "river-bridge.json").read_text("utf-8"))
    title = f'<a href="river-bridge.html">{data["title"]}</a>'
    lead = f'<p class="lead">{data["description"]}</p>'
    assert title in index and lead in index
    assert index.index(title) < index.index(lead)


RACE = """\
---
slug: city-race
lang: en
title: Runners fill the city centre
date: 2021-09-12
place: Minsk
agency: BelTA
---

Thousands of runners took part in the race on Sunday.
"""


def test_the_dateline_dash_is_the_same_in_every_language(site: Path, tmp_path: Path):
    root = make_project(tmp_path / "p", {"city-race": RACE})
    assert not render(root).problems
    english = page(root, "en", "city-race")
    assert '<span class="dateline">MINSK, 12 September (BelTA)</span> – Thousands' in english
    russian = page(site, "ru")
    assert '<span class="dateline">ГОМЕЛЬ, 9 марта (БЕЛТА)</span> – Новый' in russian
    assert not re.search(r'<span class="dateline">[^<]+</span> - ', english + russian)


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_interface_catalogs_are_msgcat_formatted_and_pass_msgfmt(lang: str, tmp_path: Path):
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "interface.po"
    out = tmp_path / "interface.po"
    subprocess.run(["msgcat", "-o", str(out), str(path)], check=True, timeout=60)
    assert out.read_bytes() == path.read_bytes()
    subprocess.run(
        ["msgfmt", "-c", "-o", str(tmp_path / "x.mo"), str(path)], check=True, timeout=60
    )
