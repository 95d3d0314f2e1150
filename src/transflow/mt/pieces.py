"""Splitting a segment longer than a provider's limit at sentence (then word) boundaries."""

from __future__ import annotations


def pieces_of(text: str, lang: str, max_chars: int) -> tuple[list[str], list[str]]:
    """Split text (no surrounding spaces) into pieces <= max_chars at sentence boundaries.

    Returns pieces and separators (one more than pieces) so that join() gives the text back.
    """
    from transflow.source.segment import split

    if len(text) <= max_chars:
        return [text], ["", ""]
    sents, seps = split(text, lang)
    units = [
        (seps[k] if j == 0 else sep, part)
        for k, sent in enumerate(sents)
        for j, (sep, part) in enumerate(_hard_split(sent, max_chars))
    ]
    pieces: list[str] = []
    outer = [seps[0]]
    current: str | None = None
    for sep, part in units:
        if current is None:
            current = part
        elif len(current) + len(sep) + len(part) <= max_chars:
            current += sep + part
        else:
            pieces.append(current)
            outer.append(sep)
            current = part
    pieces.append(current or "")
    outer.append(seps[-1])
    return pieces, outer


def _hard_split(sentence: str, max_chars: int) -> list[tuple[str, str]]:
    """(separator before, part) of a sentence cut at spaces (anywhere in a too-long word)."""
    if len(sentence) <= max_chars:
        return [("", sentence)]
    parts: list[tuple[str, str]] = []
    rest, sep = sentence, ""
    while len(rest) > max_chars:
        cut = rest.rfind(" ", 0, max_chars + 1)
        if cut <= 0:
            parts.append((sep, rest[:max_chars]))
            rest, sep = rest[max_chars:], ""
            continue
        parts.append((sep, rest[:cut].rstrip()))
        stripped = rest[cut:].lstrip()
        sep = rest[len(rest[:cut].rstrip()) : len(rest) - len(stripped)]
        rest = stripped
    if rest:
        parts.append((sep, rest))
    return parts
