"""A rule pack installed beside k0slint in a fresh virtualenv: its rule runs, fixes, is listed,
appears in SARIF, and the pack's own tests pass with k0slint.testing."""

from __future__ import annotations

import json
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

from tests.helpers import ROOT, build_wheel

PACK = ROOT / "tests" / "rulepack_example"
CONFIG = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    default_pull_policy: Always  # pulled every restart
"""


@pytest.fixture(scope="module")
def env(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rulepack")
    pack_wheel = build_wheel(PACK, root / "dist")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)
    pip = [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, str(wheel), str(pack_wheel), "pytest"], check=True)
    return env_dir


def _k0slint(env: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(env / "bin" / "k0slint"), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_pack_rule_is_listed_and_explained(env: Path, tmp_path: Path) -> None:
    listing = _k0slint(env, "--list-rules", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert any(line.startswith("ACME001  pull-policy-always") for line in listing.stdout.splitlines())
    explained = _k0slint(env, "--explain", "ACME001", cwd=tmp_path)
    assert "## Fix safety" in explained.stdout


@pytest.mark.slow
def test_pack_rule_runs_and_fixes(env: Path, tmp_path: Path) -> None:
    config = tmp_path / "k0s.yaml"
    config.write_text(CONFIG)
    checked = _k0slint(env, "k0s.yaml", cwd=tmp_path)
    assert checked.returncode == 1
    assert "k0s.yaml:5:26: ACME001 [*] error: default_pull_policy is Always" in checked.stdout
    fixed = _k0slint(env, "--fix", "k0s.yaml", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert config.read_text() == CONFIG.replace("Always ", "IfNotPresent ")


@pytest.mark.slow
def test_pack_rule_in_sarif(env: Path, tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text(CONFIG)
    report = _k0slint(env, "--format", "sarif", "k0s.yaml", cwd=tmp_path)
    run = json.loads(report.stdout)["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert "ACME001" in rules
    assert [result["ruleId"] for result in run["results"]] == ["ACME001"]


@pytest.mark.slow
def test_pack_can_be_selected_required_and_suppressed(env: Path, tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text(CONFIG.replace("# pulled", "# k0slint: disable=ACME001 pulled"))
    (tmp_path / ".k0slint.yaml").write_text("select: [ACME]\nrequire-plugins: [k0slint-acme]\n")
    assert _k0slint(env, "k0s.yaml", cwd=tmp_path).returncode == 0
    (tmp_path / ".k0slint.yaml").write_text("require-plugins: [k0slint-other]\n")
    missing = _k0slint(env, "k0s.yaml", cwd=tmp_path)
    assert missing.returncode == 2
    assert "require-plugins: rule pack 'k0slint-other' is not installed" in missing.stderr


@pytest.mark.slow
def test_pack_tests_pass_with_k0slint_testing(env: Path, tmp_path: Path) -> None:
    # From a copy: the pack's tests must not see this checkout (or its conftest.py).
    shutil.copytree(PACK / "tests", tmp_path / "tests")
    result = subprocess.run(
        [str(env / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout
