"""The wheel installs k0slint, k0slint.rules and k0slint.schemas, and runs outside the repo."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path
from typing import Any

import pytest

from k0slint import __version__
from tests.helpers import NO_INDEX, ROOT, offline_pip_env


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


@pytest.mark.slow
def test_build_makes_an_sdist_and_a_wheel_that_twine_passes_strictly(distributions: Path) -> None:
    names = sorted(path.name for path in distributions.iterdir())
    assert names == [f"k0slint-{__version__}-py3-none-any.whl", f"k0slint-{__version__}.tar.gz"]
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, sorted(distributions.iterdir()))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2


@pytest.mark.slow
def test_the_distributions_hold_the_licence_the_schemas_and_the_release_data(distributions: Path) -> None:
    (wheel,) = distributions.glob("*.whl")
    (sdist,) = distributions.glob("*.tar.gz")
    wheel_names = zipfile.ZipFile(wheel).namelist()
    schemas = sorted(path.name for path in (ROOT / "schemas").glob("*.json"))
    assert len(schemas) >= 13
    for name in ("LICENSE", "NOTICE"):
        assert f"k0slint-{__version__}.dist-info/licenses/{name}" in wheel_names
    assert {f"k0slint/schemas/{name}" for name in schemas} <= set(wheel_names)
    assert "k0slint/data/k0s_releases.json" in wheel_names
    with tarfile.open(sdist) as archive:
        sdist_names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    expected = {
        "LICENSE",
        "NOTICE",
        "README.md",
        "CHANGELOG.md",
        "pyproject.toml",
        "k0slint/data/k0s_releases.json",
    }
    expected |= {f"schemas/{name}" for name in schemas}
    expected |= {"examples/k0s.yaml", "examples/k0sctl.yaml"}
    assert expected <= sdist_names
    assert not [name for name in sdist_names if name.startswith("tests/")], "the tests need the repository"


@pytest.mark.slow
def test_an_air_gapped_install_from_a_wheelhouse(wheelhouse: Path, tmp_path: Path) -> None:
    """README "Installing without a package index": the wheelhouse `pip download` gathered,
    installed into a fresh virtualenv with every index unreachable, then run."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    env = offline_pip_env(wheelhouse)
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-index", "--find-links", str(wheelhouse), "k0slint"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    assert "Successfully installed" in install.stdout and f"k0slint-{__version__}" in install.stdout
    workdir = tmp_path / "inside"
    shutil.copytree(ROOT / "examples", workdir / "examples")
    lint = subprocess.run(
        [str(env_dir / "bin" / "k0slint"), "examples/"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 1, lint.stderr
    assert lint.stdout.splitlines()[-1].startswith("Found 2 findings in 2 files.")
    plan = subprocess.run(
        [str(env_dir / "bin" / "k0slint"), "--show-images", "--format", "mirror", "examples/k0sctl.yaml"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "registry.k8s.io/pause:3.9 ghcr.io/mirantiscontainers/pause:3.9\n" in plan.stdout


def test_an_index_is_unreachable_in_the_offline_environment(tmp_path: Path) -> None:
    """The air-gapped test proves something only if pip there cannot reach an index."""
    env = offline_pip_env(tmp_path)
    del env["PIP_NO_INDEX"]
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(tmp_path), "pip"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode != 0
    assert f"Looking in indexes: {NO_INDEX}" in result.stdout
    assert "No matching distribution found for pip" in result.stderr
