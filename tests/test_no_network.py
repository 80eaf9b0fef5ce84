"""k0slint works offline and writes nothing but the files it fixes (and the report it is asked for):
full runs with every way of opening a socket forbidden, and a before/after snapshot of the tree."""

from __future__ import annotations

import json
import socket
import tempfile
from pathlib import Path
from typing import Any

import pytest

from k0slint.cli.main import main
from tests.helpers import FIXED as FIXED_TEXT
from tests.helpers import NEEDS_FIX

K0S = NEEDS_FIX.encode()
FIXED = FIXED_TEXT.encode()
K0SCTL = b"""\
apiVersion: k0sctl.k0sproject.io/v1beta1
kind: Cluster
metadata:
  name: lab
spec:
  hosts:
    - role: controller
      ssh: {address: 10.0.0.1}
  k0s:
    version: v1.31.2+k0s.0
    config:
      spec:
        api:
          address: 10.0.0.1
        extensions:
          helm:
            repositories:
              - {name: stable, url: https://charts.example.com}
            charts:
              - {name: app, chartname: stable/app, version: 1.0.0, namespace: default}
"""


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of configs, with home, cache and temporary folders inside tmp_path."""
    configs = tmp_path / "configs"
    (configs / "nested").mkdir(parents=True)
    (configs / "k0s.yaml").write_bytes(K0S)
    (configs / "nested" / "k0sctl.yaml").write_bytes(K0SCTL)
    (configs / "notes.txt").write_text("not a config\n")
    (configs / "other.yaml").write_text("kind: ConfigMap\n")
    for name in ("home", "cache", "tmp"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def sockets(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every attempt to create, connect or resolve is recorded and refused."""
    calls: list[str] = []

    def refuse(name: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            raise OSError(f"network access in a test: {name}")

        return refused

    monkeypatch.setattr(socket.socket, "__init__", refuse("socket"))
    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return calls


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_guard_sees_a_connection(sockets: list[str]) -> None:
    with pytest.raises(OSError, match="network access"):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(OSError, match="network access"):
        socket.socket()
    assert sockets == ["create_connection", "socket"]


def test_full_run_opens_no_socket(tree: Path, sockets: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "configs")
    assert code == 1 and "K0S110" in out, out + err

    code, out, _ = run(capsys, "--format", "sarif", "configs")
    assert code == 1
    results = json.loads(out)["runs"][0]["results"]
    assert any(result["ruleId"] == "K0S110" for result in results)

    code, out, err = run(capsys, "--show-images", "configs")
    assert code in (0, 1), err
    assert "registry.acme.corp/k0sproject/coredns" in out

    code, out, err = run(capsys, "--fix", "configs")
    assert code == 0, out + err
    assert (tree / "configs" / "k0s.yaml").read_bytes() == FIXED
    assert sockets == []


def snapshot(root: Path) -> dict[str, tuple[bytes, int] | None]:
    return {
        str(path.relative_to(root)): (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else None
        for path in sorted(root.rglob("*"))
    }


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def test_fix_writes_only_the_fixed_file(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(tree)
    code, out, err = run(capsys, "--fix", "configs")
    assert code == 0, out + err
    assert changes(before, snapshot(tree)) == ["configs/k0s.yaml"]
    assert (tree / "configs" / "k0s.yaml").read_bytes() == FIXED


def test_fix_with_an_output_file_writes_only_it_and_the_fixed_file(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(tree)
    code, out, err = run(capsys, "--fix", "--format", "sarif", "--output-file", "report.sarif", "configs")
    assert code == 0, out + err
    assert changes(before, snapshot(tree)) == ["configs/k0s.yaml", "report.sarif"]
    json.loads((tree / "report.sarif").read_text())


def test_lint_writes_nothing(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(tree)
    for argv in (
        ["configs"],
        ["--format", "sarif", "configs"],
        ["--show-images", "configs"],
        ["--diff", "configs"],
    ):
        run(capsys, *argv)
    assert changes(before, snapshot(tree)) == []
