"""The text report: one line a finding with its severity, then the count line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from k0slint.cli.main import main
from tests.helpers import NEEDS_FIX, ROOT
from tests.helpers import run_main as run

HEADER = "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\n"
WARNING = "  network:\n    kubeproxy:\n      mode: ipvs\n"  # K0S007, a warning with a safe fix
# K0S101, an error with a safe fix: k0s v1.32.1 pulls the pushgateway as written (k0s #5455).
# (NEEDS_FIX's coredns is rewritten into the repository by every release: K0S110, a warning.)
PULLED_AS_WRITTEN = HEADER + (
    "spec:\n  images:\n    repository: registry.acme.corp\n"
    "    pushgateway:\n      image: quay.io/k0sproject/pushgateway-ttl\n"
)
ON_V1_32_1 = ("--k0s-version", "1.32.1")
GOLDEN_FIX = ROOT / "tests" / "golden" / "fix"


def test_each_line_says_its_severity(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "k0s.yaml").write_text(PULLED_AS_WRITTEN + WARNING)
    code, out = run(capsys, *ON_V1_32_1, "k0s.yaml")
    assert code == 1
    error, warning, _ = out.splitlines()
    assert error.startswith(
        "k0s.yaml:7:14: K0S101 [*] error: image quay.io/k0sproject/pushgateway-ttl escapes repository"
    )
    assert warning.startswith(
        "k0s.yaml:9:5: K0S007 [*] warning: spec.network.kubeproxy: the field is spelled"
    )
    (here / ".k0slint.yaml").write_text("severity: {K0S101: info}\n")
    code, out = run(capsys, *ON_V1_32_1, "--color", "always", "--select", "K0S101", "k0s.yaml")
    assert (code, out.splitlines()[0]) == (
        0,
        "\033[1mk0s.yaml:7:14:\033[0m \033[1;34mK0S101\033[0m [*] \033[1;34minfo:\033[0m image quay.io/k0sproject/"
        "pushgateway-ttl escapes repository registry.acme.corp: k0s v1.32.1 pulls "
        "quay.io/k0sproject/pushgateway-ttl:1.4.0-k0s.0; the repository override skips pushgateway "
        "before v1.32.2 (k0s #5455, fixed by PR #5520)",
    )


def test_unsafe_fixes_are_counted_apart(capsys: pytest.CaptureFixture[str]) -> None:
    """examples/k0sctl.yaml's fix is unsafe: --fix alone leaves it, with or without --unsafe-fixes
    on a command line that does not fix."""
    examples = str(ROOT / "examples")
    expected = "Found 2 findings in 2 files. 1 fixable with --fix (1 more with --fix --unsafe-fixes)."
    assert run(capsys, examples)[1].splitlines()[-1] == expected
    assert run(capsys, "--unsafe-fixes", examples)[1].splitlines()[-1] == expected
    only_unsafe = run(capsys, "--unsafe-fixes", str(ROOT / "examples" / "k0sctl.yaml"))[1]
    assert only_unsafe.splitlines()[-1] == "Found 1 finding in 1 file. 1 fixable with --fix --unsafe-fixes."


def test_after_fix_the_count_names_only_the_unsafe_fixes_left(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("k0s.yaml", "k0sctl.yaml"):
        shutil.copy(ROOT / "examples" / name, here / name)
    code, out = run(capsys, "--fix", ".")
    assert (code, out.splitlines()[-1]) == (
        1,
        "Found 1 finding in 1 file (1 fixed). 1 fixable with --fix --unsafe-fixes.",
    )


@pytest.mark.parametrize(
    ("golden", "args", "count", "done"),
    [
        # Fixing the repository's URL uncovers an image outside it, which --fix then fixes too.
        (
            "multi-document",
            (),
            "Found 1 finding in 1 file. 2 fixable with --fix.",
            "Fixed 2 findings; no findings remain (2 k0s configurations checked).",
        ),
        # Two findings on one anchored value: one unsafe fix settles both.
        (
            "anchors",
            ("--unsafe-fixes",),
            "Found 2 findings in 1 file. 1 fixable with --fix --unsafe-fixes.",
            "Fixed 1 finding; no findings remain (1 k0s configuration checked).",
        ),
    ],
)
def test_the_fixable_count_is_what_fix_then_fixes(
    here: Path, capsys: pytest.CaptureFixture[str], golden: str, args: tuple[str, ...], count: str, done: str
) -> None:
    shutil.copy(GOLDEN_FIX / f"{golden}.in.yaml", here / "k0s.yaml")
    assert run(capsys, *args, "k0s.yaml")[1].splitlines()[-1] == count
    assert run(capsys, "--fix", *args, "k0s.yaml")[1].splitlines()[-1] == done


@pytest.mark.parametrize(
    ("fail_on", "summary"),
    [
        ("warning", "Found 2 findings in 1 file. 2 fixable with --fix."),
        ("error", "Found 2 findings in 1 file. 1 fail the run (--fail-on error). 2 fixable with --fix."),
    ],
)
def test_the_count_says_how_many_findings_fail_the_run(
    here: Path, capsys: pytest.CaptureFixture[str], fail_on: str, summary: str
) -> None:
    (here / "k0s.yaml").write_text(PULLED_AS_WRITTEN + WARNING)
    code, out = run(capsys, *ON_V1_32_1, "--fail-on", fail_on, "k0s.yaml")
    assert (code, out.splitlines()[-1]) == (1, summary)


def test_none_fails_the_run_below_fail_on(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "k0s.yaml").write_text(HEADER + "spec:\n" + WARNING)
    code, out = run(capsys, "--fail-on", "error", "k0s.yaml")
    assert (code, out.splitlines()[-1]) == (
        0,
        "Found 1 finding in 1 file. None fails the run (--fail-on error). 1 fixable with --fix.",
    )
    code, out = run(capsys, "--exit-zero", "k0s.yaml")
    assert (code, out.splitlines()[-1]) == (0, "Found 1 finding in 1 file. 1 fixable with --fix.")


def test_statistics_count_findings_by_rule(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "k0s.yaml").write_text(
        NEEDS_FIX + "    pushgateway:\n      image: quay.io/k0sproject/pushgateway-ttl\n" + WARNING
    )
    code, out = run(capsys, "--statistics", "k0s.yaml")
    assert code == 1
    assert out == (
        "count  code    name                             fixable\n"
        "    2  K0S110  image-rewritten-into-repository        2\n"
        "    1  K0S007  field-name-case                        1\n"
        "Found 3 findings in 1 file. 3 fixable with --fix.\n"
    )


@pytest.mark.parametrize(
    ("other", "message"),
    [
        (("--format", "json"), "--statistics counts findings in the text report"),
        (("--format", "sarif"), "--statistics counts findings in the text report"),
        (("--diff",), "--statistics does not apply to --diff"),
    ],
)
def test_statistics_is_for_the_text_report(
    capsys: pytest.CaptureFixture[str], other: tuple[str, ...], message: str
) -> None:
    assert main(["--statistics", *other, str(ROOT / "examples")]) == 2
    assert message in capsys.readouterr().err


def test_help_offers_the_report_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--statistics count the findings by rule instead of listing them" in help_text
    assert "full: text with each finding's source" in help_text
    assert "--format {text,full,json,sarif,github,junit,gitlab,markdown,mirror}" in help_text
    assert "mirror: --show-images" in help_text


def test_full_format_shows_the_source_underlined(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "k0s.yaml").write_text(
        NEEDS_FIX.replace("image: quay.io", "image: 'quay.io").replace("coredns\n", "coredns'  # 日本\n")
    )
    code, out = run(capsys, "--format", "full", "k0s.yaml")
    assert code == 1
    assert out.splitlines()[1:] == [
        "  |",
        "7 |       image: 'quay.io/k0sproject/coredns'  # 日本",
        "  |              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        "Found 1 finding in 1 file. 1 fixable with --fix.",
    ]
    assert out.splitlines()[0].startswith(
        "k0s.yaml:7:14: K0S110 [*] warning: image quay.io/k0sproject/coredns is outside"
    )


def test_full_format_escapes_and_cuts_the_source_line(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "k0s.yaml").write_text(
        NEEDS_FIX.replace(
            "image: quay.io/k0sproject/coredns", 'image: "quay.io/k0sproject/coredns\\t' + "y" * 300 + '"'
        )
    )
    # A tab and 300 more characters make a name no runtime can pull: K0S108's.
    _, out = run(capsys, "--format", "full", "--select", "K0S108", "k0s.yaml")
    assert out.splitlines()[0].startswith(
        "k0s.yaml:7:14: K0S108 error: image 'quay.io/k0sproject/coredns\\tyyy"
    )
    source, underline = out.splitlines()[2:4]
    assert source.startswith('7 |       image: "quay.io/k0sproject/coredns\\tyyy')
    assert source.endswith("…") and len(source) < 120
    assert underline == "  |              " + "^" * 80


def test_full_format_underlines_under_wide_characters(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Columns count characters; the underline counts terminal cells (日本 takes four), and a
    long line is cut to the part before the span."""
    (here / "k0s.yaml").write_text(
        HEADER + 'spec: {images: {repository: registry.acme.corp, pause: {version: "日本"}, '
        "coredns: {image: quay.io/k0sproject/coredns}}}\n"
    )
    _, out = run(capsys, "--format", "full", "--select", "K0S110", "k0s.yaml")
    before = '…egistry.acme.corp, pause: {version: "日本"}, coredns: {image: '
    assert out.splitlines()[1:4] == [
        "  |",
        f"3 | {before}quay.io/k0sproject/coredns}}}}}}",
        "  | " + " " * (len(before) + 2) + "^" * 26,
    ]
