"""Tests for import_path dispatch, slugs and write_imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import SEED_PAGE
from transflow.errors import SourceError
from transflow.source.article import load_article
from transflow.source.importers import (
    ImportedArticle,
    import_path,
    import_text,
    slug_from_url,
    slugify,
    transliterate,
    write_imported,
)

DATA = Path(__file__).parent / "data"
SEED = SEED_PAGE


def test_binary_input_rejected() -> None:
    with pytest.raises(SourceError, match="binary") as info:
        import_path(DATA / "binary.txt")
    assert info.value.path == str(DATA / "binary.txt")


def test_latin1_input_names_line() -> None:
    with pytest.raises(SourceError, match="not UTF-8") as info:
        import_path(DATA / "latin1.txt")
    assert info.value.line == 7


def test_unrecognised_layout() -> None:
    with pytest.raises(SourceError, match="unrecognised page layout"):
        import_path(DATA / "not_a_page.txt")


def test_missing_file() -> None:
    with pytest.raises(SourceError, match="cannot read"):
        import_path(DATA / "no-such-page.txt")


def test_undetectable_language_asks_for_it() -> None:
    text = "| Home | News\n\nNews\n\n5 May 2021\n\n12345\n\n67890 12345.\n\n2021 2022.\n"
    with pytest.raises(SourceError, match="language"):
        import_text(text, "digits.txt")
    assert import_text(text, "digits.txt", lang="en").meta["lang"] == "en"


def test_unsupported_language_argument() -> None:
    with pytest.raises(SourceError, match="'de'"):
        import_path(SEED, lang="de")


def test_markdown_article_is_re_imported(tmp_path: Path) -> None:
    page = tmp_path / "draft.md"
    page.write_text(
        "---\ntitle: Grodno zoo gets two lynxes\nlang: en\ndate: 2021-06-01\n---\n\n"
        "The zoo received two young lynxes.\n\nThey arrived from a reserve.\n",
        encoding="utf-8",
    )
    imported = import_path(page)
    assert imported.meta["slug"] == "grodno-zoo-gets-two-lynxes"
    assert imported.body == "The zoo received two young lynxes.\n\nThey arrived from a reserve."


def test_markdown_with_unknown_key_names_line(tmp_path: Path) -> None:
    page = tmp_path / "draft.md"
    page.write_text("---\ntitle: T\nphotographer: me\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(SourceError, match="photographer") as info:
        import_path(page, lang="en")
    assert info.value.line == 3


@pytest.mark.parametrize(
    ("title", "lang", "slug"),
    [
        ("Belarus’ Top Tourist Sites", "en", "belarus-top-tourist-sites"),
        ("Гродно: 100% урожая", "ru", "grodno-100-urozhaya"),
        ("Гродна і Гомель", "be", "hrodna-i-homel"),
        ("Шчучын зь ёлкай", "be", "shchuchyn-z-yolkay"),
        ("Café déjà vu", "en", "cafe-deja-vu"),
        ("!!!", "en", ""),
    ],
)
def test_slugify(title: str, lang: str, slug: str) -> None:
    assert slugify(title, lang) == slug


def test_slugify_cuts_at_word_boundary() -> None:
    slug = slugify("word " * 30)
    assert len(slug) <= 60 and slug.endswith("word") and "--" not in slug
    assert slugify("x" * 100) == "x" * 60


def test_transliterate_belarusian_short_u() -> None:
    assert transliterate("Ўсё", "be") == "wsyo"


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        (
            "https://example.by/en/economy/grodno-bakery-doubles-output.html",
            "grodno-bakery-doubles-output",
        ),
        (
            "https://example.by/en/news/minister-meets-envoys_i_0000127497.html",
            "minister-meets-envoys",
        ),
        ("https://example.by/ru/news/i_0000123456.html", ""),
        ("https://example.by/", ""),
        ("", ""),
    ],
)
def test_slug_from_url(url: str, slug: str) -> None:
    assert slug_from_url(url) == slug


def test_seed_written_and_loaded_back(tmp_path: Path) -> None:
    imported = import_path(SEED)
    path = write_imported(imported, tmp_path)
    assert path == tmp_path / "belarusian-minister-urges-not-to-mix-international.md"
    article = load_article(path, ("be", "ru", "en"))
    assert article.title == imported.meta["title"]
    assert article.caption == "An archive photo"
    assert (article.place, article.agency, article.date.isoformat()) == (
        "Minsk",
        "BelTA",
        "2021-03-09",
    )
    kinds = [b.kind for b in article.blocks]
    assert kinds[:3] == ["title", "caption", "lead"]
    assert len(kinds) == 8
    assert article.blocks[2].text.startswith("The 14th UN Congress")
    assert "“In the current circumstances" in article.blocks[5].text


@pytest.mark.parametrize(
    "name", sorted(p.name for p in DATA.glob("*_*.*") if p.stem[:2] in ("en", "ru", "be"))
)
def test_every_written_page_gives_a_loadable_article(tmp_path: Path, name: str) -> None:
    path = write_imported(import_path(DATA / name), tmp_path)
    article = load_article(path, ("be", "ru", "en"))
    assert article.blocks[0].kind == "title"
    assert len(article.blocks) >= 3


def test_write_imported_refuses_overwrite_and_clash(tmp_path: Path) -> None:
    imported = import_path(SEED)
    first = write_imported(imported, tmp_path)
    before = first.read_bytes()
    with pytest.raises(SourceError, match="already exists"):
        write_imported(imported, tmp_path)
    imported.meta["caption"] = "Photo by the ministry"
    assert write_imported(imported, tmp_path, overwrite=True) == first
    assert first.read_bytes() != before
    other = tmp_path / "renamed.md"
    other.write_bytes(first.read_bytes())
    first.unlink()
    with pytest.raises(SourceError, match="already used by") as info:
        write_imported(imported, tmp_path, overwrite=True)
    assert str(other) in info.value.message
    assert not first.exists()


def test_write_imported_rejects_bad_slug(tmp_path: Path) -> None:
    bad = ImportedArticle(
        {"slug": "../evil", "title": "T", "lang": "en", "date": "2021-01-01"}, "B."
    )
    with pytest.raises(SourceError, match="invalid slug"):
        write_imported(bad, tmp_path)
    assert list(tmp_path.iterdir()) == []
