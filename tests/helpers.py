"""What the tests share: paths, sample configs and ways to run k0slint. Fixtures are in conftest.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("K0SLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "real"


# A k0s config with one finding that --fix mends (coredns from upstream under a mirror).
NEEDS_FIX = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
    coredns:
      image: quay.io/k0sproject/coredns
"""
FIXED = NEEDS_FIX.replace("quay.io/k0sproject/coredns", "registry.acme.corp/k0sproject/coredns")


def k0slint(
    *args: str, cwd: Path = ROOT, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The `k0slint` command in a process of its own, as a shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "k0slint", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        check=False,
    )


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(path for path in CORPUS.iterdir() if path.name != "SOURCES.tsv")


needs_shared = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"needs ../shared (the k0s facts and real-config corpus) beside the checkout: {SHARED} not found",
)


def build_wheel(source: Path, out: Path) -> Path:
    """A wheel of the project at `source`, built from a copy so the source tree stays clean."""
    copy = out / "src"
    skipped = shutil.ignore_patterns(".git", "build", "*.egg-info", "__pycache__", ".*_cache", ".venv")
    shutil.copytree(source, copy, ignore=skipped)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(copy),
        ],
        check=True,
    )
    shutil.rmtree(copy)
    (built,) = out.glob("*.whl")
    return built
