"""Tests for the portal text importer: the seed page and pages written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import SEED_PAGE
from transflow.errors import SourceError
from transflow.source.importers import import_path, import_text
from transflow.source.importers.portal_text import parse_page, sniff

DATA = Path(__file__).parent / "data"
SEED = SEED_PAGE
CHROME = ("Official Website", "| Home", "Archive", "Su Mo Tu", "Great Patriotic War", "Souvenirs")


def test_seed_page_every_field() -> None:
    imported = import_path(SEED)
    meta = imported.meta
    title = (
        "Belarusian minister urges not to mix international cooperation in criminal matters "
        "and politics"
    )
    assert meta["title"] == title
    assert meta["lang"] == "en"
    assert meta["date"] == "2021-03-09"
    assert meta["place"] == "Minsk"
    assert meta["agency"] == "BelTA"
    assert meta["caption"] == "An archive photo"
    assert meta["source_url"] == ""
    assert meta["slug"] == "belarusian-minister-urges-not-to-mix-international"
    paragraphs = imported.body.split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("The 14th UN Congress on Crime Prevention")
    assert "Belarus’ Minister of Internal Affairs" in paragraphs[0]
    assert paragraphs[1].startswith("“We stress the importance")
    assert paragraphs[1].endswith("said Ivan Kubrakov in his video message.")
    assert "community,” Ivan Kubrakov stressed." in paragraphs[3]
    assert paragraphs[-1].startswith("The congress will also adopt the Kyoto Declaration")
    assert title not in imported.body
    assert "An archive photo" not in imported.body
    assert "9 Mar 2021" not in imported.body
    assert "MINSK" not in imported.body
    for chrome in CHROME:
        assert chrome not in imported.body
    assert "\n\nEvents\n\n" not in imported.body


CASES = {
    "en_economy_single_title.txt": dict(
        lang="en",
        title="Gomel glassworks ships its first batch of solar panel glass to Poland",
        date="2021-04-14",
        place="Gomel",
        agency="BelTA",
        caption="",
        first="The glassworks near Gomel has sent",
        paragraphs=3,
    ),
    "en_society_double_title_photo_by.txt": dict(
        lang="en",
        title="Brest rowing school opens a new boathouse on the Mukhavets",
        date="2021-09-22",
        place="Brest",
        agency="BelTA",
        caption="Photo by Alena Sidarenka",
        first="A new two-storey boathouse opened",
        paragraphs=3,
    ),
    "en_courtesy_no_dateline.txt": dict(
        lang="en",
        title="Vitebsk hosts an open-air exhibition of wooden sculpture",
        date="2021-07-03",
        place="",
        agency="",
        caption="Photo courtesy of the Vitebsk Regional Executive Committee",
        first="Twelve carvers from four countries",
        paragraphs=2,
    ),
    "en_crlf_new_york.txt": dict(
        lang="en",
        title="Belarusian envoy speaks at a UN debate on water",
        date="2021-03-25",
        place="New York",
        agency="BelTA",
        caption="",
        first="The Belarusian envoy to the United Nations",
        paragraphs=2,
    ),
    "ru_events_double_title.txt": dict(
        lang="ru",
        title="Минские трамваи перейдут на новое расписание с весны",
        date="2021-03-09",
        place="Минск",
        agency="БЕЛТА",
        caption="Архивное фото",
        first="С первого апреля трамваи",
        paragraphs=3,
    ),
    "ru_economy_numeric_date.txt": dict(
        lang="ru",
        title="Молочный комбинат в Лиде увеличил выпуск сыров на треть",
        date="2021-06-15",
        place="Лида",
        agency="БЕЛТА",
        caption="",
        first="Молочный комбинат в Лиде за пять месяцев",
        paragraphs=2,
    ),
    "be_society_caption.txt": dict(
        lang="be",
        title="У Мінску адкрылася новая бібліятэка для дзяцей",
        date="2021-03-09",
        place="Мінск",
        agency="БЕЛТА",
        caption="Фота з архіва",
        first="Новая дзіцячая бібліятэка",
        paragraphs=3,
    ),
    "be_culture_no_dateline.txt": dict(
        lang="be",
        title="На Нясвіжскім замку аднавілі старадаўні гадзіннік",
        date="2021-07-12",
        place="",
        agency="",
        caption="",
        first="Майстры з Гродна",
        paragraphs=2,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_written_pages(name: str) -> None:
    want = CASES[name]
    imported = import_path(DATA / name)
    for key in ("lang", "title", "date", "place", "agency", "caption"):
        assert imported.meta[key] == want[key], key
    paragraphs = imported.body.split("\n\n")
    assert len(paragraphs) == want["paragraphs"]
    assert paragraphs[0].startswith(want["first"])
    assert want["title"] not in imported.body
    for chrome in ("|", "Archive", "Архив", "Архіў", "Su Mo", "Пн ", "\r"):
        assert chrome not in imported.body


def test_language_given_is_kept_and_typography_survives() -> None:
    imported = import_path(DATA / "en_economy_single_title.txt", lang="en")
    assert "plant’s sales director" in imported.body
    assert "“Our engineers tuned the furnace themselves,”" in imported.body


def test_belarusian_apostrophe_survives() -> None:
    imported = import_path(DATA / "be_culture_no_dateline.txt")
    assert "б’е кожную гадзіну" in imported.body


def test_slug_is_transliterated_from_cyrillic_title() -> None:
    assert import_path(DATA / "be_society_caption.txt").meta["slug"] == (
        "u-minsku-adkrylasya-novaya-bibliyateka-dlya-dzyatsey"
    )
    assert import_path(DATA / "ru_events_double_title.txt").meta["slug"] == (
        "minskie-tramvai-pereydut-na-novoe-raspisanie-s-vesny"
    )


def test_page_without_footer_still_imports() -> None:
    text = (
        "Portal\n| Home | Society | News\n\nNews\n\n5 May 2021\n\nA park opens in Pinsk\n\n"
        "PINSK, 5 May (BelTA) - A park with a pond and a playground opened in Pinsk today.\n\n"
        "The town spent two years on it.\n"
    )
    imported = import_text(text, "page.txt", lang="en")
    assert imported.meta["place"] == "Pinsk"
    assert imported.meta["caption"] == ""
    assert imported.body.split("\n\n") == [
        "A park with a pond and a playground opened in Pinsk today.",
        "The town spent two years on it.",
    ]


def test_markdown_characters_in_text_are_escaped() -> None:
    text = (
        "| Home | Economy | News\n\nNews\n\n5 May 2021\n\nPrices of *all* kinds\n\n"
        "- Prices rose by 2% [in] May, the office said.\n\n1. Second line.\n\n"
        "Archive\nSu Mo Tu We Th Fr Sa\n"
    )
    meta, paragraphs = parse_page(text, "page.txt")
    assert paragraphs[0] == "- Prices rose by 2% [in] May, the office said."
    body = import_text(text, "page.txt", lang="en").body
    assert body.split("\n\n") == [
        r"\- Prices rose by 2% \[in\] May, the office said.",
        r"1\. Second line.",
    ]
    assert meta["title"] == "Prices of *all* kinds"


def test_sniff() -> None:
    assert sniff(SEED.read_text(encoding="utf-8"))
    assert not sniff("Shopping list\nmilk\n")
    assert not sniff("<html><body><p>9 Mar 2021</p></body></html>")


def test_page_with_only_a_title_is_rejected() -> None:
    text = (
        "| Home | Economy | News\n\nNews\n\n5 May 2021\n\nA lonely title\n\n"
        "Archive\nSu Mo Tu We Th Fr Sa\n"
    )
    with pytest.raises(SourceError, match="no article text") as info:
        import_text(text, "lonely.txt", lang="en")
    assert info.value.path == "lonely.txt"
    assert info.value.line == 7


def test_page_without_date_line_is_unrecognised() -> None:
    text = "| Home | Economy | News\n\nNews\n\nA title\n\nSome text.\n"
    with pytest.raises(SourceError, match="unrecognised"):
        import_text(text, "nodate.txt", lang="en")


def test_no_break_spaces_survive_and_dash_may_touch_the_text() -> None:
    text = (
        "| Главная | Экономика | Новости\n\nНовости\n\n1 апр 2021\n\n"
        "Завод выпустил 7\u00a0000 тракторов\n\n"
        "МИНСК, 1 апреля (БЕЛТА) –Завод выпустил 7\u00a0000 тракторов за квартал, "
        "сообщили в г.\u00a0Минске.\n\n"
        "Это на треть больше, чем год назад.\n\nАрхив\nПн Вт Ср Чт Пт Сб Вс\n"
    )
    imported = import_text(text, "nbsp.txt")
    assert imported.meta["title"] == "Завод выпустил 7\u00a0000 тракторов"
    assert imported.meta["place"] == "Минск"
    assert imported.body.startswith("Завод выпустил 7\u00a0000 тракторов за квартал")
    assert "г.\u00a0Минске" in imported.body
