"""Tests for the HTML importer (trafilatura, offline) on pages written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from transflow.errors import SourceError
from transflow.source.importers import import_path, import_text
from transflow.source.importers.html import sniff

DATA = Path(__file__).parent / "data"


def test_english_page_keeps_bold_and_links_and_finds_caption() -> None:
    imported = import_path(DATA / "en_bakery.html")
    meta = imported.meta
    assert meta["title"] == "Grodno bakery doubles output"
    assert meta["lang"] == "en"
    assert meta["date"] == "2021-04-12"
    assert meta["place"] == "Grodno"
    assert meta["agency"] == "BelTA"
    assert meta["caption"] == "Photo by the bakery press office"
    assert meta["source_url"] == "https://example.by/en/economy/grodno-bakery-doubles-output.html"
    assert meta["slug"] == "grodno-bakery-doubles-output"
    paragraphs = imported.body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("A bakery in the western city of Grodno has **doubled**")
    assert "[its own shops](https://example.by/shops)" in paragraphs[1]
    assert paragraphs[2].startswith("“We hired thirty new workers this winter,”")
    assert "Copyright" not in imported.body
    assert "12 Apr 2021" not in imported.body


def test_russian_page_bold_dateline_and_date_in_body() -> None:
    imported = import_path(DATA / "ru_bold_dateline.html")
    meta = imported.meta
    assert meta["lang"] == "ru"
    assert meta["title"] == "В Бобруйске построят крытый каток"
    assert meta["date"] == "2021-05-20"
    assert (meta["place"], meta["agency"]) == ("Бобруйск", "БЕЛТА")
    assert meta["caption"] == ""
    # the URL ends in a numeric id only, so the slug comes from the title
    assert meta["slug"] == "v-bobruyske-postroyat-krytyy-katok"
    paragraphs = imported.body.split("\n\n")
    assert paragraphs[0].startswith("Крытый каток на тысячу зрителей")
    assert "*в июле*" in paragraphs[1]
    assert "Все права" not in imported.body


def test_belarusian_page_caption_from_class_and_language_detected() -> None:
    imported = import_path(DATA / "be_caption_div.html")
    meta = imported.meta
    assert meta["lang"] == "be"
    assert meta["date"] == "2021-08-02"
    assert meta["caption"] == "Фота Інстытута гісторыі"
    assert (meta["place"], meta["agency"]) == ("Мазыр", "БЕЛТА")
    assert imported.body.startswith("Археолагі знайшлі на беразе Прыпяці")
    assert "Фота Інстытута" not in imported.body
    assert "Галоўная" not in imported.body


def test_source_url_argument_wins_and_gives_the_slug() -> None:
    url = "https://example.by/en/economy/bakery-in-grodno-grows_i_0000127001.html"
    imported = import_path(DATA / "en_bakery.html", source_url=url)
    assert imported.meta["source_url"] == url
    assert imported.meta["slug"] == "bakery-in-grodno-grows"


def test_page_without_article_is_rejected() -> None:
    with pytest.raises(SourceError) as info:
        import_path(DATA / "empty_article.html", lang="en")
    assert info.value.path == str(DATA / "empty_article.html")


def test_sniff_html() -> None:
    assert sniff("<!DOCTYPE html>\n<html><body></body></html>")
    assert sniff("  <!-- saved page -->\n<html lang='en'>")
    assert not sniff("| Home | Economy | News\n\n9 Mar 2021\n")


def test_html_never_fetches_relative_links() -> None:
    page = (
        "<html><head><title>T</title></head><body><article><h1>Lida opens a rink</h1>"
        "<p>12 Jan 2022</p><p>LIDA, 12 January (BelTA) - The town opened an ice rink "
        "next to <a href='/en/sport'>the stadium</a> on Wednesday evening after a long wait.</p>"
        "<p>Skating is free for pupils on weekdays, the town council said in a statement.</p>"
        "</article></body></html>"
    )
    imported = import_text(page, "rink.html", lang="en")
    assert imported.meta["date"] == "2022-01-12"
    assert imported.meta["place"] == "Lida"
    assert imported.body.startswith("The town opened an ice rink")
