"""Baselines: the findings a repository already had, so that only new ones are reported.

A finding is keyed by its file (relative to the baseline's folder), document, YAML path and
rule code, never by line: lines move with every edit above them. Keys are counted, so a
second finding of the same kind at the same place is new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from k0slint.lint.discovery import relative_path
from k0slint.lint.findings import Finding
from k0slint.lint.linter import FileResult
from k0slint.yaml.nodes import format_path

FORMAT_VERSION = 1
Key = tuple[str, int, str, str]


class BaselineError(Exception):
    """A baseline file k0slint cannot read or write; the message names the file."""


def key_of(finding: Finding, folder: str) -> Key:
    return (relative_path(finding.file, folder), finding.document, format_path(finding.path), finding.code)


@dataclass
class Baseline:
    path: str
    counts: Counter[Key]

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    @classmethod
    def of(cls, path: str, findings: Iterable[Finding]) -> Baseline:
        folder = os.path.dirname(os.path.abspath(path))
        return cls(path, Counter(key_of(finding, folder) for finding in findings))

    @classmethod
    def read(cls, path: str) -> Baseline:
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except OSError as error:
            raise BaselineError(f"{path}: cannot read: {error.strerror or error}") from None
        except UnicodeDecodeError as error:
            raise BaselineError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
        except json.JSONDecodeError as error:
            raise BaselineError(f"{path}:{error.lineno}:{error.colno}: not JSON: {error.msg}") from None
        return cls(path, _parse(data, path))

    def to_json(self) -> dict[str, Any]:
        entries = [
            {"file": file, "document": document, "path": yaml_path, "code": code, "count": count}
            for (file, document, yaml_path, code), count in sorted(self.counts.items())
        ]
        return {"version": FORMAT_VERSION, "findings": entries}

    def write(self) -> None:
        from k0slint.atomic_write import WriteError, write_new_file

        text = json.dumps(self.to_json(), indent=2) + "\n"
        try:
            write_new_file(self.path, text.encode("utf-8"))
        except WriteError as error:
            raise BaselineError(f"{self.path}: {error}") from None

    def filter(self, results: Sequence[FileResult]) -> tuple[int, int]:
        """Drop the findings the baseline holds; (findings dropped, baseline entries left unmatched)."""
        remaining = Counter(self.counts)
        dropped = 0
        folder = self.folder
        for result in results:
            kept = []
            for finding in result.findings:
                key = key_of(finding, folder)
                if remaining[key] > 0:
                    remaining[key] -= 1
                    dropped += 1
                else:
                    kept.append(finding)
            result.findings = kept
        return dropped, sum(remaining.values())


def _parse(data: Any, path: str) -> Counter[Key]:
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{path}: not a k0slint baseline (version {FORMAT_VERSION})")
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise BaselineError(f"{path}: findings must be a list")
    counts: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        try:
            file, document, yaml_path, code = entry["file"], entry["document"], entry["path"], entry["code"]
            count = entry.get("count", 1)
        except (TypeError, KeyError) as error:
            raise BaselineError(f"{path}: findings[{index}] lacks {error}") from None
        valid = (
            isinstance(file, str)
            and isinstance(yaml_path, str)
            and isinstance(code, str)
            and all(isinstance(n, int) and not isinstance(n, bool) for n in (document, count))
            and count > 0
        )
        if not valid:
            raise BaselineError(f"{path}: findings[{index}] has a value of the wrong type")
        counts[(file, document, yaml_path, code)] += count
    return counts
