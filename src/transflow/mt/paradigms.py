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

from transflow.mt.conjugation import verb
from transflow.mt.declension import Paradigm, adjective, noun

#: the part of speech codes of the supplement and what they name
POS = {"n": "noun", "adj": "adjective", "v": "verb", "w": "fixed word (no inflection)"}


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
