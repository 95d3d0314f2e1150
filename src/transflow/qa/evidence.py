"""What spelling says about the language of a text: words only one language has, foreign words,
and the other language a translation may be in (shared by the language and spelling checks)."""

from __future__ import annotations

import re
from functools import lru_cache

from transflow.lang import identify as langid
from transflow.qa.base import Unit

SUPPORTED = ("be", "ru", "uk", "en")
NAMES = {"be": "Belarusian", "ru": "Russian", "uk": "Ukrainian", "en": "English", "und": "unknown"}
MIN_WORDS_FOR_LANGUAGE = 3

#: Frequent words whose spelling fits the other alphabet but which exist in one language only:
#: spelling alone cannot tell "он был в Минске" from Belarusian, these words can.
_ONLY_RU_TEXT = (
    "в к о об со ко от что чтобы это этот эта эти этого этой этом он она оно они его "
    "ее её ей ему был когда также тоже более уже того всех все всё который которые "
    "которая которого которых после сегодня сейчас"
)
ONLY_RU = frozenset(_ONLY_RU_TEXT.split())
_ONLY_BE_TEXT = (
    "гэта гэты гэтая гэтыя гэтага гэтай што ён яна яны яго аб пра таксама вельмі "
    "але ужо адзін сёння пасля калі"
)
ONLY_BE = frozenset(_ONLY_BE_TEXT.split())
#: Belarusian spelling never has soft т/д (they become ц/дз) nor soft р, ж, ш, ч: "тя", "де",
#: "ре", "че", "ть" mark a Russian word (пять, будет, бресте, человек) even without и/щ/ъ.
_NOT_BE = re.compile(r"[тд][ьеёюяі]|[жшчр][еёюяіь]", re.IGNORECASE)
_QUOTED = re.compile(r"«([^«»]*)»|„([^„“]*)“|\"([^\"]*)\"")
_LAT = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYR_WORD = re.compile(r"[а-яёіїєґўʼ'’А-ЯЁІЇЄҐЎ]+(?:-[а-яёіїєґўА-ЯЁІЇЄҐЎ]+)*")


@lru_cache(maxsize=65536)
def _detect(text: str) -> str:
    return langid.detect(text)  # the statistical model loads on the first text that needs it


@lru_cache(maxsize=65536)
def _spelling_foreign(text: str, lang: str) -> tuple[str, ...]:
    return tuple(langid.foreign_words(text, lang))


@lru_cache(maxsize=64)
def base_lang(code: str) -> str:
    """Primary subtag: "be_BY", "be-BY" -> "be"; "be-Latn" stays (another script)."""
    code = code.strip().replace("_", "-")
    if code.lower().endswith("-latn"):
        return code.split("-")[0].lower() + "-Latn"
    return code.split("-")[0].split("@")[0].lower()


@lru_cache(maxsize=65536)
def _foreign_in(text: str, lang: str) -> tuple[str, ...]:
    # Words mixing scripts are the mixed-script check's.
    words = [w for w in _spelling_foreign(text, lang) if not _LAT.search(w)]
    vocab = ONLY_RU if lang == "be" else ONLY_BE if lang == "ru" else frozenset()
    # lower-casing keeps every Cyrillic word a word: no vocabulary word in the lower-cased
    # text means none in the text
    if vocab and not vocab.isdisjoint(_CYR_WORD.findall(text.lower())):
        for m in _CYR_WORD.finditer(text):
            w = m.group(0)
            low = w.lower()
            if len(w) == 1 and (w != low or text[m.end() : m.end() + 1] in "./"):
                continue  # an initial ("В. Пятроў") or abbreviation ("в. Ракаў"), not a word
            if low in vocab and w not in words:
                words.append(w)
    if lang == "be" and _NOT_BE.search(text):  # a match lies within one word
        words.extend(w for w in _CYR_WORD.findall(text) if _NOT_BE.search(w) and w not in words)
    return tuple(words)


def foreign_in(text: str, lang: str) -> list[str]:
    """Words of `text` that cannot be `lang`: by spelling (langid) or by a short vocabulary."""
    return list(_foreign_in(text, lang))


_CYRILLIC_CHAR = re.compile(r"[\u0400-\u04ff]")
_BE_APOSTROPHE = re.compile(r"[бвгджзклмнпрстфхцчш]['’ʼ][еёюяі]")


def _spelling_settles(text: str, lang: str) -> bool:
    """True when the letters alone show the text cannot be wholly another supported language.

    ў is Belarusian only; і rules out Russian, ы/э/ё rule out Ukrainian; и/щ/ъ and the
    spellings of _NOT_BE rule out Belarusian, і/ї/є/ґ are needed for Ukrainian. Saves the
    statistical model for the texts that need it.
    """
    low = text.lower()
    if lang == "en":
        return _CYRILLIC_CHAR.search(text) is None
    if lang == "be":
        if "ў" in low:
            return True
        # і, the separating apostrophe (аб'ём; Russian writes ъ) or a Belarusian-only word
        not_ru = (
            "і" in low
            or _BE_APOSTROPHE.search(low) is not None
            or any(w.lower() in ONLY_BE for w in _CYR_WORD.findall(text))
        )
        # Ukrainian needs и, ї, є or ґ in any real sentence and has no ы, э, ё
        not_uk = any(c in low for c in "ыэё") or not any(c in low for c in "иїєґ")
        return not_ru and not_uk
    if lang == "ru":
        not_be = any(c in low for c in "ищъ") or _NOT_BE.search(low) is not None
        return not_be and not any(c in low for c in "іїєґ")
    return False


def other_language(unit: Unit) -> str | None:
    """The language the whole translation is in, when that is clearly not the target's.

    A text counts as wholly in language X when X is detected and no word is impossible in X;
    a mixed text (Belarusian with a few Russian words) is left to the foreign-words check.
    """
    if len(unit.tgt_words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    return _other_language(unit.tgt_plain, base_lang(unit.tgt_lang))


#: letters the target language never writes: without one, a text may still be in the target
_IMPOSSIBLE = {"be": "ищъїєґ", "ru": "іўїєґ", "uk": "ыэъёў"}


def _impossible_in_target(text: str, tgt: str) -> bool:
    """True when some letter or spelling of the text cannot occur in the target language."""
    low = text.lower()
    if tgt == "en":
        return _CYRILLIC_CHAR.search(text) is not None
    if _CYRILLIC_CHAR.search(text) is None:
        return True  # a Cyrillic language written wholly in another script
    if any(c in low for c in _IMPOSSIBLE.get(tgt, "")):
        return True
    return tgt == "be" and _NOT_BE.search(low) is not None


@lru_cache(maxsize=4096)
def _other_language(text: str, tgt: str) -> str | None:
    if tgt not in SUPPORTED or _spelling_settles(text, tgt):
        return None
    # statistics alone never convict: short Cyrillic texts such as "забег на 10,5 км" fit several
    # languages, and the model's guess is not evidence of a defect
    if not _impossible_in_target(text, tgt):
        return None
    found = _detect(text)
    if found in (tgt, "und") or foreign_in(text, found):
        return None
    return found
