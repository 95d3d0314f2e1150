"""An article's picture: read from the project, named by its digest under dist/media/.

A picture given as a project path is copied to ``dist/media/<sha256>.<ext>`` (the same picture
used by several articles is stored once, and a changed picture gets a new name, so caches never
serve a stale one); pages refer to it as ``../media/<sha256>.<ext>``. A picture given as an
https URL stays where it is. Only known picture formats are accepted, checked by their first
bytes as well as their name, and a picture must lie inside the project.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from transflow.errors import SourceError
from transflow.fsutil import sha256_bytes
from transflow.source.model import Article

#: Folder of dist/ that holds the pictures.
MEDIA_DIR = "media"
#: Largest picture accepted, in bytes.
MAX_IMAGE_BYTES = 10_000_000

#: Leading bytes of each accepted format (suffix -> signatures).
_SIGNATURES = {
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".avif": (b"\x00\x00\x00",),
}
#: Content types by suffix (also used by `serve`).
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
}


@dataclass(frozen=True)
class Picture:
    """An article's picture: where pages find it, and (for a local file) what to write."""

    src_from_page: str  # relative to dist/<lang>/, or the https URL
    dist_path: str = ""  # relative to dist/ ("" for a remote picture)
    data: bytes = b""

    @property
    def remote(self) -> bool:
        """True for an https URL that is not copied."""
        return not self.dist_path

    def output(self) -> dict:
        """The output record of the publisher: {"path", "sha256", "size"} (relative to dist/)."""
        return {"path": self.dist_path, "sha256": sha256_bytes(self.data), "size": len(self.data)}

    def absolute(self, base_url: str) -> str:
        """The picture's absolute URL under `base_url` ("" when there is no base URL)."""
        if self.remote:
            return self.src_from_page
        return f"{base_url}{self.dist_path}" if base_url else ""


def load_picture(article: Article, root: Path) -> Picture | None:
    """The picture of `article` (None without one); SourceError names the front matter line."""
    if not article.image:
        return None
    if article.image.startswith("https://"):
        return Picture(src_from_page=article.image)
    where = (article.path or article.slug, article.image_line or None)
    root = root.resolve()
    path = (root / article.image).resolve()
    if not path.is_relative_to(root):
        raise SourceError(f"image {article.image!r} lies outside the project", *where)
    if not path.is_file():
        raise SourceError(f"image {article.image!r} not found in the project", *where)
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise SourceError(
            f"image {article.image!r} is {size} bytes; the limit is {MAX_IMAGE_BYTES}", *where
        )
    data = path.read_bytes()
    if suffix not in _SIGNATURES or not data.startswith(_SIGNATURES[suffix]):
        raise SourceError(f"image {article.image!r} is not a {suffix[1:]} picture", *where)
    name = f"{MEDIA_DIR}/{sha256_bytes(data)}{'.jpg' if suffix == '.jpeg' else suffix}"
    return Picture(src_from_page=f"../{name}", dist_path=name, data=data)


def kept_picture(dist: Path, json_rel: str) -> dict | None:
    """The picture output of a page kept online, from its JSON rendering (None without one)."""
    import json

    try:
        data = json.loads((dist / json_rel).read_text("utf-8"))
        src = data["image"]["src"] if isinstance(data.get("image"), dict) else ""
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not isinstance(src, str) or not src.startswith(f"../{MEDIA_DIR}/"):
        return None
    rel = src.removeprefix("../")
    try:
        raw = (dist / rel).read_bytes()
    except OSError:
        return None
    return {"path": rel, "sha256": sha256_bytes(raw), "size": len(raw)}
