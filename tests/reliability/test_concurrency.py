"""Concurrency: runs never interleave (project lock); a save made during translate is kept."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.paths import SEED_PAGE
from transflow.errors import CatalogError, LockError, TransflowError
from transflow.fsutil import atomic_write, remove_stale_temps
from transflow.pipeline.fill import save_merged
from transflow.pipeline.project import Project
from transflow.po.catalog import Catalog, Message
from transflow.po.pofile import format_po, read_po

from .helpers import add_articles, cli_command, cli_env, outputs, transflow

WRITING_COMMANDS = ["build", "extract", "update", "translate", "render"]


@pytest.mark.parametrize("command", WRITING_COMMANDS)
def test_every_writing_command_gives_up_clearly_while_the_lock_is_held(fake_project, command):
    before = {str(p): p.read_bytes() for p in fake_project.rglob("*") if p.is_file()}
    with Project.open(fake_project).lock():
        result = transflow(fake_project, command)
    assert result.returncode == LockError.exit_code == 4
    assert "another transflow run is working on this project" in result.stderr
    assert ".transflow/lock" in result.stderr and "Traceback" not in result.stderr
    after = {str(p): p.read_bytes() for p in fake_project.rglob("*") if p.is_file()}
    assert {k: v for k, v in after.items() if not k.endswith("/lock")} == before


def test_two_waiting_builds_run_one_after_the_other(fake_project, tmp_path):
    """Both builds queue on the lock the test holds; when released, exactly one does the work."""
    add_articles(fake_project, 6)
    reference = tmp_path / "reference"
    shutil.copytree(fake_project, reference)
    assert transflow(reference, "build").returncode == 0
    procs = []
    with Project.open(fake_project).lock():
        for _ in range(2):
            proc = subprocess.Popen(
                cli_command(fake_project, "--wait", "600", "build"),
                env=cli_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            # blocks until the run reports that it waits for the lock: no timing involved
            assert "waiting up to 600 s" in proc.stderr.readline()
            procs.append(proc)
    results = [(p.returncode, *p.communicate(timeout=600)) for p in procs]
    results = [(p.returncode, out, err) for p, (_, out, err) in zip(procs, results, strict=True)]
    assert [r[0] for r in results] == [0, 0], results
    idle = [out for _, out, _ in results if "nothing to do" in out]
    busy = [out for _, out, _ in results if "file(s) written" in out and "nothing to do" not in out]
    assert len(idle) == 1 and len(busy) == 1, results  # serialised, not interleaved
    assert outputs(fake_project) == outputs(reference)


def test_stale_temp_files_are_removed_under_the_lock_and_look_alikes_kept(fake_project):
    assert transflow(fake_project, "build").returncode == 0
    po_dir = fake_project / "locales/be/LC_MESSAGES"
    stale = [
        po_dir / ".minsk-half-marathon.po.ab_c12yz.tmp",
        fake_project / "dist/be/.minsk-half-marathon.html.k2j4m9q0.tmp",
    ]
    keep = [
        po_dir / ".notes.tmp",
        po_dir / ".minsk-half-marathon.po.swp",
        po_dir / "draft.po.ab_c12yz.tmp",
    ]
    for path in stale + keep:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half a file", "utf-8")
    with Project.open(fake_project).lock():
        pass
    assert [p for p in stale if p.exists()] == []
    assert all(p.exists() for p in keep)
    assert remove_stale_temps([fake_project / "no-such-folder"]) == []


# ---------------------------------------------------------------------------------------------
# save_merged: a translator's save between our read and our write


def _catalog(entries: dict[str, str]) -> Catalog:
    header = Message("", "Content-Type: text/plain; charset=UTF-8\nLanguage: be\n")
    return Catalog(header=header, messages=[Message(k, v) for k, v in entries.items()])


def _fill(catalog: Catalog) -> int:
    """Our 'drafts': fill every empty entry with a fuzzy machine text."""
    changed = 0
    for m in catalog.messages:
        if not m.msgstr:
            m.msgstr, m.flags = f"MT {m.msgid}", ["fuzzy"]
            changed += 1
    return changed


def test_save_merged_keeps_a_save_made_between_read_and_write(tmp_path):
    path = tmp_path / "a.po"
    atomic_write(path, format_po(_catalog({"One.": "", "Two.": "", "Three.": ""})))
    original = path.read_bytes()
    ours = read_po(path)
    _fill(ours)
    # the translator saves: approves "Two." and rewrites nothing else
    theirs = read_po(path)
    theirs.messages[1].msgstr = "Два."
    atomic_write(path, format_po(theirs))
    assert save_merged(path, original, ours, _fill) is True
    result = {m.msgid: (m.msgstr, m.fuzzy) for m in read_po(path).messages}
    assert result == {
        "One.": ("MT One.", True),
        "Two.": ("Два.", False),
        "Three.": ("MT Three.", True),
    }


def test_save_merged_writes_nothing_when_the_translator_did_all_the_work(tmp_path):
    path = tmp_path / "a.po"
    atomic_write(path, format_po(_catalog({"One.": ""})))
    original = path.read_bytes()
    ours = read_po(path)
    _fill(ours)
    done = format_po(_catalog({"One.": "Адзін."}))
    atomic_write(path, done)
    assert save_merged(path, original, ours, _fill) is False
    assert path.read_text("utf-8") == done


def test_save_merged_gives_up_on_a_file_that_keeps_changing(tmp_path):
    path = tmp_path / "a.po"
    atomic_write(path, format_po(_catalog({"One.": ""})))
    original = path.read_bytes()
    ours = read_po(path)
    _fill(ours)
    edits = iter(range(100))

    def busy_translator(catalog: Catalog) -> int:
        atomic_write(path, format_po(_catalog({"One.": "", f"Edit {next(edits)}.": ""})))
        return _fill(catalog)

    atomic_write(path, format_po(_catalog({"One.": "", "Start.": ""})))
    with pytest.raises(TransflowError, match="keeps changing") as info:
        save_merged(path, original, ours, busy_translator)
    assert info.value.path == str(path)
    read_po(path)  # whatever is on disk is still a whole PO file


@pytest.mark.parametrize(
    "saved",
    [
        b'msgid "One."\nmsgstr "unterminated\n',
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"'
        b'\n\nmsgid "Caf\xe9"\nmsgstr ""\n',
    ],
)
def test_save_merged_reports_a_broken_save_and_leaves_it_alone(tmp_path, saved):
    path = tmp_path / "a.po"
    atomic_write(path, format_po(_catalog({"One.": ""})))
    original = path.read_bytes()
    ours = read_po(path)
    _fill(ours)
    path.write_bytes(saved)
    with pytest.raises(CatalogError) as info:
        save_merged(path, original, ours, _fill)
    assert info.value.path == str(path) and info.value.line
    assert path.read_bytes() == saved


# ---------------------------------------------------------------------------------------------
# The same race through the CLI: the save lands while the engine is answering


def _translate_with_hook(root: Path, hook) -> subprocess.CompletedProcess:
    """`transflow translate` through a local LibreTranslate look-alike that calls `hook(entry)`
    on each request (before answering it), so a save lands while transflow translates."""
    from tests.mt.servers import FaultServer

    with FaultServer() as server:
        server.fault_for = lambda index, text: hook(server.log[index])
        config = root / "transflow.toml"
        text = config.read_text("utf-8").split("[chains]")[0]
        pairs = ["ru-be", "be-ru", "en-be", "en-ru", "be-en", "ru-en"]
        text += "[chains]\n" + "".join(f'"{p}" = ["libre"]\n' for p in pairs)
        text += (
            f'\n[engines.libre]\ntype = "libretranslate"\nurl = "{server.url}/"\ncache = false\n'
        )
        config.write_text(text, "utf-8")
        return transflow(root, "translate")


def test_translator_save_during_translate_subprocess_is_kept(fake_project):
    add_articles(fake_project, 4)
    assert transflow(fake_project, "update").returncode == 0
    po = fake_project / "locales/be/LC_MESSAGES/gen-001.po"
    saved: dict[str, str] = {}

    def translator_saves(entry: dict) -> None:
        if not saved and (entry["src"], entry["tgt"]) == ("en", "be"):
            catalog = read_po(po)  # what the editor shows, read after transflow read it
            for m in catalog.messages[:3]:
                m.msgstr = f"Пераклад рэдактара: {m.msgid}"
                saved[m.msgid] = m.msgstr
            atomic_write(po, format_po(catalog))

    result = _translate_with_hook(fake_project, translator_saves)
    assert result.returncode == 0, result.stderr
    assert len(saved) == 3
    messages = {m.msgid: m for m in read_po(po).messages}
    for msgid, msgstr in saved.items():
        assert messages[msgid].msgstr == msgstr and messages[msgid].approved
    others = [m for k, m in messages.items() if k not in saved]
    assert others and all(m.fuzzy and m.msgstr == f"[be] {m.msgid}" for m in others)


def test_broken_save_during_translate_is_reported_and_left_alone(fake_project):
    add_articles(fake_project, 4)
    assert transflow(fake_project, "update").returncode == 0
    po = fake_project / "locales/be/LC_MESSAGES/gen-001.po"
    other = fake_project / "locales/be/LC_MESSAGES/gen-002.po"
    broken = po.read_bytes().replace(b'msgstr ""\n\n', b'msgstr "half a sav\n\n', 1)

    def translator_saves(entry: dict) -> None:
        if po.read_bytes() != broken and (entry["src"], entry["tgt"]) == ("en", "be"):
            po.write_bytes(broken)

    result = _translate_with_hook(fake_project, translator_saves)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "locales/be/LC_MESSAGES/gen-001.po:" in result.stderr
    assert po.read_bytes() == broken
    assert all(m.msgstr.startswith("[be] ") for m in read_po(other).messages)


def test_import_gives_up_while_the_lock_is_held(fake_project):
    seed = SEED_PAGE
    for path in (fake_project / "source_articles").glob("belarusian-minister*.md"):
        path.unlink()
    with Project.open(fake_project).lock():
        result = transflow(fake_project, "import", str(seed))
    assert result.returncode == 4 and "Traceback" not in result.stderr
    assert not list((fake_project / "source_articles").glob("belarusian-minister*.md"))
