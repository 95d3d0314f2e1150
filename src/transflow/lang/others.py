"""Names the language of a text outside be/ru/uk/en ("this page is in Polish") with langdetect.

Our own identifier (`identify`) decides be, ru, uk and en and says "und" for anything else;
langdetect has no Belarusian profile (it calls Belarusian news `uk` or `ru`), so it is asked only
about texts `identify` did not claim, and only its answers outside be/ru/uk/en are taken.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache

from transflow.lang.identify import _ENGLISH_FUNCTION_WORDS, SUPPORTED, UND, detect_lines

_WORD_RE = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 3
#: langdetect's probability needed to name a language `identify` called "und"
MIN_PROBABILITY = 0.9
#: ... and to overrule a Latin-script "en" that has no English function word at all
MIN_PROBABILITY_OVER_EN = 0.99


@cache
def _factory():  # noqa: ANN202 - langdetect's factory, loaded once per process
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)  # langdetect samples n-grams at random: a fixed seed, the same answer
    return factory


def _guess(text: str) -> tuple[str, float] | None:
    """langdetect's best language and probability for `text` (seeded: deterministic)."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None
    return best.lang.split("-")[0], best.prob


def name_language(text: str) -> str:
    """be, ru, uk, en, another ISO 639-1 code ("pl", "de"), or "und" when nobody can tell."""
    return next(name_languages([text]))


def name_languages(lines: Iterable[str], batch: int = 1000) -> Iterator[str]:
    """`name_language` of each line, streamed in batches like `identify.detect_lines`."""
    pending: deque[str] = deque()

    def tee() -> Iterator[str]:
        for line in lines:
            pending.append(line)
            yield line

    for code in detect_lines(tee(), batch=batch):
        yield _other(pending.popleft().rstrip("\r\n"), code)


def _other(text: str, code: str) -> str:
    """`code` from identify, or the language langdetect names where identify could not."""
    if code not in (UND, "en"):
        return code
    words = _WORD_RE.findall(text)
    letters = sum(len(w) for w in words)
    if len(words) < MIN_WORDS or letters * 2 < len(text.strip()):
        return code
    guess = _guess(text)
    if guess is None or guess[0] in SUPPORTED:
        return code
    lang, probability = guess
    if code == UND and probability >= MIN_PROBABILITY:
        return lang
    english = any(w.lower() in _ENGLISH_FUNCTION_WORDS for w in words)
    if code == "en" and not english and probability >= MIN_PROBABILITY_OVER_EN:
        return lang
    return code


def language_name(code: str) -> str:
    """The English name of a language code ("pl" -> "Polish"), or the code when Babel has none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code
