"""The data model: articles, their blocks and the segments that translators see. No I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: Block kinds, in the words used for the PO `#.` comment.
BLOCK_KINDS = (
    "title",
    "lead",
    "paragraph",
    "heading",
    "quote",
    "list-item",
    "caption",
    "author",
    "image-alt",
)
#: Kinds that come from the front matter and are shown around the body, not in it.
META_KINDS = ("title", "caption", "author", "image-alt")


@dataclass(frozen=True)
class InlineSpan:
    """An inline markup element replaced by a placeholder (see transflow.source.markup)."""

    tag: str  # placeholder name as the translator sees it, e.g. "b", "i", "a1", "c1"
    kind: str  # "strong", "em", "link", "code"
    target: str = ""  # the URL of a link, the literal text of a code span


@dataclass
class Block:
    """One block of an article: its kind and its text with inline markup as placeholders."""

    kind: str
    text: str
    line: int  # 1-based line of the block in the source file
    spans: tuple[InlineSpan, ...] = ()
    level: int = 0  # heading level, list nesting, ...
    marker: str = ""  # the list marker ("-", "1.") or heading marker, kept for rendering


@dataclass(frozen=True)
class Segment:
    """One translatable unit: a sentence of a block (or a whole short block)."""

    text: str
    kind: str
    line: int
    block_index: int


@dataclass
class Article:
    """A source article: front matter plus blocks."""

    slug: str
    lang: str
    title: str
    date: dt.date
    path: str = ""
    place: str = ""
    agency: str = ""
    caption: str = ""
    source_url: str = ""
    author: str = ""  # the byline, as written in the source language (translated as a block)
    image: str = ""  # a project path or an https URL; its alt text is the "image-alt" block
    image_line: int = 0  # the front matter line of `image`, for error messages
    withdrawn: bool = False  # `withdrawn: true`: taken down everywhere, a tombstone kept
    blocks: list[Block] = field(default_factory=list)
