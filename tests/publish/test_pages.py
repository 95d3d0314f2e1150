"""dist/<lang>/<slug>.html and .json, index.html and feed.atom of a rendered project."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.publish.helpers import check_html5

LANGS = ["be", "ru", "en", "be-Latn"]
ATOM = "{http://www.w3.org/2005/Atom}"


def page(root: Path, lang: str, slug: str = "river-bridge") -> str:
    return (root / "dist" / lang / f"{slug}.html").read_text("utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_article_page_is_strict_html5_with_head(site: Path, lang: str) -> None:
    parsed = check_html5(page(site, lang))
    assert parsed.errors == []
    html_tag = page(site, lang).split("\n")[1]
    assert html_tag == f'<html lang="{lang}">'
    descriptions = [m for m in parsed.head["meta"] if m.get("name") == "description"]
    assert len(descriptions) == 1 and len(descriptions[0]["content"]) > 20


@pytest.mark.parametrize(
    ("lang", "date", "title"),
    [
        ("be", "9 сакавіка 2021 г.", "У Гомелі адкрылі новы мост цераз Сож"),
        ("ru", "9 марта 2021 г.", "В Гомеле открыли новый мост через Сож"),
        ("en", "9 March 2021", "A new bridge over the Sozh opens in Gomel"),
        ("be-Latn", "9 sakavika 2021 h.", "U Homieli adkryli novy most cieraz Sož"),
    ],
)
def test_localized_date_and_title(site: Path, lang: str, date: str, title: str) -> None:
    text = page(site, lang)
    assert f'<time datetime="2021-03-09">{date}</time>' in text
    assert f"<title>{title}</title>" in text
    assert f"<h1>{title}</h1>" in text


def test_inline_markup_caption_list_quote_restored(site: Path) -> None:
    text = page(site, "be")
    assert "<strong>дзесяць хвілін</strong>" in text
    assert '<a href="https://gomel.example.by/most">сайце горада</a>' in text
    assert "<em>дэкаратыўная</em>" in text
    assert "<figcaption>Мост увечары пасля адкрыцця</figcaption>" in text
    assert "<h2>Што зменіцца для жыхароў</h2>" in text
    assert "<li>Шырыня моста складае шэсць метраў.</li>" in text
    assert "<blockquote><p>Мы чакалі" in text


def test_dateline_in_the_source_language(site: Path) -> None:
    ru = page(site, "ru")
    assert '<span class="dateline">ГОМЕЛЬ, 9 марта (БЕЛТА)</span> – Новый' in ru
    be = page(site, "be", "school-garden")
    assert '<span class="dateline">ЛІДА, 12 кастрычніка (БЕЛТА)</span> – Вучні' in be
    latin = page(site, "be-Latn", "school-garden")
    assert '<span class="dateline">LIDA, 12 kastryčnika (BIEŁTA)</span>' in latin


def test_no_place_name_in_another_language_without_a_glossary(site: Path) -> None:
    # no glossary in this project: the Russian place name must not appear on the en/be pages
    assert "Гомель" not in page(site, "en") and "ГОМЕЛЬ" not in page(site, "en")
    assert "ГОМЕЛЬ" not in page(site, "be")


def test_hreflang_alternates_to_every_other_published_language(site: Path) -> None:
    for lang in LANGS:
        parsed = check_html5(page(site, lang))
        alternates = {m["hreflang"]: m["href"] for m in parsed.head["link"] if "hreflang" in m}
        others = set(LANGS) - {lang}
        assert alternates == {o: f"../{o}/river-bridge.html" for o in others}
    # school-garden: en is not published, so nobody links to it
    parsed = check_html5(page(site, "be", "school-garden"))
    hreflangs = {m["hreflang"] for m in parsed.head["link"] if "hreflang" in m}
    assert hreflangs == {"ru", "be-Latn"}
    assert not (site / "dist" / "en" / "school-garden.html").exists()


def test_article_json_fields(site: Path) -> None:
    data = json.loads((site / "dist" / "be" / "river-bridge.json").read_text("utf-8"))
    assert data["schema"] == 1 and data["lang"] == "be" and data["source_lang"] == "ru"
    assert data["title"] == "У Гомелі адкрылі новы мост цераз Сож"
    assert data["date"] == "2021-03-09" and data["date_text"] == "9 сакавіка 2021 г."
    assert data["caption"] == "Мост увечары пасля адкрыцця"
    kinds = [b["kind"] for b in data["blocks"]]
    assert kinds == [
        "title",
        "caption",
        "lead",
        "heading",
        "paragraph",
        "list-item",
        "list-item",
        "quote",
    ]
    heading = data["blocks"][3]
    assert heading["level"] == 2 and heading["text"] == "Што зменіцца для жыхароў"
    para = data["blocks"][4]
    assert "<b>" not in para["text"] and "дзесяць хвілін" in para["text"]
    assert "<strong>дзесяць хвілін</strong>" in para["html"]
    assert data["alternates"] == {
        "ru": "../ru/river-bridge.html",
        "en": "../en/river-bridge.html",
        "be-Latn": "../be-Latn/river-bridge.html",
    }
    assert data["coverage"] == 1.0
    assert data["provenance"] == {
        "approved": 12,  # 10 of the body and caption, the author and the picture's alt text
        "machine": 0,
        "missing": 0,
        "segments": 12,
        "origin": "approved",
    }
    assert data["description"].startswith("Новы пешаходны мост")
    source = json.loads((site / "dist" / "ru" / "river-bridge.json").read_text("utf-8"))
    assert source["provenance"]["origin"] == "source" and source["dateline"].startswith("ГОМЕЛЬ")


def test_index_lists_published_articles_newest_first(site: Path) -> None:
    index = (site / "dist" / "ru" / "index.html").read_text("utf-8")
    assert check_html5(index).errors == []
    bridge = index.index('href="river-bridge.html"')
    garden = index.index('href="school-garden.html"')
    assert bridge < garden  # 2021-03-09 before 2020-10-12
    assert "9 марта 2021 г." in index and "12 октября 2020 г." in index
    en_index = (site / "dist" / "en" / "index.html").read_text("utf-8")
    assert "river-bridge.html" in en_index and "school-garden" not in en_index


@pytest.mark.parametrize("lang", LANGS)
def test_atom_feed_is_valid(site: Path, lang: str) -> None:
    root = ET.parse(site / "dist" / lang / "feed.atom").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for child in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{child}") is not None, child
    entries = root.findall(f"{ATOM}entry")
    assert entries
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:transflow:") for i in ids)
    published = [e.findtext(f"{ATOM}published") for e in entries]
    assert published == sorted(published, reverse=True)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        assert entry.findtext(f"{ATOM}updated").endswith("Z")
        href = entry.find(f"{ATOM}link").get("href")
        assert (site / "dist" / lang / href).is_file()
    feed_updated = root.findtext(f"{ATOM}updated")
    assert feed_updated == max(e.findtext(f"{ATOM}updated") for e in entries)
