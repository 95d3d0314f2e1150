"""The render step: every changed article into dist/ (or dist/preview/), following the policy."""

from __future__ import annotations

from pathlib import Path

from transflow.errors import TransflowError
from transflow.pipeline.project import Project, SourceFile
from transflow.pipeline.resources import load_glossary
from transflow.pipeline.state import file_digest, fingerprint
from transflow.publish.publisher import Publisher, PublishReport


def _render_inputs(project: Project, source: SourceFile, preview: bool) -> str:
    config = project.config
    parts = [source.digest, config.raw, str(preview)]
    for lang in project.targets(source.lang):
        parts.append(file_digest(project.po_path(lang, source.slug)))
    glossary = config.glossary
    parts.append(file_digest(Path(glossary)) if glossary else "-")
    if config.templates_dir and Path(config.templates_dir).is_dir():
        for path in sorted(Path(config.templates_dir).rglob("*")):
            if path.is_file():
                parts += [str(path), file_digest(path)]
    return fingerprint(parts)


def render_articles(
    project: Project, sources: list[SourceFile], report, preview: bool = False, batch: int = 250
) -> PublishReport:
    """Render every changed article into dist/ (or dist/preview/ with drafts marked).

    An article that cannot be rendered, or a catalog that cannot be read, is reported in
    `report.problems` (again on every run until fixed) and skipped; everything else is published.
    Outputs are written atomically, `batch` articles at a time.
    """
    result = PublishReport(preview=preview)
    publisher = Publisher(project, load_glossary(project), preview=preview)
    state = project.state
    done: list[tuple] = []

    def commit() -> None:
        publisher.writer.commit()
        for key, inputs, outputs, extra in done:
            state.record(key, inputs, outputs, **extra)
            for path in outputs:
                report.add("render", path)
        done.clear()

    try:
        for source in sources:
            key = f"render:{source.slug}" + (":preview" if preview else "")
            inputs = _render_inputs(project, source, preview)
            record = state.get(key)
            if state.fresh(key, inputs) and "langs" in record:
                result.languages[source.slug] = record["langs"]
                result.unchanged += 1
                for text in record.get("problems", []):
                    result.problems.append(text)
                    report.problems.append(TransflowError(text))
                report.add("render", None)
                continue
            publisher.problems = []
            try:
                langs = publisher.article(source)
            except TransflowError as exc:
                result.problems.append(str(exc))
                report.problems.append(exc)
                continue
            result.problems.extend(str(p) for p in publisher.problems)
            report.problems.extend(publisher.problems)
            result.languages[source.slug] = langs
            result.rendered += 1
            outputs = [
                publisher.dist / o["path"]
                for info in langs.values()
                for o in info.get("outputs", {}).values()
            ]
            extra = {
                "langs": langs,
                "date": project.load(source).date.isoformat(),
                "source_lang": source.lang,
                "problems": [str(p) for p in publisher.problems],
            }
            done.append((key, inputs, outputs, extra))
            if len(done) >= batch:
                commit()
        commit()
    finally:
        publisher.writer.abort()
    return result
