"""The text report: one line a finding with its severity, then the count line."""

from __future__ import annotations

from pathlib import Path

import pytest

from k0slint.cli.main import main
from tests.helpers import NEEDS_FIX

HEADER = "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\n"
WARNING = "  network:\n    kubeproxy:\n      mode: ipvs\n"  # K0S007, a warning with a safe fix


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_each_line_says_its_severity(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "k0s.yaml").write_text(NEEDS_FIX + WARNING)
    code, out = run(capsys, "k0s.yaml")
    assert code == 1
    error, warning, _ = out.splitlines()
    assert error.startswith("k0s.yaml:7:14: K0S101 [*] error: image quay.io/k0sproject/coredns is outside")
    assert warning.startswith(
        "k0s.yaml:9:5: K0S007 [*] warning: spec.network.kubeproxy: the field is spelled"
    )
    (here / ".k0slint.yaml").write_text("severity: {K0S101: info}\n")
    code, out = run(capsys, "--color", "always", "--select", "K0S101", "k0s.yaml")
    assert (code, out.splitlines()[0]) == (
        0,
        "\033[1mk0s.yaml:7:14:\033[0m \033[1;34mK0S101\033[0m [*] \033[1;34minfo:\033[0m image quay.io/k0sproject/"
        "coredns is outside repository registry.acme.corp; k0s v1.36.3+k0s.2 rewrites it and pulls "
        "registry.acme.corp/k0sproject/coredns:1.14.6-k0s.0",
    )
