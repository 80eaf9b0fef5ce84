"""The wheel installs k0slint, k0slint.rules and k0slint.schemas, and runs outside the repo."""

from __future__ import annotations

import json
import subprocess
import venv
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT


@pytest.mark.slow
def test_wheel_layout(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "k0slint/rules/image_outside_repository.py" in names
    assert "k0slint/schemas/__init__.py" in names
    assert "k0slint/schemas/k0slint-config.json" in names  # the configuration's own schema
    assert "k0slint/data/k0s_releases.json" in names
    assert "k0slint/py.typed" in names
    assert not [name for name in names if name.startswith(("rules/", "schemas/", "tests/"))]
    assert any(name.endswith(".dist-info/LICENSE") or "licenses/LICENSE" in name for name in names)
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[k0slint.rules]\nK0S = k0slint.rules:RULES" in text


@pytest.mark.slow
def test_wheel_runs_from_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    (workdir / "k0s.yaml").write_bytes((ROOT / "examples" / "k0s.yaml").read_bytes())
    result = subprocess.run(
        [str(env_dir / "bin" / "k0slint"), "k0s.yaml"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("k0s.yaml:31:14: K0S110 [*] warning: ")
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import importlib.util as u; print(u.find_spec('rules'), u.find_spec('k0slint.rules') is not None)",
        ],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == "None True"
    # The language server is an extra: without it, `k0slint server` says what to install.
    bare = subprocess.run(
        [str(env_dir / "bin" / "k0slint"), "server"], cwd=workdir, capture_output=True, text=True, check=False
    )
    assert (bare.returncode, bare.stderr) == (
        2,
        "k0slint: error: k0slint server needs pygls and lsprotocol: pip install 'k0slint[server]'\n",
    )
    subprocess.run([str(python), "-m", "pip", "install", "-q", f"{wheel}[server]"], check=True)
    replies, status = _lsp_session(env_dir / "bin" / "k0slint", workdir)
    assert replies[0]["result"]["serverInfo"]["name"] == "k0slint"
    assert replies[1] == {"id": 2, "jsonrpc": "2.0", "result": None}
    assert status == 0


def _lsp_session(k0slint: Path, cwd: Path) -> tuple[list[dict[str, Any]], int]:
    """initialize, initialized, shutdown, exit over stdio: the replies and the exit status."""
    requests = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {"processId": None, "capabilities": {}},
        },
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    payload = b"".join(
        b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
        for body in (json.dumps(r).encode() for r in requests)
    )
    done = subprocess.run(
        [str(k0slint), "server"], cwd=cwd, input=payload, capture_output=True, timeout=60, check=False
    )
    replies = []
    rest = done.stdout
    while rest:
        header, _, rest = rest.partition(b"\r\n\r\n")
        length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
        replies.append(json.loads(rest[:length]))
        rest = rest[length:]
    return [reply for reply in replies if "id" in reply], done.returncode
