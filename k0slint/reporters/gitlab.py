"""`--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`).

A JSON array of issues with the fields GitLab documents: `description`, `check_name`,
`fingerprint`, `severity` (GitLab's `info`, `minor`, `major`, `critical`, `blocker`) and
`location` (`path` relative to the repository root, `lines.begin`). The fingerprint hashes
the file, the rule code, the document and the finding's YAML path, never the line, so a
finding keeps it when lines move; findings sharing all four are told apart by their order.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from k0slint.lint.findings import Finding, Severity
from k0slint.reporters.contract import Reporter, ReportOptions, RunReport
from k0slint.reporters.display import one_line
from k0slint.reporters.summary import all_findings
from k0slint.yaml.nodes import format_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _root() -> Path:
    """The closest folder upwards holding `.git` (GitLab's paths are relative to it)."""
    here = Path.cwd().resolve()
    return next((folder for folder in (here, *here.parents) if (folder / ".git").exists()), here)


def _path(file: str, root: Path) -> str:
    if file == "-":
        return file
    path = Path(os.path.realpath(file))
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def issues(run: RunReport, root: Path) -> list[dict[str, Any]]:
    out = []
    seen: Counter[str] = Counter()
    for finding in all_findings(run.results):
        path = _path(finding.file, root)
        key = "\0".join((path, finding.code, str(finding.document), format_path(finding.path)))
        seen[key] += 1
        out.append(_issue(finding, path, f"{key}\0{seen[key]}"))
    return out


def _issue(finding: Finding, path: str, key: str) -> dict[str, Any]:
    return {
        "description": f"{finding.code}: {one_line(finding.message)}",
        "check_name": finding.code,
        "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
        "severity": SEVERITIES[finding.severity],
        "location": {"path": path, "lines": {"begin": finding.line, "end": finding.end_line}},
    }


def report(run: RunReport, options: ReportOptions, stream: TextIO) -> None:
    json.dump(issues(run, _root()), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


REPORTER = Reporter(report)
