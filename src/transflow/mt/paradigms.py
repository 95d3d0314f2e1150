"""Inflected forms of Belarusian and Russian lemmas by the lemma's ending, with shared tags.

`paradigm(pos, lemma, lang)` gives, for each grammatical tag, the forms the lemma may take there,
most likely first. The two languages use the same tags, so a form of a Belarusian lemma and
the form of its Russian counterpart under the same tag translate each other (be "паведаміла"
and ru "сообщила" are both `past.f`). The rules follow the regular declension and conjugation
classes; where the class cannot be told from the lemma (a fleeting vowel, a stem consonant that
alternates, the first or second conjugation) every likely form is given, and the caller keeps
the ones a lexicon knows. Irregular forms are listed as word pairs in the supplement instead.

Tags: nouns `sg.nom` ... `pl.loc`; adjectives `m.nom`, `f.gen`, `n.nom`, `pl.ins` ...; verbs
`inf`, `past.m|f|n|pl`, `prs.1sg|3sg|1pl|3pl`, `ger.prs`, `ger.past`, and the passive participle
as `ppp.` plus an adjective tag, its short forms as `pps.m|f|n|pl`.
"""

from __future__ import annotations

import re
from functools import lru_cache

Paradigm = dict[str, list[str]]

CASES = ("nom", "gen", "dat", "acc", "ins", "loc")
_VOWELS = "аеёиіоуўыэюя"
#: the part of speech codes of the supplement and what they name
POS = {"n": "noun", "adj": "adjective", "v": "verb", "w": "fixed word (no inflection)"}


def _add(out: Paradigm, tag: str, *forms: str) -> None:
    """Append forms to a tag, once each, skipping empty ones."""
    have = out.setdefault(tag, [])
    for form in forms:
        if form and form not in have:
            have.append(form)


def paradigm(pos: str, lemma: str, lang: str, participles: bool = True) -> Paradigm:
    """The forms of `lemma` (be or ru) per tag; a `w` entry is its one form under tag `w`.

    participles=False leaves out a verb's passive participles (`ppp.`, `pps.`), most of its
    forms: a lookup needs them only for a word that ends like one (`looks_like_participle`).
    """
    return dict(_paradigm(pos, lemma, lang, participles))


#: endings of passive participles and the adjectives made from them, long and short forms
_PARTICIPLE_END = {
    "be": re.compile(r"[нт](?:ы|ая|ае|ыя|ага|аму|ай|ую|аю|ым|ых|ымі|а)$"),
    "ru": re.compile(r"(?:нн|т)(?:ый|ая|ое|ые|ого|ому|ой|ую|ою|ым|ых|ыми|ом)$|[нт][аоы]?$"),
}


def looks_like_participle(word: str, lang: str) -> bool:
    """True when the (lower-case) word ends like a passive participle of `lang`."""
    rx = _PARTICIPLE_END.get(lang)
    return bool(rx and rx.search(word))


@lru_cache(maxsize=4096)
def _paradigm(
    pos: str, lemma: str, lang: str, participles: bool = True
) -> tuple[tuple[str, list[str]], ...]:
    if pos == "w":
        out: Paradigm = {"w": [lemma]}
    elif pos == "n":
        out = noun(lemma, lang)
    elif pos == "adj":
        out = adjective(lemma, lang)
    elif pos == "v":
        out = verb(lemma, lang, participles)
    else:
        raise ValueError(f"unknown part of speech {pos!r}")
    return tuple(out.items())


# ---------------------------------------------------------------- adjectives


def adjective(lemma: str, lang: str) -> Paradigm:
    """Forms of an adjective (or a full participle) given in the masculine nominative."""
    out: Paradigm = {}
    if lang == "be":
        if lemma.endswith(("ы", "і")):
            stem, soft = lemma[:-1], lemma.endswith("і") and lemma[-2] not in "гкх"
        else:
            return {"m.nom": [lemma]}
        y, a = ("і", "я") if soft else ("ы", "а")
        if not soft and stem[-1:] in "гкх":
            y = "і"
        e = "я" if soft else "а"
        _add(out, "m.nom", stem + y)
        _add(out, "m.gen", stem + e + "га")
        _add(out, "m.dat", stem + e + "му")
        _add(out, "m.acc", stem + y, stem + e + "га")
        _add(out, "m.ins", stem + y + "м")
        _add(out, "m.loc", stem + y + "м")
        _add(out, "f.nom", stem + a + "я")
        _add(out, "f.gen", stem + e + "й")
        _add(out, "f.dat", stem + e + "й")
        _add(out, "f.acc", stem + ("юю" if soft else "ую"))
        _add(out, "f.ins", stem + e + "й", stem + ("яю" if soft else "аю"))
        _add(out, "f.loc", stem + e + "й")
        _add(out, "n.nom", stem + e + "е")
        _add(out, "pl.nom", stem + y + "я")
        _add(out, "pl.gen", stem + y + "х")
        _add(out, "pl.dat", stem + y + "м")
        _add(out, "pl.acc", stem + y + "я", stem + y + "х")
        _add(out, "pl.ins", stem + y + "мі")
        _add(out, "pl.loc", stem + y + "х")
        _add(out, "pps.f", stem + "а")
        _add(out, "pps.n", stem + "а")
        return out
    if not lemma.endswith(("ый", "ий", "ой")):
        return {"m.nom": [lemma]}
    stem = lemma[:-2]
    last = stem[-1:]
    soft = lemma.endswith("ий") and last not in "гкхжшчщ"
    sib = last in "жшчщц"
    y = "и" if (soft or last in "гкхжшчщ") else "ы"
    o = "е" if (soft or sib) and not lemma.endswith("ой") else "о"
    _add(out, "m.nom", lemma)
    _add(out, "m.gen", stem + o + "го")
    _add(out, "m.dat", stem + o + "му")
    _add(out, "m.acc", lemma, stem + o + "го")
    _add(out, "m.ins", stem + y + "м")
    _add(out, "m.loc", stem + o + "м")
    _add(out, "f.nom", stem + ("яя" if soft else "ая"))
    _add(out, "f.gen", stem + o + "й")
    _add(out, "f.dat", stem + o + "й")
    _add(out, "f.acc", stem + ("юю" if soft else "ую"))
    _add(out, "f.ins", stem + o + "й", stem + o + "ю")
    _add(out, "f.loc", stem + o + "й")
    _add(out, "n.nom", stem + o + "е")
    _add(out, "pl.nom", stem + y + "е")
    _add(out, "pl.gen", stem + y + "х")
    _add(out, "pl.dat", stem + y + "м")
    _add(out, "pl.acc", stem + y + "е", stem + y + "х")
    _add(out, "pl.ins", stem + y + "ми")
    _add(out, "pl.loc", stem + y + "х")
    if lemma.endswith("ый"):  # short forms: заинтересован, -а, -о, -ы
        short = stem[:-1] if stem.endswith("нн") else stem
        _add(out, "pps.m", short)
        _add(out, "pps.f", short + "а")
        _add(out, "pps.n", short + "о")
        _add(out, "pps.pl", short + "ы")
    return out


# ---------------------------------------------------------------- nouns

#: Belarusian stem-final consonants before the dative/locative -е: к -> ц, г -> з, х -> с ...
_BE_LOC = {"к": "ц", "г": "з", "х": "с", "д": "дз", "т": "ц"}


def _fleeting(stem: str) -> list[str]:
    """The stem, and the stem without a vowel before its last consonant (рынак -> рынк)."""
    out = [stem]
    if len(stem) > 3 and stem[-2] in "аоеэё" and stem[-1] not in _VOWELS:
        out.append(stem[:-2] + stem[-1])
        if stem[-3] == "в" and stem[-4] in _VOWELS:  # be спажывец -> спажыўца
            out.append(stem[:-3] + "ў" + stem[-1])
    return out


def _inserted(stem: str, lang: str) -> list[str]:
    """Genitive plural stems with a vowel put between two final consonants (выставк -> выставак)."""
    if len(stem) < 3 or stem[-1] in _VOWELS or stem[-2] in _VOWELS:
        return [stem]
    fills = ("а", "о", "е", "э") if lang == "be" else ("о", "е", "ё")
    return [stem] + [stem[:-1] + v + stem[-1] for v in fills]


def noun(lemma: str, lang: str) -> Paradigm:
    """Forms of a noun given in the nominative singular.

    A mark after a colon tells what the ending cannot: `:f` a feminine noun in -ь (ru
    "область:f"; Belarusian -сць and Russian -ость are found without it), `:pl` a noun
    given in the plural that has no singular (ru "средства:pl"), `:adj` a noun declined as an
    adjective (ru "учёный:adj").
    """
    lemma, _, mark = lemma.partition(":")
    if mark == "adj":
        gender = "f" if lemma.endswith(("ая", "яя")) else "m"
        out: Paradigm = {}
        for tag, forms in adjective(lemma, lang).items():
            if tag.startswith(gender + "."):
                out["sg." + tag[2:]] = forms
            elif tag.startswith("pl."):
                out[tag] = forms
        return out
    if mark == "pl":
        return _plural_only(lemma, lang)
    fem = mark == "f" or lemma.endswith(("сць", "ость", "есть"))
    if fem and lemma.endswith("ь"):
        return _fem_soft(lemma, lang)
    return _noun_be(lemma) if lang == "be" else _noun_ru(lemma)


def _plural_only(w: str, lang: str) -> Paradigm:
    """A noun with plural forms only, given in the nominative plural."""
    out: Paradigm = {}
    stem = w[:-1]
    if lang == "be":
        _add(out, "pl.nom", w)
        _add(out, "pl.gen", stem + "аў", stem + "яў", *_inserted(stem, "be"))
        _add(out, "pl.dat", stem + "ам", stem + "ям")
        _add(out, "pl.acc", w)
        _add(out, "pl.ins", stem + "амі", stem + "ямі")
        _add(out, "pl.loc", stem + "ах", stem + "ях")
        return out
    _add(out, "pl.nom", w)
    _add(out, "pl.gen", stem + "ов", stem + "ей", *_inserted(stem, "ru"))
    _add(out, "pl.dat", stem + "ам", stem + "ям")
    _add(out, "pl.acc", w)
    _add(out, "pl.ins", stem + "ами", stem + "ями")
    _add(out, "pl.loc", stem + "ах", stem + "ях")
    return out


def _fem_soft(w: str, lang: str) -> Paradigm:
    """A feminine noun in -ь (be вобласць, ru область)."""
    out: Paradigm = {}
    stem = w[:-1]
    i = "і" if lang == "be" else "и"
    _add(out, "sg.nom", w)
    _add(out, "sg.gen", stem + i)
    _add(out, "sg.dat", stem + i)
    _add(out, "sg.acc", w)
    if lang == "be":
        doubled = stem[:-1] + stem[-1] * 2 if stem[-1:] not in "ц" else stem[:-1] + "цц"
        _add(out, "sg.ins", stem + "ю", doubled + "ю", stem[:-1] + "ццю")
    else:
        _add(out, "sg.ins", stem + "ью")
    _add(out, "sg.loc", stem + i)
    _add(out, "pl.nom", stem + i)
    _add(out, "pl.gen", stem + "ей")
    _add(out, "pl.dat", stem + ("ям" if lang == "be" or stem[-1:] not in "жшчщ" else "ам"))
    _add(out, "pl.acc", stem + i)
    _add(out, "pl.ins", stem + ("ямі" if lang == "be" else "ями"), stem + "ами")
    _add(out, "pl.loc", stem + ("ях" if lang == "be" else "ях"), stem + "ах")
    return out


def _noun_be(w: str) -> Paradigm:
    out: Paradigm = {}
    last = w[-1:]
    if w.endswith(("ства", "цтва", "зтва")):  # neuter with an unstressed -а
        return _noun_be(w[:-1] + "о")
    if last in "ая":  # feminine (and a few masculine) -а/-я
        stem, soft = w[:-1], last == "я"
        c = stem[-1:]
        hard_i = c in "гкх"
        y = "і" if soft or hard_i else "ы"
        if soft:
            dat = [stem + "і"]
        elif c in "жшчрц":
            dat = [stem + "ы"]
        elif c == "к":
            dat = [stem[:-1] + "цы"]
        else:
            dat = [stem[:-1] + _BE_LOC[c] + "е" if c in _BE_LOC else stem + "е"]
        _add(out, "sg.nom", w)
        _add(out, "sg.gen", stem + y)
        _add(out, "sg.dat", *dat)
        _add(out, "sg.acc", stem + ("ю" if soft else "у"))
        _add(out, "sg.ins", stem + ("яй" if soft else "ай"), stem + ("ёй" if soft else "ой"))
        if c == "ц" or w[:1].isupper():  # masculine -а nouns: навукоўцам, Мікітам
            _add(out, "sg.ins", stem + "ам")
        _add(out, "sg.loc", *dat)
        _add(out, "pl.nom", stem + y)
        gen = [stem + "й"] if stem[-1:] in "іы" else _inserted(stem, "be")
        _add(out, "pl.gen", *gen, stem + ("яў" if soft else "аў"), stem + "ь")
        _add(out, "pl.gen", stem + ("ёў" if soft else "оў"))
        _add(out, "pl.dat", stem + ("ям" if soft else "ам"))
        _add(out, "pl.acc", stem + y)
        _add(out, "pl.ins", stem + ("ямі" if soft else "амі"))
        _add(out, "pl.loc", stem + ("ях" if soft else "ах"))
        return out
    if last in "оеё" or w.endswith(("нне", "цце", "ддзе", "лле", "сце", "ззе", "жжа")):
        stem = w[:-1]
        soft = last in "её"
        _add(out, "sg.nom", w)
        _add(out, "sg.gen", stem + ("я" if soft else "а"))
        _add(out, "sg.dat", stem + ("ю" if soft else "у"))
        _add(out, "sg.acc", w)
        _add(out, "sg.ins", stem + ("ем" if soft else "ам"), stem + ("ём" if soft else "ом"))
        c = stem[-1:]
        loc = [stem[:-1] + _BE_LOC[c] + "е" if c in _BE_LOC else stem + "е"]
        if soft:
            loc = [stem + "і"]
        _add(out, "sg.loc", *loc, stem + "у")
        _add(out, "pl.nom", stem + ("і" if soft else "ы"), stem + ("і" if c in "гкх" else "ы"))
        _add(out, "pl.gen", stem + ("яў" if soft else "аў"), *_inserted(stem, "be"))
        _add(out, "pl.dat", stem + ("ям" if soft else "ам"))
        _add(out, "pl.acc", *out["pl.nom"])
        _add(out, "pl.ins", stem + ("ямі" if soft else "амі"))
        _add(out, "pl.loc", stem + ("ях" if soft else "ах"))
        return out
    if last == "ы" or last == "і":  # plural-only noun given in the plural (грошы, выбары)
        stem = w[:-1]
        _add(out, "pl.nom", w)
        _add(out, "pl.gen", stem + "аў", stem + "яў", stem)
        _add(out, "pl.dat", stem + "ам", stem + "ям")
        _add(out, "pl.acc", w)
        _add(out, "pl.ins", stem + "амі", stem + "ямі")
        _add(out, "pl.loc", stem + "ах", stem + "ях")
        return out
    # masculine: hard or soft consonant, -ь, -й
    if last in "ьй":
        stems, soft = [w[:-1]], True
        if w.endswith(("ень", "ель")) and len(w) > 4:  # узровень -> узроўня, рубель -> рубля
            stems.append(w[:-3] + w[-2])
            if w[-4] == "в":
                stems.append(w[:-4] + "ў" + w[-2])
    else:
        stems, soft = _fleeting(w), w[-1] in "ь"
    soft = soft or last in "ьй"
    c = w[-2] if last in "ьй" else w[-1]
    _add(out, "sg.nom", w)
    _add(out, "sg.acc", w)
    for s in stems:
        if soft:
            _add(out, "sg.gen", s + "я", s + "ю")
            _add(out, "sg.dat", s + "ю")
            _add(out, "sg.acc", s + "я")
            _add(out, "sg.ins", s + "ем", s + "ём")
            _add(out, "sg.loc", s + "і", s + "ю")
            _add(out, "pl.nom", s + "і")
            _add(out, "pl.gen", s + "яў", s + "ёў", s + "ей")
            _add(out, "pl.dat", s + "ям")
            _add(out, "pl.acc", s + "і", s + "яў")
            _add(out, "pl.ins", s + "ямі")
            _add(out, "pl.loc", s + "ях")
            continue
        hard_i = c in "гкх"
        y = "і" if hard_i else "ы"
        _add(out, "sg.gen", s + "а", s + "у")
        _add(out, "sg.dat", s + "у")
        _add(out, "sg.acc", s + "а")
        _add(out, "sg.ins", s + "ам", s + "ом")
        loc = s + "у" if hard_i else (s[:-1] + _BE_LOC[c] + "е" if c in _BE_LOC else s + "е")
        _add(out, "sg.loc", loc, s + "у", s + "ы")
        _add(out, "pl.nom", s + y)
        _add(out, "pl.gen", s + "аў", s + "оў")
        _add(out, "pl.dat", s + "ам")
        _add(out, "pl.acc", s + y, s + "аў")
        _add(out, "pl.ins", s + "амі")
        _add(out, "pl.loc", s + "ах")
    return out


def _noun_ru(w: str) -> Paradigm:
    out: Paradigm = {}
    last = w[-1:]
    if last in "ая":
        stem, soft = w[:-1], last == "я"
        c = stem[-1:]
        y = "и" if soft or c in "гкхжшчщ" else "ы"
        iya = w.endswith("ия")
        dat = stem + ("и" if iya else "е")
        _add(out, "sg.nom", w)
        _add(out, "sg.gen", stem + y)
        _add(out, "sg.dat", dat)
        _add(out, "sg.acc", stem + ("ю" if soft else "у"))
        o = "е" if soft or c in "жшчщц" else "о"
        _add(out, "sg.ins", stem + o + "й", stem + "ей")
        _add(out, "sg.loc", dat)
        _add(out, "pl.nom", stem + y)
        gen = [stem + "й"] if iya else _inserted(stem, "ru")
        _add(out, "pl.gen", *gen, stem + "ь", stem + "ей")
        _add(out, "pl.dat", stem + ("ям" if soft else "ам"))
        _add(out, "pl.acc", stem + y)
        _add(out, "pl.ins", stem + ("ями" if soft else "ами"))
        _add(out, "pl.loc", stem + ("ях" if soft else "ах"))
        return out
    if last in "оеё":
        stem = w[:-1]
        soft = last in "её" and stem[-1:] not in "жшчщц"
        ie = w.endswith("ие")
        _add(out, "sg.nom", w)
        _add(out, "sg.gen", stem + ("я" if soft else "а"))
        _add(out, "sg.dat", stem + ("ю" if soft else "у"))
        _add(out, "sg.acc", w)
        _add(out, "sg.ins", stem + ("ем" if soft else "ом"), stem + "ём")
        _add(out, "sg.loc", stem + ("и" if ie else "е"))
        y = "я" if soft else "а"
        _add(out, "pl.nom", stem + y)
        gen = [stem[:-1] + "ий"] if ie else [*_inserted(stem, "ru"), stem + "ей"]
        _add(out, "pl.gen", *gen)
        _add(out, "pl.dat", stem + ("ям" if soft else "ам"))
        _add(out, "pl.acc", stem + y)
        _add(out, "pl.ins", stem + ("ями" if soft else "ами"))
        _add(out, "pl.loc", stem + ("ях" if soft else "ах"))
        return out
    if last in "ыи":  # plural-only
        stem = w[:-1]
        _add(out, "pl.nom", w)
        _add(out, "pl.gen", stem + "ов", stem + "ей", stem)
        _add(out, "pl.dat", stem + "ам", stem + "ям")
        _add(out, "pl.acc", w)
        _add(out, "pl.ins", stem + "ами", stem + "ями")
        _add(out, "pl.loc", stem + "ах", stem + "ях")
        return out
    soft = last in "ьй"
    stems = [w[:-1]] if soft else _fleeting(w)
    if soft and w.endswith(("ень", "ель")) and len(w) > 4:  # уровень -> уровня
        stems.append(w[:-3] + w[-2])
    if not soft and w.endswith("лец"):  # владелец -> владельца
        stems.append(w[:-2] + "ьц")
    c = w[-2] if soft else w[-1]
    _add(out, "sg.nom", w)
    _add(out, "sg.acc", w)
    for s in stems:
        if soft:
            iy = w.endswith("ий")
            _add(out, "sg.gen", s + "я")
            _add(out, "sg.dat", s + "ю")
            _add(out, "sg.acc", s + "я")
            _add(out, "sg.ins", s + "ем", s + "ём")
            _add(out, "sg.loc", s + ("и" if iy else "е"))
            _add(out, "pl.nom", s + "и")
            _add(out, "pl.gen", s + "ей", s + "ев")
            _add(out, "pl.dat", s + "ям")
            _add(out, "pl.acc", s + "и", s + "ей", s + "ев")
            _add(out, "pl.ins", s + "ями")
            _add(out, "pl.loc", s + "ях")
            continue
        sib = c in "жшчщ"
        y = "и" if c in "гкхжшчщ" else "ы"
        _add(out, "sg.gen", s + "а")
        _add(out, "sg.dat", s + "у")
        _add(out, "sg.acc", s + "а")
        _add(out, "sg.ins", s + ("ем" if sib or c == "ц" else "ом"), s + "ом")
        _add(out, "sg.loc", s + "е", s + "у")
        _add(out, "pl.nom", s + y, s + "а")
        _add(out, "pl.gen", s + ("ей" if sib else "ев" if c == "ц" else "ов"), s + "ов")
        _add(out, "pl.dat", s + "ам")
        _add(out, "pl.acc", s + y, s + ("ей" if sib else "ов"))
        _add(out, "pl.ins", s + "ами")
        _add(out, "pl.loc", s + "ах")
    return out


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
