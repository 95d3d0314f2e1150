"""Declension of Belarusian and Russian nouns and adjectives by the lemma's ending.

Part of `transflow.mt.paradigms`: the same tags in both languages (`sg.nom` ... `pl.loc` for
nouns; `m.nom`, `f.gen`, `n.nom`, `pl.ins` ... and short forms `pps.*` for adjectives), every
likely form where the class cannot be told from the lemma.
"""

from __future__ import annotations

Paradigm = dict[str, list[str]]

VOWELS = "аеёиіоуўыэюя"


def add(out: Paradigm, tag: str, *forms: str) -> None:
    """Append forms to a tag, once each, skipping empty ones."""
    have = out.setdefault(tag, [])
    for form in forms:
        if form and form not in have:
            have.append(form)


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
        add(out, "m.nom", stem + y)
        add(out, "m.gen", stem + e + "га")
        add(out, "m.dat", stem + e + "му")
        add(out, "m.acc", stem + y, stem + e + "га")
        add(out, "m.ins", stem + y + "м")
        add(out, "m.loc", stem + y + "м")
        add(out, "f.nom", stem + a + "я")
        add(out, "f.gen", stem + e + "й")
        add(out, "f.dat", stem + e + "й")
        add(out, "f.acc", stem + ("юю" if soft else "ую"))
        add(out, "f.ins", stem + e + "й", stem + ("яю" if soft else "аю"))
        add(out, "f.loc", stem + e + "й")
        add(out, "n.nom", stem + e + "е")
        _adjective_plural(out, stem + y, "я", "мі")
        add(out, "pps.f", stem + "а")
        add(out, "pps.n", stem + "а")
        return out
    if not lemma.endswith(("ый", "ий", "ой")):
        return {"m.nom": [lemma]}
    stem = lemma[:-2]
    last = stem[-1:]
    soft = lemma.endswith("ий") and last not in "гкхжшчщ"
    sib = last in "жшчщц"
    y = "и" if (soft or last in "гкхжшчщ") else "ы"
    o = "е" if (soft or sib) and not lemma.endswith("ой") else "о"
    add(out, "m.nom", lemma)
    add(out, "m.gen", stem + o + "го")
    add(out, "m.dat", stem + o + "му")
    add(out, "m.acc", lemma, stem + o + "го")
    add(out, "m.ins", stem + y + "м")
    add(out, "m.loc", stem + o + "м")
    add(out, "f.nom", stem + ("яя" if soft else "ая"))
    add(out, "f.gen", stem + o + "й")
    add(out, "f.dat", stem + o + "й")
    add(out, "f.acc", stem + ("юю" if soft else "ую"))
    add(out, "f.ins", stem + o + "й", stem + o + "ю")
    add(out, "f.loc", stem + o + "й")
    add(out, "n.nom", stem + o + "е")
    _adjective_plural(out, stem + y, "е", "ми")
    if lemma.endswith("ый"):  # short forms: заинтересован, -а, -о, -ы
        short = stem[:-1] if stem.endswith("нн") else stem
        add(out, "pps.m", short)
        add(out, "pps.f", short + "а")
        add(out, "pps.n", short + "о")
        add(out, "pps.pl", short + "ы")
    return out


def _adjective_plural(out: Paradigm, base: str, nom: str, ins: str) -> None:
    """The plural of an adjective from its stem and vowel (be новы-, ru новы-): the two languages
    differ only in the nominative (-я, -е) and the instrumental (-мі, -ми)."""
    add(out, "pl.nom", base + nom)
    add(out, "pl.gen", base + "х")
    add(out, "pl.dat", base + "м")
    add(out, "pl.acc", base + nom, base + "х")
    add(out, "pl.ins", base + ins)
    add(out, "pl.loc", base + "х")


# ---------------------------------------------------------------- nouns

#: Belarusian stem-final consonants before the dative/locative -е: к -> ц, г -> з, х -> с ...
_BE_LOC = {"к": "ц", "г": "з", "х": "с", "д": "дз", "т": "ц"}


def _fleeting(stem: str) -> list[str]:
    """The stem, and the stem without a vowel before its last consonant (рынак -> рынк)."""
    out = [stem]
    if len(stem) > 3 and stem[-2] in "аоеэё" and stem[-1] not in VOWELS:
        out.append(stem[:-2] + stem[-1])
        if stem[-3] == "в" and stem[-4] in VOWELS:  # be спажывец -> спажыўца
            out.append(stem[:-3] + "ў" + stem[-1])
    return out


def _inserted(stem: str, lang: str) -> list[str]:
    """Genitive plural stems with a vowel put between two final consonants (выставк -> выставак)."""
    if len(stem) < 3 or stem[-1] in VOWELS or stem[-2] in VOWELS:
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
    """A noun with plural forms only, given in the nominative plural.

    One in -ые/-ие (be -ыя/-ія) is declined as an adjective (данные: данных). Russian ones in
    -ия have the genitive in -ий (сведения: сведений), in -ья in -ьев; the others are offered
    -ов, -ей and no ending (средства: средств), and the lexicon keeps the form it knows.
    """
    if w.endswith(("ыя", "ія") if lang == "be" else ("ые", "ие")):
        masculine = w[:-1] if lang == "be" else w[:-1] + "й"  # даныя: даны, данные: данный
        return {t: f for t, f in adjective(masculine, lang).items() if t.startswith("pl.")}
    out: Paradigm = {}
    stem = w[:-1]
    if lang == "be":
        add(out, "pl.nom", w)
        add(out, "pl.gen", stem + "аў", stem + "яў", *_inserted(stem, "be"))
        add(out, "pl.dat", stem + "ам", stem + "ям")
        add(out, "pl.acc", w)
        add(out, "pl.ins", stem + "амі", stem + "ямі")
        add(out, "pl.loc", stem + "ах", stem + "ях")
        return out
    add(out, "pl.nom", w)
    if stem.endswith("и"):
        add(out, "pl.gen", stem + "й")
    elif stem.endswith("ь"):
        add(out, "pl.gen", stem + "ев")
    add(out, "pl.gen", stem + "ов", stem + "ей", *_inserted(stem, "ru"))
    add(out, "pl.dat", stem + "ам", stem + "ям")
    add(out, "pl.acc", w)
    add(out, "pl.ins", stem + "ами", stem + "ями")
    add(out, "pl.loc", stem + "ах", stem + "ях")
    return out


def _fem_soft(w: str, lang: str) -> Paradigm:
    """A feminine noun in -ь (be вобласць, ru область)."""
    out: Paradigm = {}
    stem = w[:-1]
    i = "і" if lang == "be" else "и"
    add(out, "sg.nom", w)
    add(out, "sg.gen", stem + i)
    add(out, "sg.dat", stem + i)
    add(out, "sg.acc", w)
    if lang == "be":
        doubled = stem[:-1] + stem[-1] * 2 if stem[-1:] not in "ц" else stem[:-1] + "цц"
        add(out, "sg.ins", stem + "ю", doubled + "ю", stem[:-1] + "ццю")
    else:
        add(out, "sg.ins", stem + "ью")
    add(out, "sg.loc", stem + i)
    add(out, "pl.nom", stem + i)
    add(out, "pl.gen", stem + "ей")
    add(out, "pl.dat", stem + ("ям" if lang == "be" or stem[-1:] not in "жшчщ" else "ам"))
    add(out, "pl.acc", stem + i)
    add(out, "pl.ins", stem + ("ямі" if lang == "be" else "ями"), stem + "ами")
    add(out, "pl.loc", stem + ("ях" if lang == "be" else "ях"), stem + "ах")
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
        add(out, "sg.nom", w)
        add(out, "sg.gen", stem + y)
        add(out, "sg.dat", *dat)
        add(out, "sg.acc", stem + ("ю" if soft else "у"))
        add(out, "sg.ins", stem + ("яй" if soft else "ай"), stem + ("ёй" if soft else "ой"))
        if c == "ц" or w[:1].isupper():  # masculine -а nouns: навукоўцам, Мікітам
            add(out, "sg.ins", stem + "ам")
        add(out, "sg.loc", *dat)
        add(out, "pl.nom", stem + y)
        gen = [stem + "й"] if stem[-1:] in "іы" else _inserted(stem, "be")
        add(out, "pl.gen", *gen, stem + ("яў" if soft else "аў"), stem + "ь")
        add(out, "pl.gen", stem + ("ёў" if soft else "оў"))
        add(out, "pl.dat", stem + ("ям" if soft else "ам"))
        add(out, "pl.acc", stem + y)
        add(out, "pl.ins", stem + ("ямі" if soft else "амі"))
        add(out, "pl.loc", stem + ("ях" if soft else "ах"))
        return out
    if last in "оеё" or w.endswith(("нне", "цце", "ддзе", "лле", "сце", "ззе", "жжа")):
        stem = w[:-1]
        soft = last in "её"
        add(out, "sg.nom", w)
        add(out, "sg.gen", stem + ("я" if soft else "а"))
        add(out, "sg.dat", stem + ("ю" if soft else "у"))
        add(out, "sg.acc", w)
        add(out, "sg.ins", stem + ("ем" if soft else "ам"), stem + ("ём" if soft else "ом"))
        c = stem[-1:]
        loc = [stem[:-1] + _BE_LOC[c] + "е" if c in _BE_LOC else stem + "е"]
        if soft:
            loc = [stem + "і"]
        add(out, "sg.loc", *loc, stem + "у")
        add(out, "pl.nom", stem + ("і" if soft else "ы"), stem + ("і" if c in "гкх" else "ы"))
        add(out, "pl.gen", stem + ("яў" if soft else "аў"), *_inserted(stem, "be"))
        add(out, "pl.dat", stem + ("ям" if soft else "ам"))
        add(out, "pl.acc", *out["pl.nom"])
        add(out, "pl.ins", stem + ("ямі" if soft else "амі"))
        add(out, "pl.loc", stem + ("ях" if soft else "ах"))
        return out
    if last == "ы" or last == "і":  # plural-only noun given in the plural (грошы, выбары)
        stem = w[:-1]
        add(out, "pl.nom", w)
        add(out, "pl.gen", stem + "аў", stem + "яў", stem)
        add(out, "pl.dat", stem + "ам", stem + "ям")
        add(out, "pl.acc", w)
        add(out, "pl.ins", stem + "амі", stem + "ямі")
        add(out, "pl.loc", stem + "ах", stem + "ях")
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
    add(out, "sg.nom", w)
    add(out, "sg.acc", w)
    for s in stems:
        if soft:
            add(out, "sg.gen", s + "я", s + "ю")
            add(out, "sg.dat", s + "ю")
            add(out, "sg.acc", s + "я")
            add(out, "sg.ins", s + "ем", s + "ём")
            add(out, "sg.loc", s + "і", s + "ю")
            add(out, "pl.nom", s + "і")
            add(out, "pl.gen", s + "яў", s + "ёў", s + "ей")
            add(out, "pl.dat", s + "ям")
            add(out, "pl.acc", s + "і", s + "яў")
            add(out, "pl.ins", s + "ямі")
            add(out, "pl.loc", s + "ях")
            continue
        hard_i = c in "гкх"
        y = "і" if hard_i else "ы"
        add(out, "sg.gen", s + "а", s + "у")
        add(out, "sg.dat", s + "у")
        add(out, "sg.acc", s + "а")
        add(out, "sg.ins", s + "ам", s + "ом")
        loc = s + "у" if hard_i else (s[:-1] + _BE_LOC[c] + "е" if c in _BE_LOC else s + "е")
        add(out, "sg.loc", loc, s + "у", s + "ы")
        add(out, "pl.nom", s + y)
        add(out, "pl.gen", s + "аў", s + "оў")
        add(out, "pl.dat", s + "ам")
        add(out, "pl.acc", s + y, s + "аў")
        add(out, "pl.ins", s + "амі")
        add(out, "pl.loc", s + "ах")
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
        add(out, "sg.nom", w)
        add(out, "sg.gen", stem + y)
        add(out, "sg.dat", dat)
        add(out, "sg.acc", stem + ("ю" if soft else "у"))
        o = "е" if soft or c in "жшчщц" else "о"
        add(out, "sg.ins", stem + o + "й", stem + "ей")
        add(out, "sg.loc", dat)
        add(out, "pl.nom", stem + y)
        gen = [stem + "й"] if iya else _inserted(stem, "ru")
        add(out, "pl.gen", *gen, stem + "ь", stem + "ей")
        add(out, "pl.dat", stem + ("ям" if soft else "ам"))
        add(out, "pl.acc", stem + y)
        add(out, "pl.ins", stem + ("ями" if soft else "ами"))
        add(out, "pl.loc", stem + ("ях" if soft else "ах"))
        return out
    if last in "оеё":
        stem = w[:-1]
        soft = last in "её" and stem[-1:] not in "жшчщц"
        ie = w.endswith("ие")
        add(out, "sg.nom", w)
        add(out, "sg.gen", stem + ("я" if soft else "а"))
        add(out, "sg.dat", stem + ("ю" if soft else "у"))
        add(out, "sg.acc", w)
        add(out, "sg.ins", stem + ("ем" if soft else "ом"), stem + "ём")
        add(out, "sg.loc", stem + ("и" if ie else "е"))
        y = "я" if soft else "а"
        add(out, "pl.nom", stem + y)
        gen = [stem[:-1] + "ий"] if ie else [*_inserted(stem, "ru"), stem + "ей"]
        add(out, "pl.gen", *gen)
        add(out, "pl.dat", stem + ("ям" if soft else "ам"))
        add(out, "pl.acc", stem + y)
        add(out, "pl.ins", stem + ("ями" if soft else "ами"))
        add(out, "pl.loc", stem + ("ях" if soft else "ах"))
        return out
    if last in "ыи":  # plural-only
        stem = w[:-1]
        add(out, "pl.nom", w)
        add(out, "pl.gen", stem + "ов", stem + "ей", stem)
        add(out, "pl.dat", stem + "ам", stem + "ям")
        add(out, "pl.acc", w)
        add(out, "pl.ins", stem + "ами", stem + "ями")
        add(out, "pl.loc", stem + "ах", stem + "ях")
        return out
    soft = last in "ьй"
    stems = [w[:-1]] if soft else _fleeting(w)
    if soft and w.endswith(("ень", "ель")) and len(w) > 4:  # уровень -> уровня
        stems.append(w[:-3] + w[-2])
    if not soft and w.endswith("лец"):  # владелец -> владельца
        stems.append(w[:-2] + "ьц")
    c = w[-2] if soft else w[-1]
    add(out, "sg.nom", w)
    add(out, "sg.acc", w)
    for s in stems:
        if soft:
            iy = w.endswith("ий")
            add(out, "sg.gen", s + "я")
            add(out, "sg.dat", s + "ю")
            add(out, "sg.acc", s + "я")
            add(out, "sg.ins", s + "ем", s + "ём")
            add(out, "sg.loc", s + ("и" if iy else "е"))
            add(out, "pl.nom", s + "и")
            add(out, "pl.gen", s + "ей", s + "ев")
            add(out, "pl.dat", s + "ям")
            add(out, "pl.acc", s + "и", s + "ей", s + "ев")
            add(out, "pl.ins", s + "ями")
            add(out, "pl.loc", s + "ях")
            continue
        sib = c in "жшчщ"
        y = "и" if c in "гкхжшчщ" else "ы"
        add(out, "sg.gen", s + "а")
        add(out, "sg.dat", s + "у")
        add(out, "sg.acc", s + "а")
        add(out, "sg.ins", s + ("ем" if sib or c == "ц" else "ом"), s + "ом")
        add(out, "sg.loc", s + "е", s + "у")
        add(out, "pl.nom", s + y, s + "а")
        add(out, "pl.gen", s + ("ей" if sib else "ев" if c == "ц" else "ов"), s + "ов")
        add(out, "pl.dat", s + "ам")
        add(out, "pl.acc", s + y, s + ("ей" if sib else "ов"))
        add(out, "pl.ins", s + "ами")
        add(out, "pl.loc", s + "ах")
    return out
