"""--jobs: files shared out to forked workers give the report a single process gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from k0slint.lint.run import PARALLEL_MIN_FILES
from tests.helpers import ROOT, k0slint

CONFIG = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
    coredns: {{image: quay.io/k0sproject/coredns}}
  network:
    provider: {provider}
"""


def make_tree(folder: Path, count: int) -> None:
    for index in range(count):
        provider = ("kuberouter", "calico", "flannel", "custom")[index % 4]
        (folder / f"k0s-{index:03}.yaml").write_text(CONFIG.format(provider=provider))
    (folder / "broken.yaml").write_text("apiVersion: k0s.k0sproject.io/v1beta1\nspec: [\n")


@pytest.mark.parametrize("report", ["text", "json", "sarif"])
def test_parallel_report_is_the_serial_one(tmp_path: Path, report: str) -> None:
    make_tree(tmp_path, PARALLEL_MIN_FILES * 2)
    serial = k0slint("--format", report, "-j", "1", ".", cwd=tmp_path)
    parallel = k0slint("--format", report, "-j", "2", ".", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    assert serial.stderr == parallel.stderr
    assert "K0S002" in serial.stdout and "K0S001" in serial.stdout


def test_parallel_fix_writes_what_serial_fix_writes(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        folder.mkdir()
        make_tree(folder, PARALLEL_MIN_FILES * 2)
    serial = k0slint("--fix", "-j", "1", ".", cwd=one)
    parallel = k0slint("--fix", "-j", "2", ".", cwd=two)
    assert (serial.returncode, serial.stdout) == (parallel.returncode, parallel.stdout)
    assert {p.name: p.read_bytes() for p in one.iterdir()} == {p.name: p.read_bytes() for p in two.iterdir()}
    assert "registry.acme.corp/k0sproject/coredns" in (one / "k0s-000.yaml").read_text()


def test_workers_really_run(tmp_path: Path) -> None:
    """The parallel path forks: a worker's process id differs from the parent's."""
    make_tree(tmp_path, PARALLEL_MIN_FILES)
    probe = (
        "import os, sys\n"
        "from k0slint.lint import run\n"
        "seen = set()\n"
        "original = run._Job.run\n"
        "def spy(self, index):\n"
        "    out = original(self, index)\n"
        "    out.errors.append(f'pid {os.getpid()}')\n"
        "    return out\n"
        "run._Job.run = spy\n"
        "from k0slint.cli.main import main\n"
        "main(['-q', '-j', '2', '.'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    pids = {line.rsplit(" ", 1)[1] for line in done.stderr.splitlines() if " pid " in line}
    assert len(pids) == 2, done.stderr[-500:]


def test_jobs_option_is_checked() -> None:
    result = k0slint("-j", "-1", "examples", cwd=ROOT)
    assert result.returncode == 2 and "--jobs" in result.stderr


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_gives_back_the_gc_thresholds_it_found(tmp_path: Path, jobs: int) -> None:
    import gc

    from k0slint.k0s.releases import load
    from k0slint.lint.linter import Linter
    from k0slint.lint.run import execute

    make_tree(tmp_path, PARALLEL_MIN_FILES)
    linter = Linter([], load(), None)
    before = gc.get_threshold()
    try:
        gc.set_threshold(123, 4, 5)
        run = execute(lambda path: linter, [str(tmp_path)], jobs=jobs)
        assert len(run.results) == PARALLEL_MIN_FILES + 1
        assert gc.get_threshold() == (123, 4, 5)
    finally:
        gc.set_threshold(*before)


@pytest.mark.parametrize(("count", "jobs"), [(1, 2), (150, 2), (2000, 2), (2000, 8), (7, 3)])
def test_shares_cover_every_file_once_in_order_and_shrink(count: int, jobs: int) -> None:
    from k0slint.lint.run import MAX_SHARE, shares

    parts = shares(count, jobs)
    assert [index for part in parts for index in part] == list(range(count))
    sizes = [len(part) for part in parts]
    assert all(0 < size <= MAX_SHARE for size in sizes)
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-1] == 1


@pytest.mark.parametrize("jobs", [2, 64])
def test_shares_of_a_huge_run_fit_in_the_queue(jobs: int) -> None:
    from k0slint.lint.run import shares
    from k0slint.lint.workers import QUEUE_LIMIT

    parts = shares(1_000_003, jobs)
    assert len(parts) <= QUEUE_LIMIT
    assert [index for part in parts for index in part] == list(range(1_000_003))
