"""Messages in the line-by-line formats (text, github, junit): values from the file escaped
and shortened, so that a finding stays one line and a report stays well-formed."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from k0slint.reporters.display import MAX_RUN, escape, one_line
from tests.helpers import run_main as run

HEADER = "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\n"
# K0S108 refuses the name (it quotes it with repr); K0S110 quotes it as written, control characters
# and all, since k0s rewrites coredns into the repository: its message is the one to escape.
NEWLINE_IMAGE = HEADER + (
    "spec:\n  images:\n    repository: registry.acme.corp\n"
    '    coredns:\n      image: "quay.io/k0sproject/coredns\\nX"\n'
)


def test_a_value_holding_a_newline_stays_on_the_finding_line(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "k0s.yaml").write_text(NEWLINE_IMAGE)
    code, out = run(capsys, "--select", "K0S108,K0S110", "k0s.yaml")
    refused, finding, summary = out.splitlines()
    assert code == 1
    assert refused.startswith(
        "k0s.yaml:7:14: K0S108 error: image 'quay.io/k0sproject/coredns\\nX' is not a name a container runtime"
    )
    assert finding.startswith(
        "k0s.yaml:7:14: K0S110 warning: image quay.io/k0sproject/coredns\\nX is outside repository"
    )
    assert finding.endswith(
        "(no fix: it would write 'registry.acme.corp/k0sproject/coredns\\nX', but it contains whitespace "
        "or a control character)"
    )
    assert summary.startswith("Found 2 findings in 1 file.")


def test_github_annotations_escape_control_characters(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "k0s.yaml").write_text(NEWLINE_IMAGE.replace("\\nX", "\\e[31mX"))
    _, out = run(capsys, "--format", "github", "--select", "K0S110", "k0s.yaml")
    (line,) = out.splitlines()
    assert "image quay.io/k0sproject/coredns\\x1b[31mX is outside" in line
    assert "\x1b" not in out


def test_junit_stays_xml_with_control_characters_in_messages(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """XML 1.0 has no way to write U+0007 (not even `&#7;`): it must be escaped before."""
    (here / "k0s.yaml").write_text(NEWLINE_IMAGE.replace("\\nX", "\\aX"))
    _, out = run(capsys, "--format", "junit", "--select", "K0S110", "k0s.yaml")
    suite = ElementTree.fromstring(out.split("\n", 1)[1])
    failure = suite.find("testcase/failure")
    assert failure is not None
    assert "coredns\\x07X is outside" in failure.get("message", "")
    assert failure.text is not None and "\n" not in failure.text


def test_a_very_long_value_is_shortened_keeping_its_start_and_end(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = "quay.io/k0sproject/" + "c" * 5000 + "/coredns"
    (here / "k0s.yaml").write_text(NEWLINE_IMAGE.replace('"quay.io/k0sproject/coredns\\nX"', image))
    _, out = run(capsys, "--select", "K0S110", "k0s.yaml")
    finding = out.splitlines()[0]
    assert len(finding) < 600
    assert (
        f"image quay.io/k0sproject/{'c' * 31}…[4927 characters shortened]…{'c' * 42}/coredns is outside"
        in finding
    )


def test_escape_and_one_line() -> None:
    assert escape("a\tb\r\n\x00\x7f\x85\u2028\u202e") == "a\\tb\\r\\n\\x00\\x7f\\x85\\u2028\\u202e"
    assert escape("café ü 日本 'x'") == "café ü 日本 'x'"
    assert one_line("short enough") == "short enough"
    long = "x" * (MAX_RUN + 1)
    assert one_line(f"a {long} b") == f"a {'x' * 50}…[21 characters shortened]…{'x' * 50} b"
    assert one_line("y" * MAX_RUN) == "y" * MAX_RUN
