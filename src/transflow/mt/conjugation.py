"""Conjugation of Belarusian and Russian verbs by the infinitive's ending.

Part of `transflow.mt.paradigms`: the same tags in both languages (`inf`, `past.m|f|n|pl`,
`prs.1sg|3sg|1pl|3pl`, `ger.prs`, `ger.past`; the passive participle as `ppp.` plus an adjective
tag, its short forms as `pps.m|f|n|pl`), every likely form where the class cannot be told.
"""

from __future__ import annotations

from transflow.mt.declension import VOWELS as _VOWELS
from transflow.mt.declension import Paradigm, adjective
from transflow.mt.declension import add as _add

# ---------------------------------------------------------------- verbs


def verb(lemma: str, lang: str, participles: bool = True) -> Paradigm:
    """Forms of a verb given in the infinitive (a reflexive one with its -цца / -ся).

    A lemma may carry its present (or perfective future) third person singular after a `;`
    where the rules cannot tell it (be "абмеркаваць;абмяркуе", ru "обсудить;обсудит").
    """
    lemma, _, given = lemma.partition(";")
    refl = lemma.endswith(("цца", "ся", "сь"))
    if lang == "be":
        base = lemma[:-3] + "ць" if lemma.endswith("цца") else lemma
    else:
        base = lemma[:-2] if refl else lemma
    out = _verb_be(base, given) if lang == "be" else _verb_ru(base, given)
    if participles and not refl:
        (_participles_be if lang == "be" else _participles_ru)(out, base)
    if refl:
        out = {tag: [_reflexive(f, lang) for f in forms] for tag, forms in out.items()}
        out["inf"] = [lemma]
    return out


def _reflexive(form: str, lang: str) -> str:
    """A verb form with its reflexive ending (be -цца / -ся, ru -ся / -сь)."""
    if lang == "be":
        if form.endswith("ць"):
            return form[:-2] + "цца"
        if form.endswith("е"):
            return form + "цца"
        return form + "ся"
    if form.endswith(("ть", "ти", "чь")) or form[-1] not in _VOWELS:
        return form + "ся"
    return form + "сь"


def _present_be(base: str) -> list[tuple[str, str]]:
    """(3sg, 3pl) candidates of a Belarusian infinitive."""
    s = base[:-2]  # without -ць
    out: list[tuple[str, str]] = []
    if s.endswith(("дава", "става", "знава")):
        out.append((s[:-2] + "е", s[:-2] + "юць"))
    if s.endswith(("ава", "ява")) and len(s) > 4:
        u = "ю" if s.endswith("ява") or s[-4:-3] in "л" and s.endswith("ява") else "у"
        out.append((s[:-3] + u + "е", s[:-3] + u + "юць"))
    if s.endswith(("і", "ы")):
        out.append((s + "ць", s[:-1] + ("яць" if s.endswith("і") else "аць")))
        if s[-2:-1] in "жшчр" or s.endswith("ы"):
            out.append((s + "ць", s[:-1] + "аць"))
    if s.endswith(("а", "я")):
        out.append((s + "е", s + "юць"))
        out.append((s[:-1] + ("іць"), s[:-1] + ("аць" if s.endswith("а") else "яць")))
    if s.endswith(("е", "э")):
        out.append((s + "е", s + "юць"))
        out.append((s[:-1] + "іць", s[:-1] + "яць"))
    if s.endswith("у"):
        out.append((s + "е", s + "юць"))
    return out


def _present_ru(base: str) -> list[tuple[str, str]]:
    """(3sg, 3pl) candidates of a Russian infinitive."""
    s = base[:-2]
    out: list[tuple[str, str]] = []
    if s.endswith(("дава", "става", "знава")):
        out.append((s[:-2] + "ёт", s[:-2] + "ют"))
    if s.endswith(("ова", "ева")) and len(s) > 4:
        u = "ю" if s.endswith("ева") and s[-4:-3] not in "жшчщц" else "у"
        out.append((s[:-3] + u + "ет", s[:-3] + u + "ют"))
    if s.endswith("и"):
        last = s[-2:-1]
        out.append((s + "т", s[:-1] + ("ат" if last in "жшчщ" else "ят")))
    if s.endswith(("а", "я")):
        out.append((s + "ет", s + "ют"))
        sib = s[-2:-1] in "жшчщ"
        out.append((s[:-1] + "ит", s[:-1] + ("ат" if sib else "ят")))
    if s.endswith("е"):
        out.append((s + "ет", s + "ют"))
        out.append((s[:-1] + "ит", s[:-1] + "ят"))
    if s.endswith("у"):
        out.append((s + "ет", s + "ют"))
    return out


def _from_given_be(given: str) -> list[tuple[str, str]]:
    if given.endswith("іць") or given.endswith("ыць"):
        return [(given, given[:-3] + ("яць" if given.endswith("іць") else "аць"))]
    if given.endswith("ць"):  # -асць (дадасць): the third person plural is irregular
        return [(given, given)]
    if given[-2:-1] in _VOWELS:  # мае -> маюць, абмяркуе -> абмяркуюць
        return [(given, given[:-1] + "юць")]
    return [(given, given[:-1] + "уць"), (given, given[:-1] + "юць")]


def _from_given_ru(given: str) -> list[tuple[str, str]]:
    if given.endswith("ит"):
        stem = given[:-2]
        return [(given, stem + ("ат" if stem[-1:] in "жшчщ" else "ят"))]
    if given.endswith(("ет", "ёт")):
        stem = given[:-2]
        if stem[-1:] in _VOWELS:
            return [(given, stem + "ют")]
        return [(given, stem + "ут"), (given, stem + "ют")]
    return [(given, given)]


def _verb_be(base: str, given: str) -> Paradigm:
    out: Paradigm = {"inf": [base]}
    if base.endswith("ць"):
        s = base[:-2]
        _add(out, "past.m", s + "ў")
        _add(out, "past.f", s + "ла")
        _add(out, "past.n", s + "ло", s + "ла")
        _add(out, "past.pl", s + "лі")
        _add(out, "ger.past", s + "ўшы")
    elif base.endswith(("ці", "чы")):
        for m, rest in _past_ti_be(base, given):
            _add(out, "past.m", m)
            _add(out, "past.f", rest + "ла")
            _add(out, "past.n", rest + "ло", rest + "ла")
            _add(out, "past.pl", rest + "лі")
    pairs = _from_given_be(given) if given else _present_be(base)
    for sg3, pl3 in pairs:
        _add(out, "prs.3sg", sg3)
        _add(out, "prs.3pl", pl3)
        if sg3.endswith("е"):
            _add(out, "prs.1pl", sg3 + "м", sg3[:-1] + "ём")
            _add(out, "prs.1sg", sg3[:-1] + "ю", sg3[:-1] + "у")
        elif sg3.endswith("іць") or sg3.endswith("ыць"):
            _add(out, "prs.1pl", sg3[:-2] + "м")
            for stem in _mutated(sg3[:-3], "be"):
                _add(out, "prs.1sg", stem + "ю", stem + "у")
        if pl3.endswith("ць"):
            _add(out, "ger.prs", pl3[:-2] + "чы")
    return out


def _participles_be(out: Paradigm, base: str) -> None:
    """The passive participle of a Belarusian verb, long and short forms, into `out`."""
    if base.endswith("ць"):
        s = base[:-2]
        if s.endswith(("а", "я")):
            _ppp_be(out, s + "н")
        elif s.endswith(("і", "ы", "е", "э")):
            for stem in _mutated(s[:-1], "be"):
                # after a consonant that is always hard the vowel is а (вырашаны, выплачаны)
                _ppp_be(out, stem + ("ан" if stem[-1:] in "жшчр" else "ен"))
                i = stem.rfind("я")
                if i > 0:  # the stress moves: размясціць -> размешчаны
                    _ppp_be(
                        out,
                        stem[:i] + "е" + stem[i + 1 :] + ("ан" if stem[-1:] in "жшчр" else "ен"),
                    )
        elif s.endswith("ну"):
            _ppp_be(out, s + "т")


#: stem-final consonants before the -ен- of a passive participle (ru/be): labials take л,
#: dentals turn into hushing sounds; every variant is offered (the lexicon chooses)
_MUTATIONS = {
    "ru": {
        "б": "бл",
        "в": "вл",
        "м": "мл",
        "п": "пл",
        "ф": "фл",
        "д": "ж",
        "т": "ч",
        "з": "ж",
        "с": "ш",
        "ст": "щ",
    },
    "be": {
        "б": "бл",
        "в": "ўл",
        "м": "мл",
        "п": "пл",
        "ф": "фл",
        "дз": "дж",
        "ц": "ч",
        "з": "ж",
        "с": "ш",
        "ст": "шч",
        "сц": "шч",
    },
}


def _mutated(stem: str, lang: str) -> list[str]:
    """The stem as it is and with its final consonant mutated (направ -> направл)."""
    out = [stem]
    table = _MUTATIONS[lang]
    for end in sorted(table, key=len, reverse=True):
        if stem.endswith(end):
            out.append(stem[: -len(end)] + table[end])
            break
    if lang == "ru" and stem.endswith("д"):
        out.append(stem[:-1] + "жд")
    return out


def _past_ti_ru(base: str, given: str) -> list[tuple[str, str]]:
    """(masculine, stem of the other forms) of the past of a Russian verb in -ти or -чь.

    -йти verbs go like шёл (пройти: прошёл, прошла); the others take their stem from the
    present given with the lemma: поведёт -> повёл, повела; принесёт -> принёс, принесла;
    поможет -> помог, помогла; привлечёт -> привлёк, привлекла.
    """
    if base.endswith("йти"):
        head = base[:-3]
        return [(head + "шёл", head + "ш"), (head + "шел", head + "ш")]
    stem = given[:-2] if given.endswith(("ет", "ёт", "ит")) else base[:-2]
    if stem.endswith(("д", "т")):
        rest = stem[:-1]
        return [(_yo(rest) + "л", rest)]
    if stem.endswith(("ч", "ж")):
        rest = stem[:-1] + ("к" if stem.endswith("ч") else "г")
        return [(_yo(rest), rest)]
    return [(_yo(stem), stem)]


def _yo(stem: str) -> str:
    """The stem with its last е as ё (the stressed masculine past: вёл, нёс, привлёк)."""
    i = stem.rfind("е")
    return stem[:i] + "ё" + stem[i + 1 :] if i >= 0 else stem


def _past_ti_be(base: str, given: str) -> list[tuple[str, str]]:
    """(masculine, stem of the other forms) of the past of a Belarusian verb in -ці or -чы.

    -йсці verbs go like прайшоў, прайшла; the others take their stem from the present given
    with the lemma: правядзе -> правёў, правяла; перанясе -> перанёс, перанесла; -гчы verbs
    go like дапамог, дапамагла.
    """
    if base.endswith("йсці"):
        head = base[:-3]
        return [(head + "шоў", head + "ш"), (head + "шаў", head + "ш")]
    if base.endswith("гчы"):
        rest = base[:-3] + "г"
        i = rest.rfind("а")
        return [(rest[:i] + "о" + rest[i + 1 :] if i >= 0 else rest, rest)]
    stem = given[:-1] if given.endswith("е") else base[:-3]
    if stem.endswith(("дз", "ц")):
        rest = stem[:-2] if stem.endswith("дз") else stem[:-1]
        i = rest.rfind("я")
        m = rest[:i] + "ё" + rest[i + 1 :] if i >= 0 else rest
        return [(m + "ў", rest)]
    if stem.endswith(("с", "з")):
        i = stem.rfind("я")
        m = stem[:i] + "ё" + stem[i + 1 :] if i >= 0 else stem
        e = stem[:i] + "е" + stem[i + 1 :] if i >= 0 else stem
        return [(m, stem), (m, e)]
    return [(stem + "ў", stem)]


def _ppp_be(out: Paradigm, stem: str) -> None:
    for tag, forms in adjective(stem + "ы", "be").items():
        if tag.startswith("pps."):
            continue
        _add(out, "ppp." + tag, *forms)
    _add(out, "pps.m", stem + "ы")
    _add(out, "pps.f", stem + "а")
    _add(out, "pps.n", stem + "а")
    _add(out, "pps.pl", stem + "ы")


def _verb_ru(base: str, given: str) -> Paradigm:
    out: Paradigm = {"inf": [base]}
    if base.endswith("ть"):
        s = base[:-2]
        _add(out, "past.m", s + "л")
        _add(out, "past.f", s + "ла")
        _add(out, "past.n", s + "ло")
        _add(out, "past.pl", s + "ли")
        _add(out, "ger.past", s + "в", s + "вши")
    elif base.endswith(("ти", "чь")):
        for m, rest in _past_ti_ru(base, given):
            _add(out, "past.m", m)
            _add(out, "past.f", rest + "ла")
            _add(out, "past.n", rest + "ло")
            _add(out, "past.pl", rest + "ли")
    pairs = _from_given_ru(given) if given else _present_ru(base)
    for sg3, pl3 in pairs:
        _add(out, "prs.3sg", sg3)
        _add(out, "prs.3pl", pl3)
        if sg3.endswith(("ет", "ёт", "ит")):
            _add(out, "prs.1pl", sg3[:-1] + "м")
            for stem in _mutated(sg3[:-2], "ru"):
                _add(out, "prs.1sg", stem + "ю", stem + "у")
        if pl3.endswith(("ют", "ят")):
            _add(out, "ger.prs", pl3[:-2] + "я")
        elif pl3.endswith(("ут", "ат")):
            _add(out, "ger.prs", pl3[:-2] + "а")
    return out


def _participles_ru(out: Paradigm, base: str) -> None:
    """The passive participle of a Russian verb, long and short forms, into `out`."""
    if base.endswith("ть"):
        s = base[:-2]
        if s.endswith(("а", "я")):
            _ppp_ru(out, s + "нн", s + "н")
        elif s.endswith(("и", "е")):
            for stem in _mutated(s[:-1], "ru"):
                _ppp_ru(out, stem + "енн", stem + "ен")
                _ppp_ru(out, stem + "ённ", stem + "ён")
        elif s.endswith("ну"):
            _ppp_ru(out, s + "т", s + "т")


def _ppp_ru(out: Paradigm, long: str, short: str) -> None:
    for tag, forms in adjective(long + "ый", "ru").items():
        if tag.startswith("pps."):
            continue
        _add(out, "ppp." + tag, *forms)
    rest = short.replace("ё", "е")  # утверждён, but утверждена
    _add(out, "pps.m", short)
    _add(out, "pps.f", rest + "а")
    _add(out, "pps.n", rest + "о")
    _add(out, "pps.pl", rest + "ы")
