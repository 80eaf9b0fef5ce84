"""What the tests share: paths, sample configs and ways to run k0slint. Fixtures are in conftest.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict

import pytest
import yaml

from k0slint.lint.rule import Rule
from k0slint.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from k0slint.yaml.parse import parse_documents

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


def build_distributions(source: Path, out: Path) -> Path:
    """`python -m build` of the project at `source` (from a copy): the sdist, then the wheel built
    from the sdist, in `out/dist`. Without build isolation: the test extra has setuptools."""
    copy = out / "src"
    skipped = shutil.ignore_patterns(
        ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".venv"
    )
    shutil.copytree(source, copy, ignore=skipped)
    dist = out / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(copy)],
        check=True,
        capture_output=True,
    )
    shutil.rmtree(copy)
    return dist


# Where pip finds nothing: any access to a package index fails at once (port 9, discard).
NO_INDEX = "http://127.0.0.1:9/simple/"


def build_wheelhouse(wheel: Path, out: Path) -> Path:
    """`out` holding `wheel`, the wheels of its dependencies for this Python, and setuptools:
    what `pip download` on a connected machine gathers for an air-gapped one (README)."""
    shutil.copy(wheel, out)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--only-binary", ":all:", "-d", str(out), str(wheel)],
        check=True,
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--only-binary",
            ":all:",
            "-d",
            str(out),
            "setuptools>=77",
        ],
        check=True,
    )
    return out


def offline_pip_env(wheelhouse: Path) -> dict[str, str]:
    """The environment of a machine without a package index: pip installs from `wheelhouse`
    only, and would fail at once if it tried an index."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    env.update(
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
        PIP_INDEX_URL=NO_INDEX,
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_RETRIES="0",
        PIP_TIMEOUT="2",
    )
    return env


class ExampleContext(TypedDict):
    """How to lint a rule's documented example: `k0slint.testing.lint`'s keyword arguments."""

    k0s_version: str | None
    options: dict[str, Any]
    filename: str


_VERSION = re.compile(r"k0s (v?\d+\.\d+(?:\.\d+)?(?:\+k0s\.\d+)?)")
_OPTION = re.compile(r"^# ([a-z-]+): (.+)$", re.M)


def example_context(example: str, rules: Sequence[type[Rule]]) -> ExampleContext:
    """Settings an example states in its leading comments: `# k0s v1.32.1`, `# option: [...]`
    (options of `rules`, by the code of the rule that declares them)."""
    owner = {option.name: rule.code for rule in rules for option in rule.options}
    header = "".join(line + "\n" for line in example.splitlines() if line.startswith("#"))
    version = _VERSION.search(header)
    options: dict[str, dict[str, Any]] = {}
    for name, value in _OPTION.findall(header):
        if name in owner:
            options.setdefault(owner[name], {})[name] = yaml.safe_load(value)
    filename = "k0sctl.yaml" if "k0sctl.k0sproject.io" in example else "k0s.yaml"
    return {"k0s_version": version.group(1) if version else None, "options": options, "filename": filename}


def node_shape(text: str, *, pure: bool) -> list[object]:
    """Keys, scalars and their positions in every document of `text`, read by one of the two composers."""
    out: list[object] = []

    def visit(node: Node | None) -> None:
        if isinstance(node, MappingNode):
            for key, (key_node, value) in node.entries.items():
                out.append((key, key_node.line, key_node.column))
                visit(value)
        elif isinstance(node, SequenceNode):
            for item in node.items:
                visit(item)
        elif isinstance(node, ScalarNode) and node.raw == "" and not node.style:
            out.append(None)  # the two composers place an empty value differently
        elif isinstance(node, ScalarNode):
            out.append((node.value, node.line, node.column, node.end_line, node.end_column, node.style))

    for document in parse_documents(text, pure=pure):
        visit(document.root)
    return out


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """`k0slint ARGS` in this process: the exit status and what it printed on stdout."""
    from k0slint.cli.main import main

    code = main(list(args))
    return code, capsys.readouterr().out


def expected_override(repository: str, image: str, prefix_check: bool) -> str:
    """k0s's overrideRepository() as ../shared/k0s's override-semantics.json words it: the
    tests' own statement of the rule, independent of k0slint's code."""
    if prefix_check and image.startswith(repository):
        return image
    first, _, rest = image.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        return repository + "/" + rest
    return repository + "/" + image
