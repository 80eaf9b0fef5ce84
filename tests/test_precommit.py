"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit in a throwaway git repository.

The hook repository is a snapshot of this working tree (committed in a temporary clone), so
uncommitted changes are what is tested, and pre-commit builds the hook environment once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

BAD = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
    coredns:
      image: quay.io/k0sproject/coredns  # mirrored, but written as upstream
"""
FIXED_IMAGE = "image: registry.acme.corp/k0sproject/coredns  # mirrored, but written as upstream"
OTHER_YAML = "services:\n  web:\n    image: nginx:1.27\n"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "k0slint tests",
        "GIT_AUTHOR_EMAIL": "tests@k0slint.invalid",
        "GIT_COMMITTER_NAME": "k0slint tests",
        "GIT_COMMITTER_EMAIL": "tests@k0slint.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _snapshot(target: Path) -> str:
    """This working tree (tracked and untracked, not ignored files) committed at `target`."""
    if (ROOT / ".git").exists():
        listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
        for name in filter(None, listed.split("\0")):
            source = ROOT / name
            if source.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
    else:
        skipped = shutil.ignore_patterns("build", "*.egg-info", "__pycache__", ".*_cache", ".venv")
        shutil.copytree(ROOT, target, ignore=skipped, dirs_exist_ok=True)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "snapshot")
    return _git(target, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """(hook repository, its revision, PRE_COMMIT_HOME shared by the tests)."""
    base = tmp_path_factory.mktemp("precommit")
    repository = base / "k0slint"
    repository.mkdir()
    return repository, _snapshot(repository), base / "home"


def _user_repo(tmp_path: Path, hooks: tuple[Path, str, Path]) -> Path:
    repository, revision, _ = hooks
    user = tmp_path / "config-repo"
    user.mkdir()
    _git(user, "init", "-q")
    (user / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repository.as_uri()}\n    rev: {revision}\n"
        "    hooks:\n      - id: k0slint\n      - id: k0slint-fix\n"
    )
    return user


def _pre_commit(user: Path, hooks: tuple[Path, str, Path], *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(hooks[2]), "NO_COLOR": "1", "GIT_CONFIG_NOSYSTEM": "1"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
        cwd=user,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_hook_fails_fix_hook_fixes_then_both_pass(
    tmp_path: Path, hooks: tuple[Path, str, Path]
) -> None:
    user = _user_repo(tmp_path, hooks)
    (user / "k0s.yaml").write_text(BAD)
    (user / "docker-compose.yaml").write_text(OTHER_YAML)
    _git(user, "add", "-A")

    checked = _pre_commit(user, hooks, "k0slint", "--all-files")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "k0s.yaml:7:14: K0S110 [*] warning: image quay.io/k0sproject/coredns is outside" in checked.stdout
    assert (user / "k0s.yaml").read_text() == BAD

    fixed = _pre_commit(user, hooks, "k0slint-fix", "--all-files")
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert "files were modified by this hook" in fixed.stdout
    assert FIXED_IMAGE in (user / "k0s.yaml").read_text()
    assert (user / "docker-compose.yaml").read_text() == OTHER_YAML

    _git(user, "add", "-A")
    again = _pre_commit(user, hooks, "--all-files")
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.count("Passed") == 2


def test_yaml_that_is_not_k0s_passes(tmp_path: Path, hooks: tuple[Path, str, Path]) -> None:
    user = _user_repo(tmp_path, hooks)
    (user / "docker-compose.yaml").write_text(OTHER_YAML)
    (user / "values.yaml").write_text("image:\n  repository: quay.io/acme/app\n")
    _git(user, "add", "-A")
    result = _pre_commit(user, hooks, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Passed") == 2
    assert "k0slint" in result.stdout
    assert "K0S" not in result.stdout


def test_one_summary_for_many_files(tmp_path: Path, hooks: tuple[Path, str, Path]) -> None:
    """k0slint parallelises itself (`--jobs`): with require_serial, pre-commit passes every file
    to one k0slint, which prints one summary, instead of one per share of the files."""
    user = _user_repo(tmp_path, hooks)
    for index in range(12):
        (user / f"k0s-{index:02}.yaml").write_text(BAD)
    _git(user, "add", "-A")
    checked = _pre_commit(user, hooks, "k0slint", "--all-files")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    summaries = [line for line in checked.stdout.splitlines() if line.startswith("Found ")]
    assert summaries == ["Found 12 findings in 12 files. 12 fixable with --fix."]


def test_excluded_files_are_left_out_although_pre_commit_names_them(
    tmp_path: Path, hooks: tuple[Path, str, Path]
) -> None:
    """pre-commit passes every YAML file by name; the hooks run with --force-exclude, so the
    configuration's `exclude` holds for them as for a folder walked."""
    user = _user_repo(tmp_path, hooks)
    (user / "legacy").mkdir()
    (user / "legacy" / "k0s.yaml").write_text(BAD)
    (user / ".k0slint.yaml").write_text('exclude: ["legacy/"]\n')
    _git(user, "add", "-A")
    result = _pre_commit(user, hooks, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Passed") == 2
    assert (user / "legacy" / "k0s.yaml").read_text() == BAD
