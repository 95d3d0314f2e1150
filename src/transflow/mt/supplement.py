"""A supplementary be<->ru dictionary for the words Apertium's bilingual dictionaries lack.

Debian's apertium-bel-rus leaves common news words untranslated (сообщил, паведаміў,
работать): its analysers do not know them, so there is no lemma to look up. The supplement
(`data/bel-rus-extra.tsv`, or a file of the project's) lists lemma pairs with their part of
speech; `transflow.mt.paradigms` inflects both sides under shared tags. A source word is looked
up among the forms of the source lemmas; the forms of the target lemma under the same tag are
the candidates, and the first one that the target lexicon knows is the translation (with no
lexicon installed, the first candidate). A word the supplement cannot place stays unknown.

File format: UTF-8, one entry a line, `pos<TAB>be<TAB>ru`, `#` starts a comment. pos is `n`
(noun, nominative singular), `adj` (masculine nominative), `v` (infinitive, optionally `;` and
the third person singular present or future where the rules cannot guess it) or `w` (a word
that is translated as written, no inflection: adverbs, irregular forms).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from transflow.errors import TransflowError
from transflow.mt.paradigms import POS, looks_like_participle, paradigm
from transflow.mt.respell import Lexicons

#: the packaged supplement
PACKAGED = "bel-rus-extra.tsv"
LANGS = ("be", "ru")
_NORM = str.maketrans({"ё": "е", "’": "'", "ʼ": "'"})


@dataclass(frozen=True)
class Entry:
    """One lemma pair: part of speech, the Belarusian and the Russian lemma."""

    pos: str
    be: str
    ru: str

    def lemma(self, lang: str) -> str:
        """The lemma of `lang` (be or ru)."""
        return self.be if lang == "be" else self.ru


def parse(text: str, origin: str | Path = PACKAGED) -> list[Entry]:
    """The entries of a supplement file's text; TransflowError naming the line when bad."""
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        cells = [c.strip() for c in body.split("\t")]
        if len(cells) != 3 or not all(cells):
            raise TransflowError("expected pos<TAB>be<TAB>ru", origin, number)
        pos, be, ru = cells
        if pos not in POS:
            raise TransflowError(
                f"unknown part of speech {pos!r} (one of {', '.join(POS)})", origin, number
            )
        source_cells = (be, ru) if pos != "w" else ()
        if any(c.isspace() for c in "".join(source_cells)):
            raise TransflowError(
                "one word a cell (only a `w` entry may hold words)", origin, number
            )
        entries.append(Entry(pos, be, ru))
    return entries


def load(path: str | Path | None = None) -> list[Entry]:
    """The entries of a supplement file (the packaged one when path is None)."""
    if path is None:
        text = resources.files("transflow.mt").joinpath("data", PACKAGED).read_text("utf-8")
        return parse(text)
    path = Path(path)
    try:
        return parse(path.read_text(encoding="utf-8"), path)
    except (OSError, UnicodeDecodeError) as exc:
        raise TransflowError(f"cannot read the supplement: {exc}", path) from None


def _norm(word: str) -> str:
    low = word.lower().translate(_NORM)
    return "у" + low[1:] if low.startswith("ў") else low  # ў after a vowel: ўсклалі


#: vowels folded for the bucket key, so that akanne and stress alternations share one bucket
#: (прайсці and пройдзе, абмеркаваць and абмяркуе); ў as в (узровень, узроўню)
_FOLD = str.maketrans("аоеэяёуюыіў", "ааааааууиив", "ьъ'")


#: infinitive endings (folded), with the -ава-/-ыва- a present tense drops (планаваць: плануе)
_VERB_END = re.compile(r"(?:ава|ыва|ива)?(?:цца|ца|ц|ци|чи|тса|т|ти|чса|ч)$")


def _head(folded: str, verb: bool = True) -> str:
    """The beginning that every form of a lemma keeps (folded): its stem (for a verb, without
    the infinitive ending), less the three letters a fleeting vowel or a consonant mutation may
    change, at most five and at least three letters (паведаміць: "павад", абвясціць: "абва",
    планаваць: "пла", рынак: "рын"), and never fewer than the two letters entries are filed
    by (хаваць: "ха")."""
    stem = (_VERB_END.sub("", folded) if verb else folded) or folded
    if len(stem) < 2:
        stem = folded[:2]
    return stem[: min(5, max(3, len(stem) - 3))]


def _cells(entry: Entry, lang: str) -> list[str]:
    """The lemma of `lang` and its given present (if any), normalised and vowels folded."""
    return [_norm(c).translate(_FOLD) for c in entry.lemma(lang).split(":")[0].split(";")]


def _recase(model: str, word: str) -> str:
    """`word` in the case of `model`: all capitals, a capital first letter, or as it is."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Supplement:
    """The supplement's entries; a source word is looked up among the forms of a few of them."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        text = "\n".join(f"{e.pos}\t{e.be}\t{e.ru}" for e in self.entries)
        #: identifies the entries (for cache keys): a short hash of their text
        self.digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        self._filed: dict[str, dict[str, list[int]]] = {}
        self._buckets: dict[tuple[str, str], list[tuple[int, tuple[str, ...]]]] = {}
        self._forms: dict[tuple[int, str, bool], dict[str, list[tuple[str, int]]]] = {}
        self._lock = threading.Lock()

    def readings(self, word: str, lang: str) -> list[tuple[int, str, int]]:
        """The readings of a word of `lang`: (entry number, tag, place) for each form it is.

        The place is the form's position among the candidates of its tag: the accusative
        lists the nominative-like form first and the genitive-like one second in both languages,
        so the place picks the matching target form. Only the entries whose lemma (or given
        present) begins like the word are inflected, each once per process.
        """
        norm = _norm(word)
        out: list[tuple[int, str, int]] = []
        with self._lock:
            folded = norm.translate(_FOLD)
            participles = looks_like_participle(norm, lang)
            for n, heads in self._bucket(lang, folded[:2]):
                if not any(folded.startswith(h) for h in heads):
                    continue  # the word does not begin like this lemma: no need to inflect it
                key = (n, lang, participles)
                forms = self._forms.get(key)
                if forms is None:
                    forms = self._forms[key] = self._inflect(n, lang, participles)
                out.extend((n, tag, place) for tag, place in forms.get(norm, ()))
        return out

    def _bucket(self, lang: str, key: str) -> list[tuple[int, tuple[str, ...]]]:
        """The entries filed under `key` (the first two letters of their lemma or given
        present, vowels folded), each with the beginnings every form of it shares (`_head`).
        The heads of a bucket are worked out when it is first asked for."""
        bucket = self._buckets.get((lang, key))
        if bucket is None:
            filed = self._filed.get(lang)
            if filed is None:
                filed = self._filed[lang] = self._file(lang)
            bucket = []
            for n in filed.get(key, ()):
                entry = self.entries[n]
                heads = tuple(
                    dict.fromkeys(_head(c, entry.pos == "v") for c in _cells(entry, lang) if c)
                )
                bucket.append((n, tuple(h for h in heads if h[:2] == key)))
            self._buckets[(lang, key)] = bucket
        return bucket

    def _file(self, lang: str) -> dict[str, list[int]]:
        """Entry numbers by bucket key (a head always begins with its cell's first two folded
        letters, so the key needs no head)."""
        out: dict[str, list[int]] = {}
        for n, entry in enumerate(self.entries):
            for key in dict.fromkeys(c[:2] for c in _cells(entry, lang) if c):
                out.setdefault(key, []).append(n)
        return out

    def _inflect(self, n: int, lang: str, participles: bool) -> dict[str, list[tuple[str, int]]]:
        """Every form of entry n's lemma of `lang` -> its (tag, place) pairs."""
        entry = self.entries[n]
        out: dict[str, list[tuple[str, int]]] = {}
        for tag, forms in paradigm(entry.pos, entry.lemma(lang), lang, participles).items():
            for place, form in enumerate(forms):
                pairs = out.setdefault(_norm(form), [])
                if not any(t == tag for t, _ in pairs):
                    pairs.append((tag, place))
        return out

    def _first(self, word: str, src: str, tgt: str) -> str:
        """The first target form of the first reading of a word ("" when it has none)."""
        for n, tag, place in self.readings(word, src):
            entry = self.entries[n]
            forms = paradigm(entry.pos, entry.lemma(tgt), tgt).get(tag)
            if forms:
                return _recase(word, forms[min(place, len(forms) - 1)])
        return ""

    def translate(
        self, words: Iterable[str], src: str, tgt: str, lexicons: Lexicons | None = None
    ) -> dict[str, str]:
        """The translation of each word the supplement knows (others are left out)."""
        return {word: form for word, (form, _) in self.lookup(words, src, tgt, lexicons).items()}

    def lookup(
        self, words: Iterable[str], src: str, tgt: str, lexicons: Lexicons | None = None
    ) -> dict[str, tuple[str, bool]]:
        """(translation, checked) of each word the supplement knows; checked is True when the
        target lexicon knows the form (False: it could not judge, see below).

        Each reading of the word offers the target forms under its tag; the first one the
        target lexicon knows is its vote, and the form with most votes wins (ties: the
        earlier reading). When the lexicon knows no form and not even the target lemma (a name,
        a new term), it cannot judge: the first form of the first reading is taken. Without a
        lexicon installed, likewise. All lookups go to the lexicon in one batch.
        """
        if src not in LANGS or tgt not in LANGS or src == tgt:
            return {}
        options: dict[str, list[tuple[str, list[str]]]] = {}
        for word in dict.fromkeys(words):
            per_reading = []
            for n, tag, place in self.readings(word, src):
                entry = self.entries[n]
                forms = paradigm(entry.pos, entry.lemma(tgt), tgt).get(tag)
                if forms:
                    if 0 < place < len(forms):
                        forms = [forms[place], *forms[:place], *forms[place + 1 :]]
                    lemma = entry.lemma(tgt).split(";")[0].split(":")[0]
                    per_reading.append((lemma, [_recase(word, f) for f in forms]))
            if per_reading:
                options[word] = per_reading
        for word in dict.fromkeys(words):  # a compound none of whose parts Apertium knew
            if word in options or "-" not in word.strip("-"):
                continue
            parts = word.split("-")
            found = [self._first(part, src, tgt) for part in parts]
            if any(found):  # parts it does not know stay (Apertium may have translated them)
                joined = "-".join(f or part for f, part in zip(found, parts, strict=True))
                options[word] = [("", [joined])]  # no lemma: only a form the lexicon knows
        if not options:
            return {}
        if lexicons is None:
            return {word: (lists[0][1][0], False) for word, lists in options.items()}
        parts = {
            p
            for lists in options.values()
            for lemma, forms in lists
            for f in [lemma, *forms]
            for p in f.split()
        }
        bad = lexicons.unknown(tgt, parts)
        if bad is None:  # no lexicon installed
            return {word: (lists[0][1][0], False) for word, lists in options.items()}

        def known(form: str) -> bool:
            return not any(p in bad for p in form.split())

        out: dict[str, tuple[str, bool]] = {}
        for word, lists in options.items():
            votes: dict[str, int] = {}
            for _, forms in lists:
                first = next((f for f in forms if known(f)), None)
                if first is not None:
                    votes[first] = votes.get(first, 0) + 1
            if votes:
                out[word] = (max(votes, key=lambda f: votes[f]), True)  # ties: earliest reading
            elif not known(lists[0][0]):
                out[word] = (lists[0][1][0], False)  # the lexicon lacks the word itself
        return out


_PACKAGED: list[Entry] | None = None
_PACKAGED_LOCK = threading.Lock()


_SUPPLEMENTS: dict[str, Supplement] = {}


def packaged_entries() -> list[Entry]:
    """The entries of the supplement shipped with transflow (read once per process)."""
    global _PACKAGED
    with _PACKAGED_LOCK:
        if _PACKAGED is None:
            _PACKAGED = load()
        return _PACKAGED


def configured(option: str | Path | bool | None = None) -> Supplement | None:
    """The supplement an engine's `supplement` option names, shared by the process's engines.

    None or True: the packaged one; False: none; a path: that file's entries, which come
    before (and so win over) the packaged ones (read again when the file changes).
    """
    if option is False:
        return None
    key = ""
    if option is not None and option is not True:
        path = Path(str(option)).resolve()
        try:
            stat = path.stat()
            key = f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}"
        except OSError:
            key = str(path)  # load() names the file it cannot read
    with _PACKAGED_LOCK:
        found = _SUPPLEMENTS.get(key)
    if found is None:
        extra = load(key.split("\0")[0]) if key else []
        found = Supplement([*extra, *packaged_entries()])
        with _PACKAGED_LOCK:
            found = _SUPPLEMENTS.setdefault(key, found)
    return found
