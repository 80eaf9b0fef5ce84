"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning, one run.

Locations are relative to the repository root (`uriBaseId: %SRCROOT%`), regions 1-based with
an exclusive end column counted in Unicode code points (`columnKind`), fixes carry the text
edits, and `partialFingerprints` a k0slint key that survives moving lines: rule, file and
YAML path. GitHub computes `primaryLocationLineHash` itself.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from k0slint import __version__
from k0slint.fix.locate import LocatedEdit
from k0slint.lint.findings import Finding, Location, Severity
from k0slint.lint.linter import FileResult
from k0slint.lint.rule import Rule
from k0slint.lint.rule_docs import page_url, rule_docs
from k0slint.reporters.contract import Reporter, ReportOptions, RunReport
from k0slint.reporters.edits import edits_of, fix_edits
from k0slint.reporters.summary import all_findings
from k0slint.yaml.nodes import format_path
from k0slint.yaml.source import LineIndex

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/k0slint/k0slint"
ROOT_ID = "%SRCROOT%"
FINGERPRINT = "k0slint/v1"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}


def repository_root(start: str | None = None) -> Path:
    """The closest folder upwards holding `.git`; the start folder when there is none."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


class _Locator:
    def __init__(self, root: Path, results: Sequence[FileResult]) -> None:
        self.root = root
        self.texts = {r.path: r.source.text for r in results if r.source is not None}
        self.indexes: dict[str, LineIndex] = {}

    def artifact(self, file: str) -> dict[str, Any]:
        if file == "-":
            return {"uri": "stdin"}
        path = Path(os.path.realpath(file))
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return {"uri": path.as_uri()}
        return {"uri": quote(relative.as_posix()), "uriBaseId": ROOT_ID}

    def physical(self, where: Location) -> dict[str, Any]:
        end_column = where.end_column
        if where.end_line == where.line:
            end_column = max(end_column, where.column + 1)
        region: dict[str, Any] = {
            "startLine": where.line,
            "startColumn": where.column,
            "endLine": where.end_line,
            "endColumn": end_column,
        }
        location: dict[str, Any] = {"artifactLocation": self.artifact(where.file), "region": region}
        text = self.texts.get(where.file)
        if text is not None:
            index = self.indexes.setdefault(where.file, LineIndex(text))
            region["snippet"] = {
                "text": self._slice(text, index, where.line, where.column, where.end_line, end_column)
            }
            first, last = max(1, where.line - 1), min(len(index.starts), where.end_line + 1)
            location["contextRegion"] = {
                "startLine": first,
                "endLine": last,
                "snippet": {"text": self._lines(text, index, first, last)},
            }
        return location

    @staticmethod
    def _offset(index: LineIndex, line: int, column: int) -> int:
        return index.starts[min(line, len(index.starts)) - 1] + column - 1

    def _slice(
        self, text: str, index: LineIndex, line: int, column: int, end_line: int, end_column: int
    ) -> str:
        return text[self._offset(index, line, column) : self._offset(index, end_line, end_column)]

    @staticmethod
    def _lines(text: str, index: LineIndex, first: int, last: int) -> str:
        end = index.starts[last] if last < len(index.starts) else len(text)
        return text[index.starts[first - 1] : end]


def _rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    docs = rule_docs(rule)
    properties: dict[str, Any] = {
        "tags": list(rule.tags),
        "precision": rule.precision,
        "problem.severity": _PROBLEM_SEVERITY[rule.severity],
    }
    if rule.security_severity is not None:
        properties["security-severity"] = f"{rule.security_severity:.1f}"
        properties["tags"] = sorted({*rule.tags, "security"})
    return {
        "id": rule.code,
        "name": rule.__name__,
        "shortDescription": {"text": _sentence(rule.summary)},
        "fullDescription": {
            "text": _sentence(" ".join(docs.sections.get("What it does", rule.summary).split()))
        },
        "help": {"text": docs.text, "markdown": docs.markdown},
        "helpUri": page_url(rule) or f"{INFORMATION_URI}#rules",
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": properties,
    }


def _fingerprint(finding: Finding, artifact: dict[str, Any]) -> str:
    key = "\0".join((finding.code, artifact["uri"], str(finding.document), format_path(finding.path)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _fixes(finding: Finding, edits: list[LocatedEdit], locator: _Locator) -> list[dict[str, Any]]:
    if finding.fix is None or not edits:
        return []
    replacements = [
        {
            "deletedRegion": {
                "startLine": edit.start_line,
                "startColumn": edit.start_column,
                "endLine": edit.end_line,
                "endColumn": edit.end_column,
            },
            "insertedContent": {"text": edit.text},
        }
        for edit in edits
    ]
    applicability = finding.fix.applicability.value
    # A title that explains its applicability ("(unsafe: ...)") already says it.
    said = applicability == "safe" or f"({applicability}" in finding.fix.title
    safety = "" if said else f" ({applicability})"
    return [
        {
            "description": {"text": _sentence(finding.fix.title + safety)},
            "artifactChanges": [
                {"artifactLocation": locator.artifact(finding.file), "replacements": replacements}
            ],
        }
    ]


def _result(
    finding: Finding, index: dict[str, int], edits: list[LocatedEdit], locator: _Locator
) -> dict[str, Any]:
    location = locator.physical(finding.location)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVELS[finding.severity],
        "message": {"text": _sentence(finding.message)},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {FINGERPRINT: _fingerprint(finding, location["artifactLocation"])},
    }
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": locator.physical(related.location),
                "message": {"text": _sentence(related.message)},
            }
            for number, related in enumerate(finding.related, start=1)
        ]
    fixes = _fixes(finding, edits, locator)
    if fixes:
        result["fixes"] = fixes
    return result


def build(
    results: Sequence[FileResult],
    rules: Sequence[type[Rule]],
    errors: Sequence[str] = (),
    root: Path | None = None,
) -> dict[str, Any]:
    root = root or repository_root()
    locator = _Locator(root, results)
    ordered = sorted(rules, key=lambda rule: rule.code)
    index = {rule.code: number for number, rule in enumerate(ordered)}
    edits = fix_edits(results)
    findings = [finding for finding in all_findings(results) if finding.code in index]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "k0slint",
                "semanticVersion": __version__,
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(rule) for rule in ordered],
            }
        },
        "originalUriBaseIds": {ROOT_ID: {"uri": root.as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [
            {
                "executionSuccessful": not errors,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": _sentence(error)}} for error in errors
                ],
            }
        ],
        "results": [_result(finding, index, edits_of(edits, finding), locator) for finding in findings],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def report(run: RunReport, options: ReportOptions, stream: TextIO) -> None:
    document = build(run.results, run.rules(), [str(error) for error in run.errors])
    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


REPORTER = Reporter(report, needs_sources=True)
