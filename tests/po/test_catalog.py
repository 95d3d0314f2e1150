"""Catalog model: new PO from a POT, msgmerge-like update, header helpers, statistics."""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path

from transflow.po.catalog import (
    Catalog,
    Message,
    catalog_stats,
    get_header,
    new_catalog,
    set_header_field,
    update_catalog,
)
from transflow.po.pofile import format_po, parse_po

POT_HEADER = (
    "Project-Id-Version: transflow test-day\n"
    "POT-Creation-Date: 2026-03-09 10:00+0000\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "X-Source-Language: ru\n"
)


def pot_of(*texts: str) -> Catalog:
    msgs = [
        Message(
            msgid=t,
            references=[f"source_articles/test-day.md:{i + 1}"],
            extracted_comments=["paragraph"],
        )
        for i, t in enumerate(texts)
    ]
    return Catalog(header=Message(msgid="", msgstr=POT_HEADER), messages=msgs)


OLD = [
    "Уборочная кампания в Гомельской области завершится к концу сентября.",
    "На полях работают более двух тысяч единиц техники.",
    "Урожайность зерновых в этом году выше прошлогодней.",
    "Эта фраза не переведена и исчезнет.",
]
NEW = [
    "Уборочная кампания в Гомельской области завершится к середине сентября.",  # changed
    "На полях работают более двух тысяч единиц техники.",  # same
    "Аграрии благодарят механизаторов за слаженную работу.",  # new
]


def translated_po() -> Catalog:
    po = new_catalog(pot_of(*OLD), "be")
    for msg, text in zip(
        po.messages,
        [
            "Уборачная кампанія ў Гомельскай вобласці завершыцца да канца верасня.",
            "На палях працуюць больш за дзве тысячы адзінак тэхнікі.",
            "Ураджайнасць збожжавых сёлета вышэйшая за леташнюю.",
            "",
        ],
        strict=True,
    ):
        msg.msgstr = text
    po.messages[1].translator_comments = ["checked by the editor"]
    return po


def msgfmt_ok(text: str, tmp_path: Path) -> str:
    path = tmp_path / "check.po"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    return done.stderr.decode()


def msgcat_same(text: str) -> bool:
    out = subprocess.run(["msgcat", "-"], input=text.encode(), capture_output=True, check=True)
    return out.stdout.decode() == text


def test_new_catalog_header_passes_msgfmt(tmp_path: Path) -> None:
    po = new_catalog(pot_of(*OLD), "be", source_lang="ru")
    header = get_header(po)
    assert header["Language"] == "be"
    assert header["Plural-Forms"].startswith("nplurals=3;")
    assert header["X-Source-Language"] == "ru"
    assert header["PO-Revision-Date"] == "2026-03-09 10:00+0000"
    assert all(not m.msgstr for m in po.messages)
    text = format_po(po)
    assert msgfmt_ok(text, tmp_path) == ""  # not even a warning
    assert msgcat_same(text)


def test_update_semantics() -> None:
    po = translated_po()
    before = copy.deepcopy(po)
    pot = pot_of(*NEW)
    out = update_catalog(po, pot, "be")
    assert po == before  # inputs untouched
    active = [m for m in out.messages if not m.obsolete]
    assert [m.msgid for m in active] == NEW
    changed, same, new = active
    assert changed.fuzzy and changed.previous_msgid == OLD[0]
    assert changed.msgstr.startswith("Уборачная кампанія")
    assert same.approved and same.translator_comments == ["checked by the editor"]
    assert same.references == ["source_articles/test-day.md:2"]
    assert not new.msgstr and not new.fuzzy
    obsolete = [m for m in out.messages if m.obsolete]
    assert [m.msgid for m in obsolete] == [OLD[2]]  # the untranslated one is dropped
    assert obsolete[0].references == [] and obsolete[0].extracted_comments == []
    assert get_header(out)["X-Source-Language"] == "ru"


def test_update_is_idempotent_and_keeps_dates(tmp_path: Path) -> None:
    po = translated_po()
    once = update_catalog(po, pot_of(*NEW), "be")
    twice = update_catalog(once, pot_of(*NEW), "be")
    assert twice == once
    assert format_po(twice) == format_po(once)
    assert get_header(once)["PO-Revision-Date"] == get_header(po)["PO-Revision-Date"]
    text = format_po(once)
    msgfmt_ok(text, tmp_path)
    assert msgcat_same(text)
    assert parse_po(text) == Catalog(
        header=once.header,
        messages=[m for m in once.messages if not m.obsolete]
        + [m for m in once.messages if m.obsolete],
    )


def test_obsolete_entry_is_revived() -> None:
    po = translated_po()
    gone = update_catalog(po, pot_of(OLD[1]), "be")
    assert [m.msgid for m in gone.messages if m.obsolete] == [OLD[0], OLD[2]]
    back = update_catalog(gone, pot_of(OLD[1], OLD[2]), "be")
    revived = [m for m in back.messages if m.msgid == OLD[2]]
    assert len(revived) == 1 and revived[0].approved and not revived[0].obsolete


def test_same_reference_wins_a_tie() -> None:
    po = new_catalog(pot_of("Minsk hosts the forum today.", "Minsk hosts the forum today!"), "en")
    po.messages[0].msgstr = "first"
    po.messages[1].msgstr = "second"
    pot = Catalog(
        header=Message(msgid="", msgstr=POT_HEADER),
        messages=[
            Message(
                msgid="Minsk hosts the forum today?", references=["source_articles/test-day.md:2"]
            )
        ],
    )
    out = update_catalog(po, pot, "en")
    assert out.messages[0].msgstr == "second"
    assert out.messages[0].fuzzy


def test_matches_msgmerge_structure(tmp_path: Path) -> None:
    po = translated_po()
    pot = pot_of(*NEW)
    (tmp_path / "old.po").write_text(format_po(po), encoding="utf-8")
    (tmp_path / "new.pot").write_text(format_po(pot), encoding="utf-8")
    done = subprocess.run(
        [
            "msgmerge",
            "--quiet",
            "--previous",
            "-o",
            "-",
            str(tmp_path / "old.po"),
            str(tmp_path / "new.pot"),
        ],
        capture_output=True,
        check=True,
    )
    theirs = parse_po(done.stdout.decode())
    ours = update_catalog(po, pot, "be")

    def shape(cat: Catalog) -> list[tuple]:
        return [(m.msgid, m.obsolete, m.fuzzy, m.previous_msgid, m.msgstr) for m in cat.messages]

    ours_sorted = [m for m in ours.messages if not m.obsolete] + [
        m for m in ours.messages if m.obsolete
    ]
    assert shape(Catalog(messages=ours_sorted)) == shape(theirs)


def test_header_helpers_and_stats() -> None:
    po = translated_po()
    set_header_field(po, "Language", "be")
    set_header_field(po, "X-Reviewed", "no")
    fields = get_header(po)
    assert list(fields)[-1] == "X-Reviewed"
    assert fields["Language"] == "be"
    po.messages[0].flags = ["fuzzy"]
    po.messages.append(Message(msgid="Old", msgstr="Стары", obsolete=True))
    stats = catalog_stats(po)
    assert stats == {
        "total": 4,
        "approved": 2,
        "fuzzy": 1,
        "untranslated": 1,
        "obsolete": 1,
        "words": sum(len(t.split()) for t in OLD),
    }


def test_plural_forms_of_new_catalogs_match_the_committed_ones() -> None:
    from tests.paths import REPO_ROOT

    for lang in ("be", "ru", "en"):
        committed = {
            get_header(parse_po(path.read_text("utf-8")))["Plural-Forms"]
            for path in (REPO_ROOT / "locales" / lang / "LC_MESSAGES").glob("*.po")
        }
        made = get_header(new_catalog(pot_of("Сегодня дождь."), lang, source_lang="ru"))
        assert committed == {made["Plural-Forms"]}, lang


def test_approving_an_entry_drops_its_stale_mt_unknown_note() -> None:
    pot = pot_of("Первое предложение.", "Второе предложение.")
    po = new_catalog(pot, "be", source_lang="ru")
    notes = ["mt: apertium (ru->be)", "mt-unknown: Абвгд"]
    for message in po.messages:
        message.msgstr = "Пераклад."
        message.translator_comments = list(notes)
    po.messages[0].flags = ["fuzzy"]  # still a draft: the note still helps the reviewer
    merged = update_catalog(po, pot, "be")
    draft, approved = merged.messages
    assert draft.translator_comments == notes
    assert approved.translator_comments == ["mt: apertium (ru->be)"]
    assert update_catalog(merged, pot, "be").messages[1].translator_comments == [
        "mt: apertium (ru->be)"
    ]
