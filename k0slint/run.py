"""One run over the files named on the command line: lint, fix or diff each of them."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum

from k0slint.discovery import FileTarget, expand
from k0slint.engine import FileResult, Linter
from k0slint.findings import Finding


class Mode(Enum):
    CHECK = "check"
    FIX = "fix"
    DIFF = "diff"


@dataclass
class RunResult:
    results: list[FileResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    applied: list[Finding] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    stdin_output: bytes | None = None


def _read(path: str, stdin_name: str | None) -> tuple[str, bytes]:
    if path == "-":
        return stdin_name or "-", sys.stdin.buffer.read()
    with open(path, "rb") as handle:
        return path, handle.read()


def _inputs(
    targets: Sequence[FileTarget], stdin_name: str | None, run: RunResult
) -> Iterator[tuple[str, str, bytes, bool]]:
    """(path as given, name to report, bytes, explicit) for every readable file."""
    for target in targets:
        try:
            name, data = _read(target.path, stdin_name)
        except OSError as error:
            run.errors.append(f"{target.path}: cannot read: {error.strerror or error}")
            continue
        yield target.path, name, data, target.explicit


def _record(run: RunResult, result: FileResult) -> None:
    if result.error:
        run.errors.append(f"{result.path}:{result.error}")
    run.errors.extend(f"{result.path}: {error}" for error in result.rule_errors)
    run.results.append(result)


def execute(
    linter_for: Callable[[str], Linter],
    paths: Sequence[str],
    *,
    mode: Mode = Mode.CHECK,
    unsafe: bool = False,
    stdin_name: str | None = None,
) -> RunResult:
    """Lint, fix or diff every file under `paths`, each with the linter its settings give.

    Every file's linter is built before any file is read, so a bad configuration stops the
    run before --fix has written anything.
    """
    run = RunResult()
    targets: list[FileTarget] = []
    for target in expand(list(paths)):
        if isinstance(target, FileTarget):
            targets.append(target)
        else:
            run.errors.append(f"{target.path}: no such file or folder")
    linters = {
        target.path: linter_for(stdin_name if target.path == "-" and stdin_name else target.path)
        for target in targets
    }
    for path, name, data, explicit in _inputs(targets, stdin_name, run):
        linter = linters[path]
        if mode is Mode.CHECK:
            _record(run, linter.lint_bytes(name, data, explicit=explicit))
            continue
        _fix_one(linter, run, path, name, data, explicit=explicit, mode=mode, unsafe=unsafe)
    return run


def _fix_one(
    linter: Linter,
    run: RunResult,
    path: str,
    name: str,
    data: bytes,
    *,
    explicit: bool,
    mode: Mode,
    unsafe: bool,
) -> None:
    from k0slint.fix.session import fix_file
    from k0slint.fix.write import WriteError, write_atomically

    fixed = fix_file(linter, name, data, explicit=explicit, unsafe=unsafe)
    _record(run, fixed.result)
    if fixed.error:
        run.errors.append(f"{name}: {fixed.error}")
        return
    if not fixed.changed or fixed.new is None:
        if path == "-" and mode is Mode.FIX:
            run.stdin_output = data
        return
    if mode is Mode.DIFF:
        run.diffs.append(fixed.diff())
        return
    if path == "-":
        run.stdin_output = fixed.new
    else:
        try:
            write_atomically(path, data, fixed.new)
        except WriteError as error:
            run.errors.append(f"{name}: {error}")
            return
    run.applied.extend(fixed.applied)
    run.changed.append(name)


def folders_without_configs(paths: Sequence[str], results: Sequence[FileResult]) -> list[str]:
    out = []
    for folder in (path for path in paths if path != "-" and os.path.isdir(path)):
        prefix = os.path.join(os.path.normpath(folder), "")
        if not any(r.configs and (r.path.startswith(prefix) or folder == ".") for r in results):
            out.append(folder)
    return out
