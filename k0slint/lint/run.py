"""One run over the files named on the command line: lint, fix or diff each of them."""

import gc
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from enum import Enum
from typing import NamedTuple

from k0slint.lint.discovery import Excluder, FileTarget, expand
from k0slint.lint.findings import Finding
from k0slint.lint.linter import GC_YOUNG_THRESHOLD, FileResult, Linter


class Mode(Enum):
    CHECK = "check"
    FIX = "fix"
    DIFF = "diff"


# Fewer files than this are linted in one process. A forked worker costs ~20 ms of CPU (its
# copy-on-write pages) and pays off in wall time from 16-32 files on 2 cores; from 64 it
# saves a quarter (benchmarks/README.md), and pre-commit's own split of many files is
# not doubled for the few files of a usual commit.
PARALLEL_MIN_FILES = 64
MAX_SHARE = 32  # files a process takes at once


class RunError(NamedTuple):
    """A file the run could not read, lint, fix or write (the exit status is then 2)."""

    file: str
    message: str
    # The message starts with `line:column: ` (a file that is not text): `file:line:column: message`.
    positioned: bool = False

    def __str__(self) -> str:
        return f"{self.file}{':' if self.positioned else ': '}{self.message}"


class RunResult:
    __slots__ = ("applied", "changed", "diffs", "errors", "results", "stdin_output")

    def __init__(self) -> None:
        self.results: list[FileResult] = []
        self.errors: list[RunError] = []
        self.applied: list[Finding] = []
        self.changed: list[str] = []
        self.diffs: list[str] = []
        self.stdin_output: bytes | None = None

    def merge(self, other: "RunResult") -> None:
        self.results.extend(other.results)
        self.errors.extend(other.errors)
        self.applied.extend(other.applied)
        self.changed.extend(other.changed)
        self.diffs.extend(other.diffs)
        if other.stdin_output is not None:
            self.stdin_output = other.stdin_output


class _Job(NamedTuple):
    targets: Sequence[FileTarget]
    linters: Mapping[str, Linter]
    mode: Mode
    unsafe: bool
    stdin_name: str | None
    keep_sources: bool
    count_fixes: bool

    def run(self, index: int) -> RunResult:
        target = self.targets[index]
        out = RunResult()
        try:
            name, data = _read(target.path, self.stdin_name)
        except OSError as error:
            out.errors.append(RunError(target.path, f"cannot read: {error.strerror or error}"))
            return out
        linter = self.linters[target.path]
        if self.mode is Mode.CHECK:
            result = linter.lint_bytes(name, data, explicit=target.explicit)
            if self.count_fixes and any(finding.fix for finding in result.findings):
                from k0slint.lint.fixing import fixable_counts

                result.fixable = fixable_counts(linter, name, result, explicit=target.explicit)
            _record(out, result)
        else:
            _fix_one(
                linter,
                out,
                target.path,
                name,
                data,
                explicit=target.explicit,
                mode=self.mode,
                unsafe=self.unsafe,
            )
        if not self.keep_sources:
            _trim(out)
        return out


def _trim(run: RunResult) -> None:
    """Drop what only reports with file text use (the text, each fix's edits): less to keep,
    and less for a worker to send back."""
    for result in run.results:
        result.source = None
        result.findings = _without_edits(result.findings)
        result.suppressed = _without_edits(result.suppressed)
    run.applied = _without_edits(run.applied)


def _without_edits(findings: list[Finding]) -> list[Finding]:
    return [
        finding if finding.fix is None else finding._replace(fix=finding.fix.without_edits())
        for finding in findings
    ]


def _read(path: str, stdin_name: str | None) -> tuple[str, bytes]:
    if path == "-":
        return stdin_name or "-", sys.stdin.buffer.read()
    with open(path, "rb") as handle:
        return path, handle.read()


def _record(run: RunResult, result: FileResult) -> None:
    if result.error:
        run.errors.append(RunError(result.path, result.error, positioned=True))
    run.errors.extend(RunError(result.path, error) for error in result.rule_errors)
    run.results.append(result)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def execute(
    linter_for: Callable[[str], Linter],
    paths: Sequence[str],
    *,
    mode: Mode = Mode.CHECK,
    unsafe: bool = False,
    stdin_name: str | None = None,
    jobs: int = 1,
    keep_sources: bool = True,
    count_fixes: bool = False,
    exclude: Excluder | None = None,
) -> RunResult:
    """Lint, fix or diff every file under `paths`, each with the linter its settings give.

    Every file's linter is built before any file is read, so a bad configuration stops the
    run before --fix has written anything. With `jobs` > 1 and enough files, files are
    shared out to forked worker processes; results come back in the same order, so the
    report is the one a single process prints. Without `keep_sources`, results keep neither
    files' text nor fixes' edits (reports that show no edits or snippets do not need them).
    With `count_fixes`, a check counts what --fix would fix in each file (FileResult.fixable).
    `exclude` leaves out paths (k0slint.lint.excludes).
    """
    run = RunResult()
    targets: list[FileTarget] = []
    for target in expand(list(paths), exclude):
        if isinstance(target, FileTarget):
            targets.append(target)
        else:
            run.errors.append(RunError(target.path, "no such file or folder"))
    linters = {
        target.path: linter_for(stdin_name if target.path == "-" and stdin_name else target.path)
        for target in targets
    }
    job = _Job(targets, linters, mode, unsafe, stdin_name, keep_sources, count_fixes)
    thresholds = gc.get_threshold()
    # Linting makes many short-lived containers; collecting every 700 of them cost ~13 % of
    # a 2,000-file run (benchmarks/README.md). Cycles are still collected, less often.
    gc.set_threshold(GC_YOUNG_THRESHOLD, *thresholds[1:])
    try:
        for part in _results(job, jobs):
            run.merge(part)
    finally:
        gc.set_threshold(*thresholds)
    return run


def _results(job: _Job, jobs: int) -> Iterator[RunResult]:
    count = len(job.targets)
    serial = (
        jobs <= 1
        or count < PARALLEL_MIN_FILES
        or not hasattr(os, "fork")
        or any(target.path == "-" for target in job.targets)
        or any(linter.observer is not None for linter in job.linters.values())
    )
    if serial:
        yield from map(job.run, range(count))
        return
    from k0slint.lint.workers import map_forked

    gc.freeze()  # what the children inherit stays shared: no collection touches (and copies) it
    try:
        # The job (linters and all) is inherited by the children, not pickled.
        yield from map_forked(job.run, count, shares(count, jobs), min(jobs, count))
    finally:
        gc.unfreeze()


def shares(count: int, jobs: int) -> list[range]:
    """Files 0..count-1 in consecutive shares that shrink as the run goes on (guided
    scheduling): big shares early keep claims few, small ones at the end keep every process
    busy until the last file. Never more shares than fit in the workers' queue."""
    from k0slint.lint.workers import QUEUE_LIMIT

    smallest = 1
    while True:
        plan = _guided(count, jobs, smallest, max(MAX_SHARE, smallest))
        if len(plan) <= QUEUE_LIMIT:
            return plan
        smallest *= 2


def _guided(count: int, jobs: int, smallest: int, biggest: int) -> list[range]:
    out = []
    start = 0
    while start < count:
        size = min(count - start, max(smallest, min(biggest, (count - start) // (jobs * 4))))
        out.append(range(start, start + size))
        start += size
    return out


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
    from k0slint.atomic_write import WriteError, write_atomically
    from k0slint.lint.fixing import fix_file

    fixed = fix_file(linter, name, data, explicit=explicit, unsafe=unsafe)
    # Fixing went on until nothing applied: --fix has nothing left, --unsafe-fixes maybe.
    left = sum(1 for f in fixed.result.findings if f.fix and not f.fix.applies(unsafe=unsafe))
    fixed.result.fixable = (0, left)
    _record(run, fixed.result)
    if fixed.error:
        run.errors.append(RunError(name, fixed.error))
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
            run.errors.append(RunError(name, str(error)))
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
