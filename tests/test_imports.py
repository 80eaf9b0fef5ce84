"""What a run imports (not how long it takes): `--version` and a one-file lint load only what
they need. Heavy modules stay behind the code paths that use them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

VALID = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
"""
PROBE = (
    "import io, sys, contextlib\n"
    "from k0slint.cli.main import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    code = main(sys.argv[1:])\n"
    "print(repr((code, sorted(sys.modules))))\n"
)
# Needed by no plain lint of a valid config: each has a path of its own that imports it.
NOT_FOR_LINT = (
    "jsonschema",  # only for a config with a schema violation to describe
    "importlib.metadata",  # rule packs are found by k0slint.lint.entry_points
    "importlib.resources",
    "difflib",  # did-you-mean and --diff
    "tomllib",  # only beside a pyproject.toml
    "tomli",
    # gitignore-style patterns: only for exclude, per-file-ignores or a .gitignore met walking
    "pathspec",
    # a fix's edits are part of a finding; applying, locating and verifying them is not
    "k0slint.fix.splice",
    "k0slint.fix.verify",
    "k0slint.fix.render",
    "k0slint.fix.locate",
    "k0slint.lint.fixing",
    # the registry imports the chosen format's module only
    "k0slint.reporters.sarif",
    "k0slint.reporters.json_report",
    "k0slint.reporters.github",
    "k0slint.reporters.junit",
    "k0slint.lint.baseline",
    "k0slint.cli.image_list",
    "k0slint.lint.rule_docs",
    "k0slint.lint.workers",  # only for many files
    "pickle",
    "multiprocessing",
    "dataclasses",  # ~0.6 ms per class created: records are NamedTuples or slotted classes
    "inspect",
    "shutil",  # argparse's formatter would import it for the terminal width
    "socket",
    "email",
    "xml",
)


def modules(cwd: Path, *args: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    code, loaded = ast.literal_eval(done.stdout.splitlines()[-1])
    return code, set(loaded)


def test_version_imports_no_yaml_schema_or_rules(tmp_path: Path) -> None:
    code, loaded = modules(tmp_path, "--version")
    assert code == 0
    assert (
        not {"yaml", "jsonschema", "json", "k0slint.lint.linter", "k0slint.rules", "k0slint.cli.commands"}
        & loaded
    )


def _heavy(loaded: set[str]) -> list[str]:
    return sorted(
        name
        for name in loaded
        if any(name == banned or name.startswith(banned + ".") for banned in NOT_FOR_LINT)
    )


def test_one_file_lint_imports_only_what_it_needs(tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text(VALID)
    code, loaded = modules(tmp_path, "k0s.yaml")
    assert code == 0
    assert "k0slint.rules.schema_violation" in loaded  # the probe really linted
    assert _heavy(loaded) == []


def test_walking_a_repository_imports_pathspec_only_for_a_gitignore(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "clusters").mkdir()
    (tmp_path / "clusters" / "k0s.yaml").write_text(VALID)
    for args in (["."], ["--force-exclude", "clusters/k0s.yaml"]):
        code, loaded = modules(tmp_path, *args)
        assert code == 0
        assert _heavy(loaded) == [], args
    (tmp_path / ".gitignore").write_text("rendered/\n")
    _, loaded = modules(tmp_path, ".")
    assert "pathspec" in loaded
    _, loaded = modules(tmp_path, "--exclude", "rendered/", "--force-exclude", "clusters/k0s.yaml")
    assert "pathspec" in loaded


def test_a_violation_brings_in_jsonschema(tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text(VALID + "  network:\n    provider: flannel\n")
    code, loaded = modules(tmp_path, "k0s.yaml")
    assert code == 1
    assert "jsonschema" in loaded


@pytest.mark.parametrize("args", [["--format", "sarif"], ["--fix"]])
def test_other_paths_import_their_modules(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "k0s.yaml").write_text(VALID)
    _, loaded = modules(tmp_path, *args, "k0s.yaml")
    wanted = "k0slint.reporters.sarif" if "sarif" in args else "k0slint.lint.fixing"
    assert wanted in loaded


def test_modules_with_named_tuples_keep_annotations_evaluated() -> None:
    """typing.NamedTuple compiles every field annotation that is a string (~13 us a field,
    ~2 % of a one-file run): modules defining them do without `from __future__ import
    annotations`."""
    offenders = []
    for path in [*(ROOT / "k0slint").rglob("*.py"), *(ROOT / "rules").rglob("*.py")]:
        tree = ast.parse(path.read_text())
        future = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "__future__"
            and any(alias.name == "annotations" for alias in node.names)
            for node in tree.body
        )
        records = any(
            isinstance(node, ast.ClassDef) and any(ast.unparse(base) == "NamedTuple" for base in node.bases)
            for node in ast.walk(tree)
        )
        if future and records:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
