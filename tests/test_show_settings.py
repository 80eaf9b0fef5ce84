"""--show-settings PATH: per-file-ignores, the release the file resolves to (and why), and a
PATH that is not a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from k0slint.cli.main import main
from tests.helpers import NEEDS_FIX

K0SCTL = """\
apiVersion: k0sctl.k0sproject.io/v1beta1
kind: Cluster
spec:
  k0s:
    version: v1.32.1+k0s.0
    config:
      spec:
        images:
          repository: ghcr.io/mirantiscontainers
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "typos").mkdir()
    for path in ("k0s.yaml", "typos/k0s.yaml"):
        (tmp_path / path).write_text(NEEDS_FIX)
    (tmp_path / "k0sctl.yaml").write_text(K0SCTL)
    return tmp_path


def shown(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["--show-settings", *args]) == 0
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


def test_per_file_ignores_turn_rules_off_for_the_files_they_cover(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".k0slint.yaml").write_text('per-file-ignores: {"typos/**": [ALL]}\n')
    settings = shown(capsys, "typos/k0s.yaml")
    assert (settings["rules"], settings["options"]) == ([], {})
    assert "K0S101" in settings["per-file-ignored"]
    elsewhere = shown(capsys, "k0s.yaml")
    assert "K0S101" in elsewhere["rules"] and elsewhere["per-file-ignored"] == []
    # What --show-settings says is what linting does.
    assert main(["typos/k0s.yaml"]) == 0
    assert capsys.readouterr().out == "All checks passed (1 k0s configuration checked).\n"
    (repo / ".k0slint.yaml").write_text('per-file-ignores: {"typos/**": [K0S1]}\n')
    settings = shown(capsys, "typos/k0s.yaml")
    assert not any(code.startswith("K0S1") for code in settings["rules"])
    assert all(code.startswith("K0S1") for code in settings["per-file-ignored"])
    assert "K0S106" not in settings["options"]


def test_the_release_is_the_one_the_file_pins(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = shown(capsys, "k0sctl.yaml")
    assert settings["k0s-release"] == "v1.32.1+k0s.0"
    assert settings["k0s-release-from"] == "the version the file pins at k0sctl.yaml:5:14"
    assert settings["configs"] == [
        {
            "document": 0,
            "kind": "k0sctl",
            "k0s-release": "v1.32.1+k0s.0",
            "k0s-release-from": "the version the file pins at k0sctl.yaml:5:14",
        }
    ]
    assert settings["k0s-version-precedence"].startswith("--k0s-version, else the version the file pins")


def test_the_configuration_version_is_a_default_and_the_command_line_forces(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".k0slint.yaml").write_text('k0s-version: "1.31"\n')
    assert shown(capsys, "k0sctl.yaml")["k0s-release"] == "v1.32.1+k0s.0"
    unpinned = shown(capsys, "k0s.yaml")
    assert unpinned["k0s-release"] == "v1.31.14+k0s.0"
    assert unpinned["k0s-release-from"] == f"{repo / '.k0slint.yaml'}: k0s-version"
    forced = shown(capsys, "k0sctl.yaml", "--k0s-version", "1.30")
    assert (forced["k0s-release"], forced["k0s-release-from"]) == ("v1.30.14+k0s.0", "--k0s-version")
    (repo / ".k0slint.yaml").unlink()
    newest = shown(capsys, "k0s.yaml")
    assert newest["k0s-release-from"] == "the newest known release"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("nope.yaml", "--show-settings nope.yaml: no such file"),
        ("typos", "--show-settings typos: is a folder; name a file in it"),
    ],
)
def test_a_path_that_is_not_a_file_is_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], path: str, message: str
) -> None:
    assert main(["--show-settings", path]) == 2
    assert capsys.readouterr() == ("", f"k0slint: error: {message}\n")
