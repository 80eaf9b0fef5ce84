"""Let tests that run `k0slint` in a subprocess count for mutmut's test selection.

mutmut runs, for each mutant, the tests that reached its function while it collected stats;
it sees only calls made in its own process. The runner puts this module (as
`mutation_hooks`) and a `sitecustomize` that calls `record_subprocess_hits()` on the
PYTHONPATH of the staged project: a `k0slint` subprocess started while stats are collected
writes the functions it reached to a file, and the pytest plugin half adds them to the
running test's hits before mutmut files them. While mutants run, a subprocess needs nothing:
it inherits MUTANT_UNDER_TEST and imports the mutated copy first.

The plugin also empties the functools caches of the mutated modules before each test: mutmut
forks each mutant's run from a process that has already run the tests, and a warm cache
would answer with what the original code computed.
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

import pytest

HITS = "K0SLINT_MUTATION_HITS"
PROJECT = "K0SLINT_MUTATION_PROJECT"
MODULES = "K0SLINT_MUTATION_MODULES"  # the mutated modules, comma-separated


def _collecting_stats() -> bool:
    return os.environ.get("MUTANT_UNDER_TEST") == "stats" and HITS in os.environ


def record_subprocess_hits() -> None:
    """In a subprocess started while stats are collected: write the functions it reached."""
    if not _collecting_stats():
        return
    from mutmut.configuration import config
    from mutmut.state import state

    here = os.getcwd()
    os.chdir(os.environ[PROJECT])  # mutmut reads its configuration from the project folder
    try:
        config()
    finally:
        os.chdir(here)

    def write() -> None:
        with open(os.environ[HITS], "a", encoding="utf-8") as out:
            out.writelines(f"{name}\n" for name in sorted(state()._stats))

    atexit.register(write)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Before mutmut files the test's hits: add those of the subprocesses it started."""
    if not _collecting_stats():
        return
    hits = Path(os.environ[HITS])
    if not hits.exists():
        return
    from mutmut.state import state

    state()._stats.update(line for line in hits.read_text(encoding="utf-8").splitlines() if line)
    hits.unlink()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    for name in os.environ.get(MODULES, "").split(","):
        module = sys.modules.get(name)
        for value in vars(module).values() if module is not None else ():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()
