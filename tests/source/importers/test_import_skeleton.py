"""Portal pages assembled from the skeleton's parts in every combination must import the same."""

from __future__ import annotations

import itertools

import pytest

from transflow.source.importers import import_text

EDITIONS = {
    "en": dict(
        menu=["Official Website of the Republic of Belarus", "Economy", "Regions of Belarus"],
        crumb="| Home | Economy | News",
        section="News",
        dates=["17 Nov 2021", "17.11.2021"],
        title="Orsha flax mill starts a second shift",
        caption="Photo courtesy of the mill",
        dateline="ORSHA, 17 November (BelTA) {dash} ",
        place="Orsha",
        agency="BelTA",
        body=[
            "The flax mill in Orsha has hired eighty more weavers and now works in two shifts.",
            "Most of the linen goes to clothing makers in Belarus and Russia.",
        ],
        footer=["Archive", "Su Mo Tu We Th Fr Sa", "Rivers and lakes"],
    ),
    "ru": dict(
        menu=["Официальный сайт Республики Беларусь", "Экономика", "Регионы Беларуси"],
        crumb="| Главная | Экономика | Новости",
        section="Новости",
        dates=["17 ноя 2021", "17.11.2021"],
        title="Оршанский льнокомбинат перешел на работу в две смены",
        caption="Фото предоставлено комбинатом",
        dateline="ОРША, 17 ноября (БЕЛТА) {dash} ",
        place="Орша",
        agency="БЕЛТА",
        body=[
            "Льнокомбинат в Орше принял на работу еще восемьдесят ткачей и теперь работает в "
            "две смены.",
            "Большая часть полотна уходит швейным фабрикам Беларуси и России.",
        ],
        footer=["Архив", "Пн Вт Ср Чт Пт Сб Вс", "Реки и озера"],
    ),
    "be": dict(
        menu=["Афіцыйны сайт Рэспублікі Беларусь", "Эканоміка", "Рэгіёны Беларусі"],
        crumb="| Галоўная | Эканоміка | Навіны",
        section="Навіны",
        dates=["17 ліс 2021", "17.11.2021"],
        title="Аршанскі льнокамбінат перайшоў на працу ў дзве змены",
        caption="Фота прадастаўлена камбінатам",
        dateline="ОРША, 17 лістапада (БЕЛТА) {dash} ",
        place="Орша",
        agency="БЕЛТА",
        body=[
            "Льнокамбінат у Оршы ўзяў на працу яшчэ восемдзесят ткачоў і цяпер працуе ў дзве "
            "змены.",
            "Большая частка палатна ідзе да швейных фабрык Беларусі і Расіі.",
        ],
        footer=["Архіў", "Пн Аў Ср Чц Пт Сб Нд", "Рэкі і азёры"],
    ),
}
COMBOS = list(
    itertools.product(
        sorted(EDITIONS), (1, 2), (True, False), "-–—", (0, 1), (True, False), (True, False)
    )
)


def build(lang, titles, caption, dash, date_form, footer, dateline) -> str:
    """Assemble one page of the portal's text layout."""
    ed = EDITIONS[lang]
    lines = [*ed["menu"], ed["crumb"], "", ed["section"], "", ed["dates"][date_form], ""]
    lines += [ed["title"]] + ([""] + [ed["title"]] if titles == 2 else [])
    if caption:
        lines.append(ed["caption"])
    lines.append("")
    first = (ed["dateline"].format(dash=dash) if dateline else "") + ed["body"][0]
    for paragraph in [first, *ed["body"][1:]]:
        lines += [paragraph, ""]
    if footer:
        lines += ed["footer"]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("lang", "titles", "caption", "dash", "date_form", "footer", "dateline"), COMBOS
)
def test_skeleton_combinations(lang, titles, caption, dash, date_form, footer, dateline) -> None:
    ed = EDITIONS[lang]
    page = build(lang, titles, caption, dash, date_form, footer, dateline)
    imported = import_text(page, f"{lang}.txt", lang=lang)
    meta = imported.meta
    assert meta["title"] == ed["title"]
    assert meta["date"] == "2021-11-17"
    assert meta["caption"] == (ed["caption"] if caption else "")
    assert (meta["place"], meta["agency"]) == (
        (ed["place"], ed["agency"]) if dateline else ("", "")
    )
    assert imported.body.split("\n\n") == ed["body"]


@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_skeleton_language_is_detected(lang: str) -> None:
    page = build(lang, 2, True, "–", 0, True, True)
    assert import_text(page, f"{lang}.txt").meta["lang"] == lang
