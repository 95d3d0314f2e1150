"""Term base: names, places and organisations per language, matched with ru/be/en case endings."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from transflow.errors import ConfigError

INFLECTED = frozenset({"ru", "be", "uk"})
_APOSTROPHES = "'’ʼ"
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$")

# Case endings per class of the dictionary form's ending (stem = form minus that ending).
_RU_ADJ = "ый ий ой ого его ому ему ым им ом ем ая яя ую юю ое ее ые ие ых их ыми ими"
_BE_ADJ = "ы і ая яя ае яе ага яга аму яму ым ім ай яй ую юю ыя ія ых іх ымі імі ой ою"
_RU_CLASSES: tuple[tuple[str, str], ...] = (
    ("ый ий ой ая яя ое ые", _RU_ADJ),
    ("ие", _RU_ADJ + " ия ию ием ии"),
    ("ия", "ия ии ию ией иею ий иям иях"),
    ("а", "а ы и е у ой ою ам ами ах"),
    ("я", "я и е ю ей ею ям ями ях"),
    ("о", "о а у ом е ы"),
    ("е", "е я ю ем и"),
    ("ь", "ь и ью я ю ем е ей ям ями ях"),
    ("й", "й я ю ем е и ев ям ями ях"),
    ("ы и", "ы и ей ам ами ах ов"),
    ("", " а у ом ем е ы и ов ам ами ах ым ой"),
)
_BE_CLASSES: tuple[tuple[str, str], ...] = (
    ("ая яя ае яе", _BE_ADJ),
    ("ы і", _BE_ADJ + " аў ам амі ах"),
    ("ія", "ія іі ію іяй іяю ій іям іях"),
    ("а", "а ы і е э у ай аю ой ою ам ом аў амі ах"),
    ("я", "я і ю е ей яй ёй яю ёю ям ямі ях"),
    ("о е э", "о е э а у ам ом"),
    ("ь", "ь і ю е я ем ём ей ям ямі ях"),
    ("ў", "ў"),
    ("й", "й я ю ем і ям ямі ях"),
    ("", " а у ам ом е э ы і аў амі ах ым ой"),
)
#: Belarusian: a final ў becomes в before an ending (Кубракоў -> Кубракова)
_BE_U_ENDINGS = "а у ым ам ом е ы ой аў амі ах"
#: Belarusian consonant changes before the locative/dative е/э (Брэст -> Брэсце, Ліда -> Лідзе)
_BE_SOFTEN = {"т": "ц", "д": "дз", "к": "ц", "г": "з", "х": "с"}
_CONSONANTS = set("бвгджзйклмнпрстфхцчшщўґ")


@dataclass(frozen=True)
class Term:
    """One concept: its forms per language (first = preferred) and a note for translators."""

    forms: dict[str, tuple[str, ...]]
    note: str = ""

    def preferred(self, lang: str) -> str | None:
        """The preferred form in lang, or None when the term has none."""
        found = self.forms.get(lang)
        return found[0] if found else None

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.forms.items())), self.note))


@dataclass(frozen=True)
class TermMatch:
    """An occurrence of a term in a text: span, the text matched and the preferred target form."""

    start: int
    end: int
    source: str
    target: str
    term: Term | None = field(default=None, compare=False, repr=False)
    #: True when the text matched is not one of the term's dictionary forms (Минске, Мінску)
    inflected: bool = field(default=False, compare=False)


def _endings(text: str) -> list[str]:
    """Endings of a class string; "" stands for the bare stem."""
    return [""] + text.split() if text.startswith(" ") else text.split()


def _literal(text: str, lang: str, word_start: bool = True) -> str:
    """Regex for literal text: apostrophe variants, ё=е (not in be), initial у/ў in be tolerated."""
    out = []
    for i, char in enumerate(text):
        if char in _APOSTROPHES:
            out.append(f"[{_APOSTROPHES}]")
        elif char in "ёЁ" and lang != "be":  # Russian often writes е for ё; Belarusian never
            out.append("[ёе]" if char == "ё" else "[ЁЕ]")
        elif lang == "be" and word_start and i == 0 and char in "уў":
            out.append("[уў]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _alternation(items: Iterable[str]) -> str:
    """A non-capturing group of alternatives, longest first."""
    unique = sorted(set(items), key=lambda s: (-len(s), s))
    return "(?:" + "|".join(unique) + ")"


def word_pattern(word: str, lang: str, last: bool = True, derived: bool = False) -> str:
    """Regex for one word of a term in lang, with its case endings where that is safe.

    With `derived`, a place name also matches its relational adjective (Минск -> Минский): a
    translation may render "Minsk Half Marathon" as "Минский полумарафон".
    """
    if lang not in INFLECTED:
        if lang == "en" and last and word[-1:].isalpha():
            return _literal(word, lang) + "(?:['’]s|s|es|')?"
        return _literal(word, lang)
    lower = word.lower()
    if len(word) < 3 or word.isupper() or not lower[-1].isalpha() or any(c.isdigit() for c in word):
        return _literal(word, lang)  # abbreviations (БЕЛТА, ААН), short words: not inflected
    classes = _BE_CLASSES if lang == "be" else _RU_CLASSES
    upper = word[-1].isupper()
    for ends, endings_text in classes:
        ending = next(
            (e for e in ends.split() if lower.endswith(e) and len(lower) > len(e) + 2), ""
        )
        if not ending and ends:
            continue
        stem = word[: len(word) - len(ending)]
        endings = _endings(endings_text)
        if upper:
            endings = [e.upper() for e in endings]
        options = [_literal(stem, lang) + _alternation(re.escape(e) for e in endings)]
        if lang == "be" and ending == "ў":
            options.append(
                _literal(stem, lang)
                + ("В" if upper else "в")
                + _alternation(re.escape(e.upper() if upper else e) for e in _BE_U_ENDINGS.split())
            )
        if lang == "be" and ending == "ь":  # instrumental doubles the consonant: Беларуссю
            options.append(_literal(stem + stem[-1], lang) + ("Ю" if upper else "ю"))
        if lang == "be" and stem[-1:].lower() in _BE_SOFTEN and ending in ("", "а"):
            soft = _BE_SOFTEN[stem[-1].lower()]
            options.append(_literal(stem[:-1], lang) + re.escape(soft) + "[еэ]")
        if (
            ending in ("", "ь")
            and len(stem) >= 4
            and stem[-2].lower() in "оеё"
            and stem[-1].lower() in _CONSONANTS
        ):  # fleeting vowel: рубель -> рубля, День -> Дня
            shorts = [stem[:-2] + stem[-1]]
            if lang == "be" and stem[:-2].lower().endswith("дз"):  # Дзень -> Дня
                shorts.append(stem[:-3] + stem[-1])
            for short in shorts:
                options.append(_literal(short, lang) + _alternation(e for e in endings if e))
        if derived and word[:1].isupper() and last and lower[-1] in _CONSONANTS | {"ь"}:
            # a place gives a relational adjective: Минск -> Минский, Гомель -> Гомельский
            adjective = _ADJ_ENDINGS[lang].split()
            base = stem if ending == "ь" else word
            if upper:
                adjective = [e.upper() for e in adjective]
            suffix = "" if lower.endswith("ск") else ("СК" if upper else "ск")
            options.append(
                _literal(base + suffix, lang) + _alternation(re.escape(e) for e in adjective)
            )
        return _alternation(options)
    return _literal(word, lang)  # pragma: no cover - the last class matches everything


#: relational adjective endings (all genders, numbers and cases)
_ADJ_ENDINGS = {
    "ru": "ий ая ое ие ого ому ым ом ой ую ых ыми им ими их",
    "be": "і ая ае ія ага аму ім ым ой ую іх ых імі ымі",
}


def form_pattern(form: str, lang: str, derived: bool = False) -> str:
    """Regex (no boundaries) for a whole term form: each word with its endings."""
    words = form.split()
    return r"\s+".join(
        word_pattern(w, lang, last=(i == len(words) - 1), derived=derived)
        for i, w in enumerate(words)
    )


def _bounded(alternatives: Iterable[str]) -> str:
    """Alternatives wrapped in word boundaries."""
    return r"(?<!\w)" + _alternation(alternatives) + r"(?!\w)"


class Glossary:
    """A multilingual term base with inflection-tolerant matching for ru and be."""

    def __init__(self, terms: Iterable[Term] = (), path: str = ""):
        self.terms: list[Term] = list(terms)
        self.path = path
        self._source_res: dict[str, list[tuple[re.Pattern[str], Term]]] = {}
        self._target_res: dict[tuple[int, str], re.Pattern[str] | None] = {}
        self._lookup: dict[str, Term] | None = None

    def __len__(self) -> int:
        return len(self.terms)

    @classmethod
    def load(cls, path: str | Path) -> Glossary:
        """Load a CSV (en,ru,be,note) or TBX (.tbx/.xml) term base; bad files raise ConfigError."""
        path = Path(path)
        if path.suffix.lower() in (".tbx", ".xml"):
            return load_tbx(path)
        return load_csv(path)

    def _source_patterns(self, lang: str) -> list[tuple[re.Pattern[str], Term]]:
        """Case-sensitive patterns per term for source matching (sentence-initial capital, CAPS)."""
        if lang not in self._source_res:
            compiled = []
            for term in self.terms:
                variants: list[str] = []
                for form in term.forms.get(lang, ()):
                    variants.append(form_pattern(form, lang))
                    if form[:1].islower():
                        variants.append(form_pattern(form[0].upper() + form[1:], lang))
                    if not form.isupper() and len(form) > 1:
                        variants.append(form_pattern(form.upper(), lang))
                if variants:
                    compiled.append((re.compile(_bounded(variants)), term))
            self._source_res[lang] = compiled
        return self._source_res[lang]

    def _target_pattern(self, term: Term, lang: str) -> re.Pattern[str] | None:
        """Case-insensitive pattern of every form of a term in lang (None: the term has none)."""
        key = (id(term), lang)
        if key not in self._target_res:
            forms = term.forms.get(lang, ())
            self._target_res[key] = (
                re.compile(
                    _bounded(form_pattern(f, lang, derived=True) for f in forms), re.IGNORECASE
                )
                if forms
                else None
            )
        return self._target_res[key]

    def occurrences(self, text: str, lang: str) -> list[tuple[int, int, Term]]:
        """Non-overlapping term occurrences in text, longest first, returned in text order."""
        found = [
            (m.start(), m.end(), term)
            for pattern, term in self._source_patterns(lang)
            for m in pattern.finditer(text)
        ]
        found.sort(key=lambda item: (item[0] - item[1], item[0]))
        taken: list[tuple[int, int, Term]] = []
        for start, end, term in found:
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, term))
        return sorted(taken, key=lambda item: item[0])

    def matches(self, text: str, src: str, tgt: str) -> list[TermMatch]:
        """Occurrences of terms of src in text that have a tgt form (target = preferred form)."""
        result = []
        for start, end, term in self.occurrences(text, src):
            target = term.preferred(tgt)
            if target is not None:
                found = text[start:end]
                inflected = " ".join(found.split()).casefold() not in {
                    f.casefold() for f in term.forms.get(src, ())
                }
                result.append(TermMatch(start, end, found, target, term, inflected))
        return result

    def missing_terms(self, source: str, translation: str, src: str, tgt: str) -> list[TermMatch]:
        """Terms of the source none of whose tgt forms (any case ending) is in the translation."""
        missing: list[TermMatch] = []
        seen: set[int] = set()
        for match in self.matches(source, src, tgt):
            term = match.term
            if term is None or id(term) in seen:
                continue
            seen.add(id(term))
            pattern = self._target_pattern(term, tgt)
            if pattern is not None and not pattern.search(translation):
                missing.append(match)
        return missing

    def for_render(self, term: str, lang: str) -> str:
        """The preferred lang form of a place or agency name in any language; else the input."""
        if self._lookup is None:
            self._lookup = {}
            for entry in self.terms:
                for forms in entry.forms.values():
                    for form in forms:
                        self._lookup.setdefault(form, entry)
                        self._lookup.setdefault(form.casefold(), entry)
        key = term.strip()
        entry = self._lookup.get(key) or self._lookup.get(key.casefold())
        if entry is None:
            return term
        return entry.preferred(lang) or term


def _split_cell(cell: str) -> tuple[str, ...]:
    """Alternatives of a CSV cell ("a|b"), stripped, inner spaces collapsed, empties dropped."""
    return tuple(" ".join(part.split()) for part in cell.split("|") if part.strip())


def load_csv(path: str | Path) -> Glossary:
    """Read a CSV term base: a header naming language columns (and `note`), one concept a row."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read glossary: {exc.strerror or exc}", path) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ConfigError("glossary is not valid UTF-8", path, line) from None
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    terms: list[Term] = []
    header: list[str] | None = None
    try:
        for row in reader:
            line = reader.line_num
            if not row or all(not cell.strip() for cell in row) or row[0].startswith("#"):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                bad = [c for c in header if c != "note" and not _LANG_RE.match(c)]
                if bad or len(set(header)) != len(header) or len(header) < 2:
                    raise ConfigError(
                        f"bad glossary header {row!r}: expected language codes and 'note'",
                        path,
                        line,
                    )
                continue
            if len(row) > len(header):
                raise ConfigError(
                    f"row has {len(row)} fields, the header has {len(header)}", path, line
                )
            row = row + [""] * (len(header) - len(row))
            forms = {
                lang: _split_cell(cell)
                for lang, cell in zip(header, row, strict=True)
                if lang != "note" and _split_cell(cell)
            }
            note = row[header.index("note")].strip() if "note" in header else ""
            if not forms:
                raise ConfigError("row has no term in any language", path, line)
            terms.append(Term(forms, note))
    except csv.Error as exc:
        raise ConfigError(f"malformed CSV: {exc}", path, reader.line_num) from None
    if header is None:
        raise ConfigError("glossary is empty (no header row)", path, 1)
    return Glossary(terms, str(path))


def load_tbx(path: str | Path) -> Glossary:
    """Read a TBX(-Basic) term base: termEntry/conceptEntry > langSet > tig|ntig > term."""
    from transflow.mt.tmx import normalize_lang, parse_xml

    path = Path(path)
    root = parse_xml(path, ConfigError)
    terms: list[Term] = []
    for entry in _descendants(root, ("termEntry", "conceptEntry")):
        forms: dict[str, list[str]] = {}
        note = ""
        for child in entry.children():
            if child.tag in ("descrip", "note", "descripGrp") and not note:
                note = " ".join(child.text().split())
        for lang_set in entry.children("langSet"):
            code = lang_set.attrs.get("xml:lang") or lang_set.attrs.get("lang")
            if not code:
                raise ConfigError("<langSet> without xml:lang", path, lang_set.line)
            lang = normalize_lang(code)
            for holder in lang_set.children():
                if holder.tag not in ("tig", "ntig", "termSec"):
                    continue
                status = " ".join(
                    n.text()
                    for n in _descendants(holder, ("termNote",))
                    if n.attrs.get("type") == "administrativeStatus"
                )
                term_nodes = list(_descendants(holder, ("term",)))
                if not term_nodes:
                    raise ConfigError(f"<{holder.tag}> without <term>", path, holder.line)
                text = " ".join(term_nodes[0].text().split())
                if not text or "deprecated" in status or "superseded" in status:
                    continue
                bucket = forms.setdefault(lang, [])
                if "preferred" in status:
                    bucket.insert(0, text)
                else:
                    bucket.append(text)
        if forms:
            terms.append(Term({k: tuple(v) for k, v in forms.items() if v}, note))
    if not terms and root.tag not in ("martif", "tbx"):
        raise ConfigError(f"not a TBX file (root element <{root.tag}>)", path, root.line)
    return Glossary(terms, str(path))


def _descendants(node, tags: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """Every descendant element (depth first) whose tag is one of tags."""
    for child in node.children():
        if child.tag in tags:
            yield child
        else:
            yield from _descendants(child, tags)
