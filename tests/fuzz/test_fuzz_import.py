"""Fuzzing `import` with scraped pages (HTML and the portal's text layout)."""

from __future__ import annotations

from hypothesis import event, given

from transflow.source.article import SLUG_RE, load_article

from .gen_requests import import_page
from .harness import assert_outcome, project, run_cli, tree, warm_up
from .profiles import fuzz_settings

warm_up()


@fuzz_settings(400)
@given(raw=import_page)
def test_import_takes_any_page(raw: bytes) -> None:
    html = b"<html" in raw or b"<!DOCTYPE" in raw
    with project(with_article=False) as root:
        page = root / ("page.html" if html else "page.txt")
        page.write_bytes(raw)
        before = tree(root)
        outcome = run_cli("-C", str(root), "import", str(page))
        event(f"exit {outcome.status}")
        assert_outcome(outcome, {0, 2}, named=page)
        written = sorted((root / "source_articles").glob("*.md"))
        if outcome.status:
            assert tree(root) == before
            return
        assert len(written) == 1
        article = load_article(written[0], ["be", "ru", "en"])  # a valid source article
        assert SLUG_RE.fullmatch(article.slug)
        if b"<script>alert(1)</script>" in raw:
            assert "alert" not in article.title and "alert" not in article.slug
        body = [b.text for b in article.blocks if b.kind not in ("title", "caption")]
        assert article.title not in body  # the heading is the title, not also a paragraph
