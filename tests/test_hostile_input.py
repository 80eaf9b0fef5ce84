"""Hostile and odd input through the real command line.

Every input gets a defined exit code (0 clean, 1 findings, 2 error), messages of one line
that name the file and, where there is one, the line:column, and never a traceback. Inputs
that could exhaust time or memory run in a child process with a timeout and an address
space limit, and report the child's peak memory.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from k0slint.cli.main import main
from k0slint.lint import run as run_module
from k0slint.lint.discovery import Excluder, FileTarget, MissingPath, expand
from tests.helpers import FIXED, NEEDS_FIX

HEADER = "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\n"
MIB = 1 << 20
MEMORY_LIMIT = 1 << 30

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs resource and os.wait4")


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    peak_mib: float = 0.0

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return path


def lint(capsys: pytest.CaptureFixture[str], *args: str) -> Outcome:
    code = main(["--isolated", "--color", "never", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return Outcome(code, out, err)


_CHILD = (
    "import resource, runpy, sys; "
    "resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit})); "
    "sys.argv = ['k0slint', *sys.argv[1:]]; "
    "runpy.run_module('k0slint', run_name='__main__')"
)


def lint_bounded(cwd: Path, *args: str, timeout: float = 20.0) -> Outcome:
    """k0slint in a child process limited to MEMORY_LIMIT of address space, killed after `timeout`."""
    command = [sys.executable, "-c", _CHILD.format(limit=MEMORY_LIMIT), "--isolated", "--color", "never"]
    env = {k: v for k, v in os.environ.items() if k != "K0SLINT_DEBUG"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([*command, *args], cwd=cwd, stdout=out, stderr=err, env=env)
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        outcome = Outcome(code, out.read().decode(), err.read().decode(), usage.ru_maxrss / 1024)
    assert code != -signal.SIGKILL, f"k0slint {' '.join(args)} ran longer than {timeout} s"
    assert "Traceback" not in outcome.out + outcome.err, outcome.err[-2000:]
    return outcome


# 1. Files with nothing in them.


@pytest.mark.parametrize(
    "content",
    ["", "\n\n", "# only\n# comments\n", "---\n", "---\n...\n---\n# nothing\n", "\ufeff"],
    ids=["empty", "blank-lines", "comments", "dashes", "empty-documents", "bom-only"],
)
def test_files_without_content_are_clean(
    here: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    write(here / "k0s.yaml", content)
    outcome = lint(capsys, "k0s.yaml")
    assert (outcome.code, outcome.out, outcome.err) == (
        0,
        "All checks passed (0 k0s configurations checked).\n",
        "",
    )


# 2. Documents that are not mappings (tests/test_documents.py checks the recogniser alone).


@pytest.mark.parametrize(
    ("content", "what", "at"),
    [
        ("- a\n- b\n", "a list", "1:1"),
        ("just a string\n", "a single value", "1:1"),
        (f"- {HEADER.replace(chr(10), chr(10) + '  ', 1)}", "a list", "1:1"),
        (f"{HEADER}---\n- a\n", "a list", "4:1"),
    ],
    ids=["list", "scalar", "list-of-clusterconfig", "second-document"],
)
def test_k0s_yaml_that_is_not_a_mapping_is_k0s005(
    here: Path, capsys: pytest.CaptureFixture[str], content: str, what: str, at: str
) -> None:
    write(here / "k0s.yaml", content)
    outcome = lint(capsys, "k0s.yaml")
    assert outcome.code == 1
    assert outcome.lines[0].startswith(
        f"k0s.yaml:{at}: K0S005 error: this file holds {what}, not a ClusterConfig"
    )
    assert outcome.lines[1] == "Found 1 finding in 1 file."


@pytest.mark.parametrize(
    "content",
    ["- a\n- b\n", "just a string\n", f"- {HEADER.replace(chr(10), chr(10) + '  ', 1)}", "42\n"],
    ids=["list", "scalar", "list-of-clusterconfig", "number"],
)
def test_other_files_that_are_not_mappings_pass_silently(
    here: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    write(here / "values.yaml", content)
    assert lint(capsys, "-q", "values.yaml") == Outcome(0, "", "")


# 3. Invalid YAML (tests/test_cli.py has an unclosed flow list at the end of a file).


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (f"{HEADER}spec: {{api: [1, 2}}\n", "3:18: K0S001 error: did not find expected ',' or ']'"),
        (
            f'{HEADER}spec:\n  api:\n    address: "10.0.0.1\n',
            "6:1: K0S001 error: found unexpected end of stream",
        ),
        (
            f"{HEADER}spec:\n  api:\n    address: 10.0.0.1\n   port: 6443\n",
            "6:4: K0S001 error: did not find expected key",
        ),
        (
            f'{HEADER}spec:\n  api:\n    address: "a\x07b"\n',
            "5:16: K0S001 error: character U+0007 is not allowed",
        ),
        (
            f'{HEADER}metadata:\n  name: "café 😀 日本"\nspec:\n  api:\n    address: "a\x07b"\n',
            "7:16: K0S001 error: character U+0007 is not allowed",
        ),
        (
            f'{HEADER}spec:\r  api:\r    address: "a\x07b"\r',
            "5:16: K0S001 error: character U+0007 is not allowed",
        ),
    ],
    ids=[
        "flow",
        "unterminated-quote",
        "indentation",
        "control",
        "control-after-non-ascii",
        "control-after-cr",
    ],
)
def test_invalid_yaml_is_k0s001_at_its_position(
    here: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    write(here / "k0s.yaml", content)
    outcome = lint(capsys, "k0s.yaml")
    assert outcome.code == 1
    assert outcome.lines[0].startswith(f"k0s.yaml:{message}")
    assert outcome.lines[1] == "Found 1 finding in 1 file."


# 4. Duplicate keys, tabs, anchors, aliases and merge keys.


def test_duplicate_key_is_k0s006(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(here / "k0s.yaml", f"{HEADER}spec:\n  api:\n    port: 6443\n    port: 6444\n")
    outcome = lint(capsys, "k0s.yaml")
    assert outcome.code == 1
    assert outcome.lines[0] == (
        "k0s.yaml:6:5: K0S006 error: key 'port' is already set in this mapping; k0s refuses the file"
    )


@pytest.mark.parametrize(
    ("content", "at"),
    [
        (f"{HEADER}spec:\n\timages: {{}}\n", "4:1"),
        (f"{HEADER}spec:\n  images:\n  \trepository: x\n", "5:3"),
        (f"{HEADER}spec:\n  images:\n    repository: x\n\tcoredns: {{}}\n", "6:1"),
    ],
    ids=["line-start", "after-spaces", "in-mapping"],
)
def test_tab_indentation_is_k0s001_at_the_tab(
    here: Path, capsys: pytest.CaptureFixture[str], content: str, at: str
) -> None:
    write(here / "k0s.yaml", content)
    outcome = lint(capsys, "k0s.yaml")
    assert outcome.code == 1
    assert outcome.lines[0].startswith(f"k0s.yaml:{at}: K0S001 error: found a tab character")


MERGED = f"""\
{HEADER}spec:
  images:
    repository: registry.acme.corp
    metricsserver: &image
      image: quay.io/k0sproject/metrics-server
    coredns:
      <<: *image
      image: registry.acme.corp/k0sproject/coredns
    pushgateway:
      <<: *image
"""


def test_merge_keys_and_aliases_merge_as_k0s_does(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(here / "k0s.yaml", MERGED)
    outcome = lint(capsys, "--select", "K0S110", "k0s.yaml")
    assert outcome.code == 1
    # coredns overrides the merged image; metricsserver and pushgateway both pull the anchored
    # one, reported where it is written. Fixing it would change both: no safe fix.
    assert [line.split(" image ")[0] for line in outcome.lines[:-1]] == [
        "k0s.yaml:7:14: K0S110 warning:",
        "k0s.yaml:7:14: K0S110 warning:",
    ]
    assert "[*]" not in outcome.out
    assert lint(capsys, "--fix", "--select", "K0S110", "k0s.yaml").code == 1
    assert (here / "k0s.yaml").read_text() == MERGED


# 5, 6. Alias bombs and deep nesting: bounded in time and memory.


def _alias_bomb(flow: bool) -> str:
    lines = [HEADER.rstrip("\n"), 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = [f"*l{level - 1}"] * 9
        body = (
            f"[{', '.join(refs)}]"
            if flow
            else "{" + ", ".join(f"k{i}: {r}" for i, r in enumerate(refs)) + "}"
        )
        lines.append(f"l{level}: &l{level} {body}")
    return "\n".join(lines) + "\n"


@posix_only
@pytest.mark.parametrize("name", ["k0s.yaml", "values.yaml"])
@pytest.mark.parametrize("flow", [True, False], ids=["lists", "mappings"])
def test_alias_bomb_is_k0s001_in_bounded_time_and_memory(tmp_path: Path, name: str, flow: bool) -> None:
    write(tmp_path / name, _alias_bomb(flow))
    outcome = lint_bounded(tmp_path, name)
    assert outcome.code == 1
    assert outcome.lines[0].startswith(f"{name}:3:")
    assert "K0S001 error: aliases expand to more than 100000 nodes (an alias bomb?)" in outcome.lines[0]
    assert outcome.peak_mib < 300


@posix_only
@pytest.mark.parametrize(
    ("content", "at"),
    [
        ("[" * 10_000 + "]" * 10_000 + "\n", "1:202"),
        (f"{HEADER}spec:\n  api: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", "4:801"),
        ("- " * 10_000 + "x\n", "1:403"),
        ("".join(f"{' ' * level}k:\n" for level in range(10_000)), "201:201"),
        (f"{HEADER}spec:\n  api: " + "[" * 300 + "]" * 300 + "\n", "4:207"),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists", "block-mappings", "over-k0slint-limit"],
)
def test_deep_nesting_is_k0s001_without_recursion_error(tmp_path: Path, content: str, at: str) -> None:
    """k0slint's own limit, at the same place whichever PyYAML is installed: libyaml refuses
    1,000 levels in some of the allowed releases and not in others."""
    write(tmp_path / "k0s.yaml", content)
    outcome = lint_bounded(tmp_path, "k0s.yaml")
    assert outcome.code == 1
    assert outcome.lines[0] == f"k0s.yaml:{at}: K0S001 error: nesting is deeper than 200 levels"
    assert "RecursionError" not in outcome.out + outcome.err
    assert outcome.peak_mib < 300


# 7. A 50 MB file.


def _chart_document(index: int, values: str) -> str:
    return (
        f"---\n{HEADER}metadata:\n  name: c{index}\nspec:\n  extensions:\n    helm:\n      charts:\n"
        "      - name: app\n        chartname: oci://registry.acme.corp/charts/app\n"
        f"        version: 1.0.0\n        namespace: default\n        values: |\n{values}"
    )


@pytest.mark.slow
@posix_only
def test_a_50_mb_file_of_clusterconfigs_completes(tmp_path: Path) -> None:
    values = "".join(f"          key{i}: value-{i:08d}-{'x' * 24}\n" for i in range(500))
    count = 50 * MIB // len(_chart_document(0, values)) + 1
    with (tmp_path / "k0s.yaml").open("w") as handle:
        handle.write(NEEDS_FIX)
        handle.writelines(_chart_document(index, values) for index in range(count))
    assert (tmp_path / "k0s.yaml").stat().st_size > 50 * MIB
    outcome = lint_bounded(tmp_path, "k0s.yaml", timeout=120)
    assert outcome.code == 1
    assert outcome.lines[0].startswith("k0s.yaml:7:14: K0S110 [*] warning: image quay.io/k0sproject/coredns")
    assert outcome.lines[1] == "Found 1 finding in 1 file. 1 fixable with --fix."
    assert outcome.peak_mib < 600


@pytest.mark.slow
@posix_only
def test_a_clusterconfig_with_a_list_of_250000_items_completes(tmp_path: Path) -> None:
    sans = "".join(f"      - 10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}\n" for i in range(250_000))
    write(tmp_path / "k0s.yaml", f"{HEADER}spec:\n  api:\n    sans:\n{sans}      - 'not an address!'\n")
    outcome = lint_bounded(tmp_path, "k0s.yaml", timeout=120)
    assert outcome.code == 1
    assert outcome.lines[0].startswith("k0s.yaml:250006:9: ")
    assert outcome.peak_mib < 600


# 8. Bytes that are not text.


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "1:1: not valid UTF-8 text (byte 0x89 at offset 0)"),
        (b"spec: x\n" + bytes(random.Random(0).randrange(128) for _ in range(64)) + b"\x00", "binary file"),
        (b"apiVersion: v1\n" + random.Random(1).randbytes(4096), "2:1: not valid UTF-8 text"),
        (HEADER.encode() + b'spec:\n  api: {address: "\xc3\x28"}\n', "4:19: not valid UTF-8 text (byte 0xc3"),
        (HEADER.encode() + b"spec: {}\r# \x00\r", "4:3: binary file (contains NUL bytes)"),
        (codecs.BOM_UTF16_LE + "spec:\n  x: ".encode("utf-16-le") + b"\x00\xd8", "2:6: not valid UTF-16"),
    ],
    ids=["png", "nul", "random", "invalid-utf8", "nul-after-cr", "lone-surrogate"],
)
def test_binary_and_undecodable_files_are_one_line_errors(
    here: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    write(here / "bad.yaml", content)
    write(here / "k0s.yaml", NEEDS_FIX)
    outcome = lint(capsys, "bad.yaml", "k0s.yaml")
    assert outcome.code == 2
    (error,) = outcome.err.splitlines()
    assert error.startswith("k0slint: error: bad.yaml:")
    assert message in error
    assert outcome.lines[0].startswith("k0s.yaml:7:14: K0S110 [*] warning: ")


# 9, 10. Encodings and line endings: same positions, and --fix writes them back.


def _utf16(encoding: str, bom: bytes) -> tuple[bytes, bytes]:
    return bom + NEEDS_FIX.encode(encoding), bom + FIXED.encode(encoding)


@pytest.mark.parametrize(
    ("original", "fixed"),
    [
        (codecs.BOM_UTF8 + NEEDS_FIX.encode(), codecs.BOM_UTF8 + FIXED.encode()),
        _utf16("utf-16-le", codecs.BOM_UTF16_LE),
        _utf16("utf-16-be", codecs.BOM_UTF16_BE),
        _utf16("utf-16-le", b""),
        _utf16("utf-16-be", b""),
        (NEEDS_FIX.replace("\n", "\r\n").encode(), FIXED.replace("\n", "\r\n").encode()),
        (NEEDS_FIX.replace("\n", "\r").encode(), FIXED.replace("\n", "\r").encode()),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "crlf", "cr"],
)
def test_encodings_and_line_endings_keep_positions_and_survive_fix(
    here: Path, capsys: pytest.CaptureFixture[str], original: bytes, fixed: bytes
) -> None:
    write(here / "k0s.yaml", original)
    outcome = lint(capsys, "--format", "json", "k0s.yaml")
    assert outcome.code == 1
    (finding,) = json.loads(outcome.out)["findings"]
    assert (finding["code"], finding["line"], finding["column"], finding["end_column"]) == (
        "K0S110",
        7,
        14,
        40,
    )
    outcome = lint(capsys, "--fix", "k0s.yaml")
    assert outcome.code == 0
    assert outcome.out.startswith("Fixed 1 finding; no findings remain")
    assert (here / "k0s.yaml").read_bytes() == fixed


# 11. Tags: never constructed, never executed.

TAGGED = f"""\
{HEADER}spec:
  api: !!python/object/apply:os.system ["touch {{pwned}}"]
  storage: !!python/object/new:os.system ["touch {{pwned}}"]
  network: !!python/name:os.system
  telemetry: !vault |
    $ANSIBLE_VAULT;1.1;AES256
    61626364
  images:
    repository: registry.acme.corp
    coredns:
      image: !custom quay.io/k0sproject/coredns
"""


@pytest.mark.parametrize("fix", [False, True], ids=["check", "fix"])
def test_python_and_custom_tags_are_never_constructed(
    here: Path, capsys: pytest.CaptureFixture[str], fix: bool
) -> None:
    pwned = here / "PWNED"
    content = TAGGED.format(pwned=pwned)
    write(here / "k0s.yaml", content)
    write(here / "values.yaml", f"x: !!python/object/apply:os.system ['touch {pwned}']\n")
    outcome = lint(
        capsys, *(["--fix"] if fix else []), "--select", "K0S002,K0S110", "k0s.yaml", "values.yaml"
    )
    assert not pwned.exists()
    assert outcome.code == 1
    assert [line.split(": expected")[0] for line in outcome.lines[:2]] == [
        "k0s.yaml:4:8: K0S002 error: spec.api",
        "k0s.yaml:5:12: K0S002 error: spec.storage",
    ]
    if fix:
        assert (here / "k0s.yaml").read_text() == content.replace(
            "!custom quay.io/", "!custom registry.acme.corp/"
        )
    else:
        assert outcome.lines[2].startswith(
            "k0s.yaml:13:14: K0S110 [*] warning: image quay.io/k0sproject/coredns"
        )


# 12. Templates (tests/test_cli.py has a Helm `{{- if }}` block that does not parse).


@pytest.mark.parametrize(
    "content",
    [
        f"{HEADER}spec:\n{{% if ha %}}\n  api: {{address: 10.0.0.1}}\n{{% endif %}}\n",
        f"{HEADER}spec:\n  images:\n    repository: {{{{ .Values.repo\n",
    ],
    ids=["jinja-block", "broken-helm"],
)
def test_templates_that_do_not_parse_are_skipped_with_a_note(
    here: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    write(here / "k0s.yaml", content)
    write(here / "values.yaml", "replicas: {% if x %}1{% endif %\n")
    outcome = lint(capsys, "k0s.yaml", "values.yaml")
    assert outcome.code == 0
    assert outcome.err == (
        "k0slint: note: k0s.yaml: skipped: template syntax that does not parse as YAML until rendered\n"
    )
    assert "K0S001" not in outcome.out


@pytest.mark.parametrize(
    ("repository", "image"),
    [
        ("{{ .Values.repo }}", '"{{ .Values.repo }}/k0sproject/coredns"'),
        ('"{{ repo }}"', "quay.io/k0sproject/coredns"),
        ('"${REPO}"', "${REPO}/k0sproject/coredns"),
        ("registry.acme.corp", "{{ .Values.coredns }}"),
        ("registry.acme.corp", "$COREDNS_IMAGE"),
    ],
    ids=["helm-unquoted", "jinja-repository", "envsubst", "helm-image", "shell-variable"],
)
def test_templated_values_are_linted_without_false_findings(
    here: Path, capsys: pytest.CaptureFixture[str], repository: str, image: str
) -> None:
    content = f"{HEADER}spec:\n  images:\n    repository: {repository}\n    coredns:\n      image: {image}\n"
    write(here / "k0s.yaml", content + "    pushgateway:\n      image: quay.io/k0sproject/pushgateway-ttl\n")
    outcome = lint(capsys, "--select", "K0S1", "k0s.yaml")
    if "{{" in repository or "$" in repository:
        assert outcome == Outcome(0, "All checks passed (1 k0s configuration checked).\n", "")
    else:
        assert outcome.code == 1
        assert [line[:25] for line in outcome.lines[:-1]] == ["k0s.yaml:9:14: K0S110 [*]"]


# 13. null for every section.

SECTIONS = (
    "api", "storage", "network", "images", "extensions", "workerProfiles", "telemetry",
    "konnectivity", "controllerManager", "scheduler", "installConfig", "featureGates",
)  # fmt: skip


@pytest.mark.parametrize(
    "spec",
    ["{" + ", ".join(f"{name}: null" for name in SECTIONS) + "}", "null", "~", ""],
    ids=["every-section", "null", "tilde", "empty"],
)
def test_null_sections_are_accepted(here: Path, capsys: pytest.CaptureFixture[str], spec: str) -> None:
    write(here / "k0s.yaml", f"{HEADER}spec: {spec}\n")
    outcome = lint(capsys, "k0s.yaml")
    assert outcome == Outcome(0, "All checks passed (1 k0s configuration checked).\n", "")


def test_null_image_settings_with_a_repository_are_k0s208(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ("konnectivity", "calico", "coredns", "pause")
    sections = "".join(f"    {name}: null\n" for name in names)
    write(here / "k0s.yaml", f"{HEADER}spec:\n  images:\n    repository: registry.acme.corp\n{sections}")
    outcome = lint(capsys, "--select", "K0S208", "k0s.yaml")
    assert outcome.code == 1
    assert [line.split(" null ")[0] for line in outcome.lines[:-1]] == [
        f"k0s.yaml:{line}:5: K0S208 error: images.{name}:" for line, name in enumerate(names, start=6)
    ]
    assert lint(capsys, "--select", "K0S208", "--k0s-version", "1.31.5", "k0s.yaml").code == 0


# 14. Very long lines.


@posix_only
@pytest.mark.parametrize(
    ("content", "code", "start"),
    [
        # A name of a megabyte is longer than any runtime pulls (255): K0S108's, first.
        (
            NEEDS_FIX.replace("coredns\n", "coredns" + "x" * MIB + "\n"),
            1,
            "k0s.yaml:7:14: K0S108 error: image 'quay.io/k0sproject/corednsxxx",
        ),
        (f"{HEADER}spec: {{api: {{address: {'a' * MIB}]}}}}\n", 1, f"k0s.yaml:3:{MIB + 23}: K0S001 error: "),
        (f"{HEADER}metadata:\n  name: '{'n' * MIB}'\n", 0, "All checks passed (1 k0s configuration"),
        (f"{HEADER}{'k' * MIB}: 1\n", 1, f"k0s.yaml:3:{MIB + 1}: K0S001 error: could not find expected ':'"),
    ],
    ids=["long-image", "long-flow", "long-name", "long-key"],
)
def test_a_line_of_a_megabyte_is_fine(tmp_path: Path, content: str, code: int, start: str) -> None:
    write(tmp_path / "k0s.yaml", content)
    outcome = lint_bounded(tmp_path, "k0s.yaml")
    assert outcome.code == code
    assert outcome.lines[0].startswith(start)
    assert outcome.peak_mib < 300


# 15. File names with spaces and non-ASCII characters.


def test_names_with_spaces_and_non_ascii_are_reported_as_they_are(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "my cluster/k0s ü.yaml"
    write(here / name, NEEDS_FIX)
    for given in (name, "my cluster"):
        outcome = lint(capsys, given)
        assert outcome.code == 1
        assert outcome.lines[0].startswith(f"{name}:7:14: K0S110 [*] warning: ")
    report = json.loads(lint(capsys, "--format", "json", name).out)
    assert report["findings"][0]["file"] == name
    assert lint(capsys, "--fix", "my cluster").code == 0
    assert (here / name).read_text() == FIXED


# 16. Files that vanish between listing and reading.


@pytest.mark.parametrize(
    ("replace", "reason"),
    [
        (Path.unlink, "No such file or directory"),
        (lambda path: (path.unlink(), path.mkdir()), "Is a directory"),
    ],
    ids=["deleted", "now-a-folder"],
)
def test_a_file_that_vanishes_after_listing_is_an_error_and_the_run_goes_on(
    here: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    replace: Callable[[Path], object],
    reason: str,
) -> None:
    for name in ("a", "b", "c"):
        write(
            here / "cluster" / f"{name}.yaml", NEEDS_FIX.replace("ClusterConfig", "ClusterConfig  # " + name)
        )

    def listed_then_gone(
        paths: list[str], exclude: Excluder | None = None
    ) -> Iterator[FileTarget | MissingPath]:
        targets = list(expand(paths, exclude))
        replace(here / "cluster" / "b.yaml")
        return iter(targets)

    monkeypatch.setattr(run_module, "expand", listed_then_gone)
    outcome = lint(capsys, "cluster")
    assert outcome.code == 2
    assert outcome.err == f"k0slint: error: cluster/b.yaml: cannot read: {reason}\n"
    assert [line.split(" K0S110 ")[0] for line in outcome.lines] == [
        "cluster/a.yaml:7:14:",
        "cluster/c.yaml:7:14:",
    ]
