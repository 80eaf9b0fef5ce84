"""`--format json`: one object, versioned (see README, "JSON output")."""

from __future__ import annotations

import json
from typing import Any, TextIO

from k0slint import __version__
from k0slint.fix.edits import Fix
from k0slint.fix.locate import LocatedEdit
from k0slint.lint.findings import Finding, RelatedLocation
from k0slint.reporters.contract import Reporter, ReportOptions, RunReport
from k0slint.reporters.edits import edits_of, fix_edits
from k0slint.reporters.summary import all_findings, summarise
from k0slint.yaml.nodes import format_path

FORMAT_VERSION = 1


def _fix(fix: Fix | None, text_edits: list[LocatedEdit]) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "description": fix.title,
        "applicability": fix.applicability.value,
        "edits": [
            {"kind": type(edit).__name__, "path": format_path(edit.path), **_edit_value(edit)}
            for edit in fix.edits
        ],
        "text_edits": [
            {
                "line": edit.start_line,
                "column": edit.start_column,
                "end_line": edit.end_line,
                "end_column": edit.end_column,
                "text": edit.text,
            }
            for edit in text_edits
        ],
    }


def _edit_value(edit: object) -> dict[str, Any]:
    value = getattr(edit, "value", None)
    return {} if value is None else {"value": value}


def _related(related: RelatedLocation) -> dict[str, Any]:
    where = related.location
    return {
        "file": where.file,
        "line": where.line,
        "column": where.column,
        "end_line": where.end_line,
        "end_column": where.end_column,
        "path": format_path(related.path),
        "message": related.message,
    }


def finding_to_json(finding: Finding, text_edits: list[LocatedEdit] | None = None) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "path": format_path(finding.path),
        "document": finding.document,
        "fix": _fix(finding.fix, text_edits or []),
        "related": [_related(related) for related in finding.related],
    }


def report(run: RunReport, options: ReportOptions, stream: TextIO) -> None:
    summary = summarise(run.results)
    edits = fix_edits(run.results)
    payload = {
        "version": FORMAT_VERSION,
        "tool": {"name": "k0slint", "version": __version__},
        "findings": [
            finding_to_json(finding, edits_of(edits, finding)) for finding in all_findings(run.results)
        ],
        "fixed": [finding_to_json(finding) for finding in sorted(run.fixed, key=Finding.sort_key)],
        "errors": [{"file": error.file, "message": error.message} for error in run.errors],
        "skipped": [{"file": path, "reason": reason} for path, reason in summary.skipped],
        "summary": {
            "files": summary.files,
            "configs": summary.configs,
            "findings": summary.findings,
        },
    }
    json.dump(payload, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


REPORTER = Reporter(report, needs_sources=True)
