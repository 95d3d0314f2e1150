"""The monthly archive of each language: `<lang>/archive/<YYYY-MM>.html`, then `-2`, `-3`, ...
pages of `page_size` articles each, newest first. A page changes only with its own month.
"""

from __future__ import annotations

from transflow.publish.dates import format_date
from transflow.publish.interface import labels
from transflow.publish.render import LANGUAGE_NAMES, Renderer


def page_name(month: str, number: int) -> str:
    """The file name of page `number` (1-based) of a month."""
    return f"{month}.html" if number == 1 else f"{month}-{number}.html"


def page_count(items: int, page_size: int) -> int:
    """How many pages a month of `items` articles takes (at least one)."""
    return max(1, -(-items // page_size))


def month_pages(
    renderer: Renderer,
    lang: str,
    month: str,
    items: list[dict],
    page_size: int,
    languages: list[str],
) -> dict[str, str]:
    """Relative path -> text of the archive pages of one month of one language (`items` newest
    first, as feeds.index_items gives them; `languages` have indexes to link to)."""
    others = [
        {"lang": o, "name": LANGUAGE_NAMES.get(o, o), "href": f"../../{o}/"}
        for o in sorted(languages)
        if o != lang
    ]
    count = page_count(len(items), page_size)
    files = {}
    for number in range(1, count + 1):
        chunk = items[(number - 1) * page_size : number * page_size]
        shown = [
            dict(
                i,
                href=f"../{i['href']}",
                date_iso=i["date"],
                date_text=format_date(i["date"], lang),
            )
            for i in chunk
        ]
        pager = {
            "newer": page_name(month, number - 1) if number > 1 else "",
            "older": page_name(month, number + 1) if number < count else "",
        }
        suffix = f" ({number}/{count})" if count > 1 else ""
        files[f"{lang}/archive/{page_name(month, number)}"] = renderer.index_html(
            lang,
            shown,
            others,
            title=f"{labels(lang)['index']} · {month}{suffix}",
            pager=pager,
            feed_href="../feed.atom",
        )
    return files
