"""The one decision on a translation's words: foreign by spelling, of the other language, unknown.

Every word of a be, ru or en translation gets at most one verdict, so no two checks report it:

- `impossible`: the spelling or a short vocabulary shows it cannot be the target language
  (letters such as и/щ/ъ in Belarusian, "был"); the foreign-words check reports these;
- `foreign`: the other language's lexicon knows it and the target's does not (сказал in
  Belarusian, саабшчае in Russian); the spelling check reports these as errors;
- `unknown`: no lexicon knows it; the spelling check warns, with suggestions;
- `leftover`: a word of the entry's `# mt-unknown:` comment still there unchanged.

A word standing in the source as a name, a quoted title kept as in the source, the project's
word list (glossary/words-<lang>.txt) and the glossary's terms are accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from transflow.lang.lexicon import LANGS, Lexicon, lexicon_for, project_words
from transflow.qa.base import Unit
from transflow.qa.evidence import _CYR_WORD, _QUOTED, base_lang, foreign_in, other_language

#: The other language whose words slip into a translation (Apertium leaves them).
OTHER = {"be": "ru", "ru": "be"}
_TOKEN = re.compile(r"[\w\u0301\u00ad]+(?:['’ʼ-][\w\u0301\u00ad]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_DIGIT = re.compile(r"[\d_]")
#: Where a sentence's first word begins: the text's start or after . ! ? … and openers.
_START = re.compile(r"(?:^|[.!?…])[ \t\n\u00a0«„“\"'(—–-]*")
#: Words followed by a dot and at most this long are abbreviations (вул., тыс., ст.).
_ABBREVIATION = 4


@dataclass(frozen=True)
class Verdicts:
    """The words of one translation that some check reports, by kind (see the module)."""

    impossible: tuple[str, ...] = ()
    foreign: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    leftover: tuple[str, ...] = ()


_NONE = Verdicts()


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[tuple[str, bool, bool], ...]:
    """(word, starts a sentence, may be an abbreviation) for each word without digits."""
    starts = {m.end() for m in _START.finditer(text)}
    mixed = _CYRILLIC.search(text) is not None and _LATIN.search(text) is not None
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if _DIGIT.search(word):
            continue
        begin, end = m.span()
        after = text[end : end + 1]
        if after in ("/", ".") and (
            len(word) == 1 or (after == "." and text[end + 1 : end + 2].isalpha())
        ):
            continue  # an initial or abbreviation ("В. Пятроў", "г/п"), a domain name
        if begin > 1 and text[begin - 1] == "." and text[begin - 2].isalpha():
            continue  # the rest of a domain or file name: "belarus.travel"
        if mixed and _CYRILLIC.search(word) and _LATIN.search(word):
            continue  # mixed scripts: the mixed-script check's
        out.append((word, begin in starts, after == "." and len(word) <= _ABBREVIATION))
    return tuple(out)


@lru_cache(maxsize=64)
def _project_root(folder: str) -> Path | None:
    """The nearest folder at or above `folder` holding transflow.toml."""
    path = Path(folder).resolve()
    for candidate in (path, *path.parents):
        if (candidate / "transflow.toml").is_file():
            return candidate
    return None


def _word_list(folder: str, lang: str) -> tuple[str, ...]:
    """The project word list of `lang` in `folder`, read again when the file changes."""
    if not folder:
        return ()
    try:
        stamp = (Path(folder) / f"words-{lang}.txt").stat().st_mtime_ns
    except OSError:
        stamp = 0
    return _read_words(folder, lang, stamp)


@lru_cache(maxsize=64)
def _read_words(folder: str, lang: str, stamp: int) -> tuple[str, ...]:
    return tuple(project_words(folder, lang)) if stamp else ()


_TERM_WORDS: dict[tuple[int, str], tuple[Any, tuple[str, ...]]] = {}


def _glossary_words(glossary: Any, lang: str) -> tuple[str, ...]:
    """Words of the glossary's terms in `lang` (cached per glossary object)."""
    if glossary is None:
        return ()
    key = (id(glossary), lang)
    hit = _TERM_WORDS.get(key)
    if hit is None or hit[0] is not glossary:
        words = {
            w
            for term in getattr(glossary, "terms", ())
            for form in term.forms.get(lang, ())
            for w in _TOKEN.findall(form)
        }
        hit = _TERM_WORDS[key] = (glossary, tuple(sorted(words)))
    return hit[1]


def words_folder(catalog_path: str, glossary: Any = None) -> str:
    """Where the project word lists are: next to the glossary file, else <project>/glossary."""
    gpath = getattr(glossary, "path", "") if glossary is not None else ""
    if gpath:
        return str(Path(gpath).parent)
    if catalog_path:
        root = _project_root(str(Path(catalog_path).parent))
        if root is not None:
            return str(root / "glossary")
    root = _project_root(str(Path.cwd()))
    return str(root / "glossary") if root is not None else ""


def lexicon_of(lang: str, folder: str, glossary: Any) -> Lexicon:
    """The lexicon of `lang` with the project's word list and the glossary's terms."""
    return lexicon_for(lang, _word_list(folder, lang) + _glossary_words(glossary, lang))


def prepare(units: list[Unit], catalog_path: str) -> None:
    """Judge the words of all units of a catalog in one batch per language; remember on units."""
    if not units:
        return
    glossary = units[0].glossary
    folder = words_folder(catalog_path, glossary)
    by_lang: dict[str, set[str]] = {}
    lexicons: dict[str, Lexicon] = {}
    for unit in units:
        unit.__dict__["_words_folder"] = folder
        tgt = base_lang(unit.tgt_lang)
        if tgt in LANGS and tgt not in lexicons:
            lexicons[tgt] = lexicon_of(tgt, folder, glossary)
        unit.__dict__["_lexicon"] = lexicons.get(tgt)
        if tgt in LANGS and unit.translated:
            by_lang.setdefault(tgt, set()).update(w for w, _, _ in _tokens(unit.tgt_plain))
    for lang, words in sorted(by_lang.items()):
        missing = lexicons[lang].unknown(words)
        if lang in OTHER and missing:
            lexicon_of(OTHER[lang], folder, None).unknown(missing)


def verdicts(unit: Unit) -> Verdicts:
    """The verdicts on the words of `unit`'s translation (computed once per unit)."""
    found = unit.__dict__.get("_verdicts")
    if found is None:
        found = unit.__dict__["_verdicts"] = _judge(unit)
    return found


def _judge(unit: Unit) -> Verdicts:
    tgt = base_lang(unit.tgt_lang)
    if not unit.msgstr or other_language(unit) is not None:
        return _NONE  # nothing to judge, or the language check reports the whole segment
    impossible = list(foreign_in(unit.tgt_plain, tgt))
    if impossible:
        # a title quoted in its own language, as in the source ("«Советская Белоруссия»")
        quoted = {w for m in _QUOTED.finditer(unit.tgt_plain) for w in _CYR_WORD.findall(m[0])}
        impossible = [w for w in impossible if not (w in quoted and w in unit.src_plain)]
    if tgt not in LANGS:
        return Verdicts(impossible=tuple(impossible))
    folder = unit.__dict__.get("_words_folder")
    if folder is None:
        folder = unit.__dict__["_words_folder"] = words_folder("", unit.glossary)
    lexicon = unit.__dict__.get("_lexicon") or lexicon_of(tgt, folder, unit.glossary)
    tokens = _tokens(unit.tgt_plain)
    words = list(dict.fromkeys(w for w, _, _ in tokens))
    missing = lexicon.unknown(words)
    leftover = tuple(w for w in _leftover(unit, lexicon) if w not in impossible)
    if not missing:
        return Verdicts(tuple(impossible), leftover=leftover)
    skip = set(impossible) | _names_in_source(unit)
    starts = {w for w, start, _ in tokens if start}
    short = {w for w, _, abbreviation in tokens if abbreviation}
    foreign: list[str] = []
    unknown: list[str] = []
    other = lexicon_of(OTHER[tgt], folder, None) if tgt in OTHER else None
    alien = other.unknown(missing) if other is not None else missing
    # a sentence begun in lower case ("мінск і Брэст ...") is the capitalization check's
    capitals = {w: w[:1].upper() + w[1:] for w in missing if w in starts and w[:1].islower()}
    bad = lexicon.unknown(capitals.values()) if capitals else set()
    wrong_case = {w for w, capital in capitals.items() if capital not in bad}
    for word in words:
        if word not in missing or word in skip or word in wrong_case:
            continue
        if other is not None and word not in alien:
            foreign.append(word)
        elif word in leftover:
            continue  # reported as left over from the draft
        elif word in short or (word[:1].isupper() and word not in starts):
            continue  # "вул.", "тыс.", or a name mid-sentence: no warning
        else:
            unknown.append(word)
    leftover = tuple(w for w in leftover if w not in foreign)
    return Verdicts(tuple(impossible), tuple(foreign), tuple(unknown), leftover)


def _names_in_source(unit: Unit) -> set[str]:
    """Capitalised source words that are names: mid-sentence, or unknown in lower case."""
    names = set()
    src = base_lang(unit.src_lang)
    lexicon = lexicon_for(src) if src in LANGS else None
    for word, start, _ in _tokens(unit.src_plain):
        if not word[:1].isupper():
            continue
        if not start or lexicon is None or not lexicon.knows(word.lower()):
            names.add(word)
    return names


def _leftover(unit: Unit, lexicon: Lexicon) -> tuple[str, ...]:
    """mt-unknown words still in an approved translation unchanged and unknown to the target."""
    if unit.fuzzy or not unit.mt_unknown:
        return ()
    present = {w for w, _, _ in _tokens(unit.tgt_plain)}
    kept = [w for w in unit.mt_unknown if w in present]
    if not kept:
        return ()
    missing = lexicon.unknown(kept)
    return tuple(w for w in kept if w in missing)
