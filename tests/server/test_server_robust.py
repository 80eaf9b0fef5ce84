"""`k0slint server` under stress: a rule that raises, a file of 5,000 lines, the protocol's
shutdown and exit; and the `k0slint server` command itself."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.helpers import NEEDS_FIX, k0slint
from tests.server.lsp import Session

FAILING_PACK = '''
from k0slint.api import Rule, Severity


class Boom(Rule):
    """## What it does
    Raises on every config."""

    code = "BOOM001"
    name = "always-raises"
    severity = Severity.ERROR
    summary = "A rule that raises"

    def check(self, document, context):
        raise RuntimeError("the rule is broken")


RULES = (Boom,)
'''


def _failing_pack(site: Path) -> None:
    """A rule pack on `site`, found through its entry point as an installed pack is."""
    site.mkdir()
    (site / "k0slint_boom.py").write_text(textwrap.dedent(FAILING_PACK))
    info = site / "k0slint_boom-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: k0slint-boom\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[k0slint.rules]\nBOOM = k0slint_boom:RULES\n")


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*") if p.is_file()}


def test_a_rule_that_raises_is_logged_and_the_others_still_report(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _failing_pack(site)
    work = tmp_path / "work"
    work.mkdir()
    path = work / "k0s.yaml"
    path.write_text(NEEDS_FIX)
    before = _files(tmp_path)
    python_path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    session = Session(work, env={"PYTHONPATH": python_path})
    try:
        uri = session.open(path)
        diagnostics = session.diagnostics(uri, 1)
        assert [d.code for d in diagnostics] == ["K0S110"]
        session.wait_until(lambda: any("BOOM001" in line for line in session.logs()))
        (logged,) = [line for line in session.logs() if "BOOM001" in line]
        assert logged == f"k0slint: {path}: rule BOOM001 failed: RuntimeError: the rule is broken"
        # Still answering: the fixes and hovers of the file.
        assert session.code_actions(uri, diagnostics[0].range, diagnostics)
        assert session.hover(uri, 6, 14) is not None
    finally:
        status = session.shutdown()
    assert status == 0  # shutdown, then exit: 0, as the protocol says
    assert _files(tmp_path) == before  # the server wrote no file


def _big_config(lines: int) -> str:
    out = [*NEEDS_FIX.splitlines(), "  extensions:", "    helm:", "      repositories:"]
    index = 0
    while len(out) < lines:
        out += [f"        - name: repo{index}", f"          url: https://charts{index}.example.com/stable"]
        index += 1
    return "\n".join(out) + "\n"


def test_a_big_file_does_not_keep_the_server_from_answering(session: Session, folder: Path) -> None:
    small = session.open(folder / "small.yaml", NEEDS_FIX)
    session.diagnostics(small, 1)
    big_text = _big_config(5000)
    big = session.open(folder / "big.yaml", big_text)
    # While the 5,000 lines are linted (and linted again after each change), hovers are answered.
    answered_at = []
    for round_ in range(3):
        session.change(big, big_text.replace("repo0", f"repo-{round_}"))
        assert session.hover(small, 6, 14) is not None
        answered_at.append(time.monotonic())
    published = session.wait_publish(big, session.versions[big])
    assert len(published.diagnostics) > 2000
    first_big = next(
        at for params, at in zip(session.published, session.published_at, strict=False) if params.uri == big
    )
    assert answered_at[0] < first_big  # answered before the first lint of the big file ended
    # Only the newest text is published: the superseded runs were dropped.
    versions = [params.version for params in session.published if params.uri == big]
    assert versions[-1] == session.versions[big]
    assert len(versions) < 4


def test_without_pygls_the_command_says_what_to_install(tmp_path: Path) -> None:
    hidden = tmp_path / "hidden"
    (hidden / "pygls").mkdir(parents=True)
    # A stand-in that fails to import as a missing pygls does.
    (hidden / "pygls" / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'pygls'\", name='pygls')\n"
    )
    result = k0slint("server", env={"PYTHONPATH": str(hidden)}, stdin="")
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        result.stderr
        == "k0slint: error: k0slint server needs pygls and lsprotocol: pip install 'k0slint[server]'\n"
    )


def test_the_server_command_takes_no_argument_and_a_file_named_server_is_linted(tmp_path: Path) -> None:
    result = k0slint("server", "k0s.yaml", stdin="")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "k0slint: error: k0slint server takes no arguments (got k0s.yaml)\n"
    (tmp_path / "server").write_text(NEEDS_FIX)
    result = k0slint("./server", cwd=tmp_path, stdin="")
    assert result.returncode == 1
    assert result.stdout.startswith("./server:7:14: K0S110")


@pytest.mark.parametrize("stop", ["exit-without-shutdown", "stdin-closed"])
def test_the_exit_status_without_a_shutdown_is_1(stop: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "k0slint", "server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    if stop == "exit-without-shutdown":
        body = b'{"jsonrpc": "2.0", "method": "exit"}'
        process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        process.stdin.flush()
    process.stdin.close()
    assert process.wait(30) == 1
