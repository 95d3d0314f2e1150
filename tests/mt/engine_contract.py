"""The shared test class every MT engine must pass; subclasses provide `engine` and `pair`."""

from __future__ import annotations

import re

import pytest

from transflow.errors import UnsupportedPair
from transflow.mt.base import Draft, Engine

#: short news-style sentences written for these tests, one list per source language
SENTENCES = {
    "ru": [
        "В районе построили новую школу на 300 мест.",
        "Погода в субботу будет тёплой.",
        "Завод выпустил 120 тракторов за месяц.",
        "Фермеры начали сев ячменя.",
        "Команда выиграла матч со счётом 3:1.",
    ],
    "be": [
        "У раёне пабудавалі новую школу на 300 месцаў.",
        "Надвор'е ў суботу будзе цёплым.",
        "Завод выпусціў 120 трактароў за месяц.",
        "Фермеры пачалі сяўбу ячменю.",
        "Каманда выйграла матч з лікам 3:1.",
    ],
    "en": [
        "A new school for 300 pupils was built in the district.",
        "The weather on Saturday will be warm.",
        "The plant made 120 tractors in a month.",
        "Farmers have started sowing barley.",
        "The team won the match 3:1.",
    ],
}
MARKUP = {
    "ru": "Новый <b>мост</b> открыли в <a1>городе</a1> <c1/> вчера.",
    "be": "Новы <b>мост</b> адкрылі ў <a1>горадзе</a1> <c1/> учора.",
    "en": "A new <b>bridge</b> opened in the <a1>town</a1> <c1/> yesterday.",
}


class EngineContract:
    """Tests any engine must pass. Subclasses define fixtures `engine` and `pair` (src, tgt)."""

    unsupported = ("xx", "yy")

    def _numbered(self, src: str) -> list[str]:
        return [f"{s[:-1]} {1000 + i}." for i, s in enumerate(SENTENCES[src] * 3)]

    def test_n_in_n_out_in_order(self, engine: Engine, pair: tuple[str, str]) -> None:
        texts = self._numbered(pair[0])
        out = engine.translate_batch(texts, *pair)
        assert len(out) == len(texts)
        for i, text in enumerate(out):
            assert text is not None and str(1000 + i) in text, (i, text)

    def test_empty_stays_empty(self, engine: Engine, pair: tuple[str, str]) -> None:
        texts = ["", SENTENCES[pair[0]][0], ""]
        out = engine.translate_batch(texts, *pair)
        assert out[0] == "" and out[2] == ""
        assert out[1]

    def test_empty_batch(self, engine: Engine, pair: tuple[str, str]) -> None:
        assert engine.translate_batch([], *pair) == []

    def test_unsupported_pair_raises(self, engine: Engine) -> None:
        with pytest.raises(UnsupportedPair):
            engine.translate_batch(["x"], *self.unsupported)

    def test_placeholders_kept(self, engine: Engine, pair: tuple[str, str]) -> None:
        out = engine.translate_batch([MARKUP[pair[0]]], *pair)[0]
        assert out is not None
        tags = re.findall(r"</?[a-z0-9]+/?>", out)
        assert sorted(tags) == sorted(["<b>", "</b>", "<a1>", "</a1>", "<c1/>"])

    def test_numbers_kept(self, engine: Engine, pair: tuple[str, str]) -> None:
        text = SENTENCES[pair[0]][2]
        out = engine.translate_batch([text], *pair)[0]
        assert out is not None and "120" in out

    def test_drafts_name_the_engine(self, engine: Engine, pair: tuple[str, str]) -> None:
        drafts = engine.translate_drafts(SENTENCES[pair[0]][:2], *pair)
        assert all(isinstance(d, Draft) and d.engine for d in drafts)
        assert all(isinstance(d.unknown_words, list) for d in drafts if d)

    def test_close_twice_is_safe(self, engine: Engine, pair: tuple[str, str]) -> None:
        engine.translate_batch([SENTENCES[pair[0]][0]], *pair)
        engine.close()
        engine.close()
        assert len(engine.translate_batch([SENTENCES[pair[0]][1]], *pair)) == 1
