"""Source articles: `source_articles/<slug>.md` with YAML front matter, loaded and validated."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from transflow.errors import SourceError
from transflow.fsutil import decode_utf8
from transflow.source.markdown import parse_body
from transflow.source.model import Article, Block

#: Front matter keys in canonical order; the first four are required.
KEYS = (
    "slug",
    "lang",
    "title",
    "date",
    "place",
    "agency",
    "author",
    "image",
    "image_alt",
    "caption",
    "source_url",
    "withdrawn",
)
REQUIRED = ("slug", "lang", "title", "date")
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Longest paragraph accepted, in characters. News paragraphs are under 2,000; a longer run
#: of text without a blank line is almost always a conversion accident (a whole page on one line).
MAX_PARAGRAPH_CHARS = 20_000
#: Longest source file accepted, in bytes.
MAX_FILE_BYTES = 5_000_000
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_URL_RE = re.compile(r"https?://[^\s/]+\S*")
#: Picture formats a page can show.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")
_IMAGE_PATH_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*(?:/[A-Za-z0-9_][A-Za-z0-9._-]*)*")


@dataclass
class FrontMatter:
    """Parsed front matter: string values, the line of each key, and where the body starts."""

    values: dict[str, str]
    lines: dict[str, int]
    body: str
    body_line: int


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 (BOM allowed), normalise line endings, reject control characters."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = decode_utf8(data, path, SourceError).replace("\r\n", "\n").replace("\r", "\n")
    if bad := _CONTROL_RE.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        raise SourceError(f"control character U+{ord(bad.group()):04X} in the text", path, line)
    return text


def read_text(path: str | Path, limit: int = MAX_FILE_BYTES) -> str:
    """Read a text file as checked UTF-8 (see decode_text); SourceError when unreadable."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceError("file not found", path) from None
    except IsADirectoryError:
        raise SourceError("is a folder, not a file", path) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", path) from None
    if len(data) > limit:
        raise SourceError(f"file is {len(data)} bytes; the limit is {limit}", path)
    return decode_text(data, path)


def split_front_matter(text: str, path: str | Path) -> FrontMatter:
    """Split `---` front matter from the body and parse it as flat string-valued YAML."""
    if not text.strip():
        raise SourceError("empty file", path, 1)
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise SourceError("missing front matter: the file must start with a '---' line", path, 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    except StopIteration:
        raise SourceError("front matter is not closed by a '---' line", path, 1) from None
    yaml_text = "\n".join(lines[1:end])
    values, key_lines = _parse_yaml_mapping(yaml_text, path, first_line=2)
    body = "\n".join(lines[end + 1 :])
    return FrontMatter(values, key_lines, body, end + 2)


#: libyaml's loader when PyYAML was built with it (far faster; the same nodes and marks)
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def _parse_yaml_mapping(
    text: str, path: str | Path, first_line: int
) -> tuple[dict[str, str], dict[str, int]]:
    try:
        try:
            node = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError:  # the pure loader's words for what is wrong (errors are rare)
            node = yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.MarkedYAMLError as exc:
        scanning = (exc.context or "").startswith("while scanning")
        mark = (exc.context_mark if scanning else None) or exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        raise SourceError(f"front matter is not valid YAML: {exc.problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"front matter is not valid YAML: {exc}", path, first_line) from None
    if node is None:
        raise SourceError("front matter is empty", path, first_line)
    if not isinstance(node, yaml.MappingNode):
        line = first_line + node.start_mark.line
        raise SourceError("front matter must be a mapping of 'key: value' lines", path, line)
    values: dict[str, str] = {}
    key_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode):
            raise SourceError("front matter keys must be plain words", path, line)
        key = key_node.value
        if key in values:
            first = key_lines[key]
            raise SourceError(f"duplicate key {key!r} (first given on line {first})", path, line)
        if not isinstance(value_node, yaml.ScalarNode):
            raise SourceError(f"the value of {key!r} must be a single text value", path, line)
        values[key] = value_node.value
        key_lines[key] = line
        _check_characters(value_node.value, path, first_line + value_node.start_mark.line)
    return values, key_lines


_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def _check_characters(value: str, path: str | Path, line: int) -> None:
    """Reject characters a YAML escape (\\a, \\x1b, \\ud800 ...) can put into a value."""
    if bad := _CONTROL_RE.search(value) or _SURROGATE_RE.search(value):
        kind = "lone surrogate" if _SURROGATE_RE.match(bad.group()) else "control character"
        raise SourceError(
            f"{kind} U+{ord(bad.group()):04X} in a front matter value (from a YAML escape)",
            path,
            line,
        )


def validate_meta(
    values: dict[str, str], lines: dict[str, int], languages: Sequence[str], path: str | Path
) -> dict[str, str]:
    """Check front matter values; returns them stripped, with optional keys defaulted to ''."""
    for key in values:
        if key not in KEYS:
            raise SourceError(
                f"unknown front matter key {key!r} (known: {', '.join(KEYS)})", path, lines[key]
            )
    for key in REQUIRED:
        if key not in values:
            raise SourceError(f"front matter lacks the required key {key!r}", path, 1)
    meta = {key: values.get(key, "").strip() for key in KEYS}
    for key, value in meta.items():
        if "\n" in value or "\r" in value:
            raise SourceError(f"{key!r} must be on one line", path, lines[key])
    if not SLUG_RE.fullmatch(meta["slug"]) or len(meta["slug"]) > 100:
        raise SourceError(
            f"invalid slug {meta['slug']!r}: use lowercase a-z, 0-9 and single hyphens",
            path,
            lines["slug"],
        )
    if meta["lang"] not in languages:
        raise SourceError(
            f"language {meta['lang']!r} is not one of the configured languages "
            f"({', '.join(languages)})",
            path,
            lines["lang"],
        )
    if not meta["title"]:
        raise SourceError("the title is empty", path, lines["title"])
    if parse_iso_date(meta["date"]) is None:
        raise SourceError(
            f"invalid date {meta['date']!r}: expected a real date as YYYY-MM-DD",
            path,
            lines["date"],
        )
    if meta["withdrawn"] not in ("", "true", "false"):
        raise SourceError(
            f"invalid withdrawn {meta['withdrawn']!r}: expected true or false",
            path,
            lines["withdrawn"],
        )
    if meta["source_url"] and not _URL_RE.fullmatch(meta["source_url"]):
        raise SourceError(
            f"invalid source_url {meta['source_url']!r}: expected an http(s) URL",
            path,
            lines["source_url"],
        )
    _check_image(meta, lines, path)
    return meta


def _check_image(meta: dict[str, str], lines: dict[str, int], path: str | Path) -> None:
    """`image` is an https URL or a relative path inside the project; it needs `image_alt`."""
    image = meta["image"]
    if not image:
        if meta["image_alt"]:
            raise SourceError("image_alt is given without an image", path, lines["image_alt"])
        return
    line = lines["image"]
    if image.startswith("https://"):
        if not _URL_RE.fullmatch(image):
            raise SourceError(f"invalid image URL {image!r}", path, line)
    elif "://" in image or image.startswith("http:"):
        raise SourceError(f"image URL {image!r} must use https", path, line)
    elif not _IMAGE_PATH_RE.fullmatch(image) or ".." in image.split("/"):
        raise SourceError(
            f"invalid image path {image!r}: give a path inside the project such as "
            "images/photo.jpg (letters, digits, '.', '_', '-', '/'), or an https URL",
            path,
            line,
        )
    suffix = Path(image.split("?", 1)[0]).suffix.lower()
    if not image.startswith("https://") and suffix not in IMAGE_SUFFIXES:
        raise SourceError(
            f"image {image!r} is not a picture ({', '.join(IMAGE_SUFFIXES)})", path, line
        )
    if not meta["image_alt"]:
        raise SourceError(
            "the image needs image_alt: a short description for readers who cannot see it",
            path,
            line,
        )


def parse_iso_date(value: str) -> dt.date | None:
    """A real calendar date from strict YYYY-MM-DD text, else None."""
    if not ISO_DATE_RE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def check_paragraphs(body: str, body_line: int, path: str | Path) -> None:
    """Reject an empty body and paragraphs longer than MAX_PARAGRAPH_CHARS."""
    if not body.strip():
        raise SourceError("the article body is empty", path, body_line)
    start = None
    size = 0
    for offset, line in enumerate(body.split("\n") + [""]):
        if line.strip():
            if start is None:
                start, size = offset, 0
            size += len(line) + 1
            if size > MAX_PARAGRAPH_CHARS:
                raise SourceError(
                    f"paragraph is longer than {MAX_PARAGRAPH_CHARS} characters: "
                    "split it with blank lines",
                    path,
                    body_line + start,
                )
        else:
            start = None


def load_article(path: str | Path, languages: Sequence[str]) -> Article:
    """Load and validate one source article; SourceError names the file and line on bad input."""
    return parse_article(read_text(path), path, languages)


def parse_article(text: str, path: str | Path, languages: Sequence[str]) -> Article:
    """Validate the text of a source article (read by `read_text`) into an Article."""
    front = split_front_matter(text, path)
    meta = validate_meta(front.values, front.lines, languages, path)
    check_paragraphs(front.body, front.body_line, path)
    blocks = [Block("title", meta["title"], front.lines["title"])]
    for key, kind in (("author", "author"), ("image_alt", "image-alt"), ("caption", "caption")):
        if meta[key]:
            blocks.append(Block(kind, meta[key], front.lines[key]))
    try:
        blocks.extend(parse_body(front.body, front.body_line, str(path)))
    except SourceError as exc:
        if exc.path is None:
            raise SourceError(exc.message, path, exc.line) from None
        raise
    return Article(
        slug=meta["slug"],
        lang=meta["lang"],
        title=meta["title"],
        date=dt.date.fromisoformat(meta["date"]),
        path=str(path),
        place=meta["place"],
        agency=meta["agency"],
        caption=meta["caption"],
        source_url=meta["source_url"],
        author=meta["author"],
        image=meta["image"],
        image_line=front.lines.get("image", 0),
        withdrawn=meta["withdrawn"] == "true",
        blocks=blocks,
    )


def load_articles(folder: str | Path, languages: Sequence[str]) -> list[Article]:
    """Load every `*.md` article of a folder, sorted by slug; slugs must be unique."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError("source folder not found", folder)
    seen: dict[str, Article] = {}
    for path in sorted(folder.glob("*.md")):
        article = load_article(path, languages)
        if article.slug in seen:
            other = seen[article.slug].path
            raise SourceError(
                f"slug {article.slug!r} is also used by {other}", path, _key_line(path, "slug")
            )
        seen[article.slug] = article
    return [seen[slug] for slug in sorted(seen)]


def _key_line(path: Path, key: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def read_front_matter(path: str | Path) -> dict[str, str]:
    """The raw front matter values of a source file (no validation beyond YAML syntax)."""
    return split_front_matter(read_text(path), path).values


_SPACES = re.compile(r"[ \t\n]+")


def squash(text: str) -> str:
    """Collapse runs of spaces, tabs and newlines to one space; keep no-break spaces."""
    return _SPACES.sub(" ", text).strip(" ")


def _yaml_scalar(value: str) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**9, default_flow_style=True)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def format_article(meta: dict, body: str) -> str:
    """Write a source file in canonical form: ordered front matter, one paragraph per line."""
    unknown = set(meta) - set(KEYS)
    if unknown:
        raise SourceError(f"unknown front matter keys: {', '.join(sorted(unknown))}")
    lines = ["---"]
    for key in KEYS:
        value = squash(str(meta.get(key) or ""))
        if not value and key not in REQUIRED:
            continue
        if key == "date" and parse_iso_date(value):
            lines.append(f"date: {value}")
        else:
            lines.append(f"{key}: {_yaml_scalar(value)}")
    lines.append("---")
    blocks = [_canonical_block(b) for b in re.split(r"\n[ \t]*\n", body.strip())]
    return "\n".join(lines) + "\n\n" + "\n\n".join(b for b in blocks if b) + "\n"


_LIST_ITEM = re.compile(r"^\s*(?:[-+*]|\d{1,9}[.)])\s")


def _canonical_block(block: str) -> str:
    """One paragraph per line; list items keep a line each."""
    out: list[str] = []
    for line in block.split("\n"):
        line = squash(line)
        if not line:
            continue
        if out and not _LIST_ITEM.match(line):
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(out)


_MD_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+*](?=\s)|\d{1,9}[.)](?=\s)|={3,}|-{3,}|_{3,})")
_MD_INLINE = re.compile(r"([\\`*_\[\]<])")


def escape_markdown(text: str) -> str:
    """Escape a plain-text paragraph so that Markdown reads it back as the same plain text."""
    text = _MD_INLINE.sub(r"\\\1", text)
    match = _MD_LINE_START.match(text)
    if match:
        marker = match.group()
        if marker[0].isdigit():
            text = marker[:-1] + "\\" + marker[-1] + text[len(marker) :]
        else:
            text = "\\" + text
    return text
