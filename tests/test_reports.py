"""SARIF, GitHub annotations, JSON and JUnit: valid, complete, stable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from jsonschema import validators

from k0slint.k0s.releases import load
from k0slint.k0s.versions import parse_version
from k0slint.lint.linter import FileResult, ForcedRelease, Linter
from k0slint.lint.rule_docs import rule_docs
from k0slint.lint.rule_packs import all_rules, load_packs
from k0slint.reporters import sarif
from tests.helpers import ROOT, SHARED, example_context, k0slint

RULES = all_rules(load_packs())
SARIF_SCHEMA = SHARED / "sarif" / "sarif-schema-2.1.0.json"
GOLDEN = Path(__file__).parent / "golden" / "report"
needs_sarif_schema = pytest.mark.skipif(
    not SARIF_SCHEMA.is_file(), reason=f"needs the official SARIF schema at {SARIF_SCHEMA} (../shared)"
)


def every_rule_results(folder: Path) -> list[FileResult]:
    """One file per rule, its documented example, linted with the example's own settings."""
    results = []
    for rule in RULES:
        example = rule_docs(rule).examples("Example")[0]
        context = example_context(example, RULES)
        path = folder / f"{rule.code.lower()}.yaml"
        path.write_text(textwrap.dedent(example))
        forced = None
        if context["k0s_version"]:
            release, note = load().resolve(parse_version(context["k0s_version"]))
            forced = ForcedRelease(release, note)
        linter = Linter([r() for r in RULES], load(), forced, context["options"])
        results.append(linter.lint_bytes(str(path), path.read_bytes()))
    return results


@pytest.fixture
def every_rule_sarif(tmp_path: Path) -> dict[str, Any]:
    return sarif.build(every_rule_results(tmp_path), RULES, root=tmp_path)


def _validator() -> Any:
    schema = json.loads(SARIF_SCHEMA.read_text())
    return validators.validator_for(schema)(schema)


@needs_sarif_schema
def test_sarif_with_every_rule_is_valid(every_rule_sarif: dict[str, Any]) -> None:
    errors = [error.message for error in _validator().iter_errors(every_rule_sarif)]
    assert errors == []
    (run,) = every_rule_sarif["runs"]
    driver = run["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in RULES]
    assert {result["ruleId"] for result in run["results"]} == {rule.code for rule in RULES}
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%" and not artifact["uri"].startswith(("/", "file:"))
        region = location["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"].endswith((".", "?"))
    security = {rule["id"]: rule["properties"].get("security-severity") for rule in driver["rules"]}
    assert all(float(security[code]) > 0 for code in ("K0S101", "K0S102", "K0S106"))
    assert security["K0S002"] is None


@needs_sarif_schema
def test_clean_run_still_has_results(tmp_path: Path) -> None:
    config = tmp_path / "k0s.yaml"
    config.write_text("apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec: {}\n")
    result = k0slint("--format", "sarif", "k0s.yaml", cwd=tmp_path)
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert document["runs"][0]["results"] == []
    assert list(_validator().iter_errors(document)) == []


def test_fixes_and_related_locations(tmp_path: Path) -> None:
    config = tmp_path / "k0s.yaml"
    config.write_text((ROOT / "examples" / "k0s.yaml").read_text())
    linter = Linter([rule() for rule in RULES], load(), None)
    document = sarif.build([linter.lint_bytes(str(config), config.read_bytes())], RULES, root=tmp_path)
    (result,) = document["runs"][0]["results"]
    (fix,) = result["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "k0s.yaml", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 31, "startColumn": 14, "endLine": 31, "endColumn": 48},
            "insertedContent": {"text": "ghcr.io/mirantiscontainers/k0sproject/pushgateway-ttl"},
        }
    ]
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["region"]["startLine"] == 27


def test_fingerprint_survives_moved_lines(tmp_path: Path) -> None:
    config = tmp_path / "k0s.yaml"
    text = (ROOT / "examples" / "k0s.yaml").read_text()
    linter = Linter([rule() for rule in RULES], load(), None)

    def fingerprint(content: str) -> str:
        config.write_text(content)
        document = sarif.build([linter.lint_bytes(str(config), config.read_bytes())], RULES, root=tmp_path)
        return str(document["runs"][0]["results"][0]["partialFingerprints"]["k0slint/v1"])

    assert fingerprint(text) == fingerprint("# a new comment\n\n" + text)
    moved = text.replace("pushgateway:", "konnectivity:")
    assert fingerprint(text) != fingerprint(moved), "another YAML path is another finding"
    assert fingerprint(text).isalnum()


def test_symlinked_file_is_reported_at_its_target(tmp_path: Path) -> None:
    (tmp_path / "clusters").mkdir()
    target = tmp_path / "clusters" / "prod.yaml"
    target.write_text((ROOT / "examples" / "k0s.yaml").read_text())
    (tmp_path / "k0s.yaml").symlink_to(target)
    linter = Linter([rule() for rule in RULES], load(), None)
    link = str(tmp_path / "k0s.yaml")
    document = sarif.build([linter.lint_bytes(link, Path(link).read_bytes())], RULES, root=tmp_path)
    artifact = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uri"] == "clusters/prod.yaml"


MULTITOOL = os.environ.get("K0SLINT_SARIF_MULTITOOL")
# What Microsoft's validator still says (all notes), and why it stays:
ACCEPTED_NOTES = {
    "SARIF2002",  # ProvideMessageArguments: messages are complete sentences, not templates
    "SARIF2003",  # ProvideVersionControlProvenance: k0slint does not read git metadata
    "SARIF2006",  # UrisShouldBeReachable: checked offline, no network here
    "SARIF2009",  # ConsiderConventionalIdentifierValues: rule codes keep the K0S prefix
}


@pytest.mark.skipif(
    not MULTITOOL, reason="set K0SLINT_SARIF_MULTITOOL to Microsoft's Sarif.Multitool (.ci/run does)"
)
@needs_sarif_schema
def test_microsoft_sarif_multitool_with_github_rules(
    every_rule_sarif: dict[str, Any], tmp_path: Path
) -> None:
    log = tmp_path / "k0slint.sarif"
    log.write_text(json.dumps(every_rule_sarif))
    output = tmp_path / "validation.sarif"
    assert MULTITOOL is not None
    command = [MULTITOOL, "validate", str(log), "--rule-kind", "Sarif;Ghas", "--level", "Error;Warning;Note"]
    subprocess.run(
        [*command, "-o", str(output), "--log", "ForceOverwrite"],
        env={**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"},
        capture_output=True,
        check=True,
    )
    results = json.loads(output.read_text())["runs"][0]["results"]
    assert [r for r in results if r["level"] in ("error", "warning")] == []
    assert {r["ruleId"] for r in results} <= ACCEPTED_NOTES


def test_github_annotations(tmp_path: Path) -> None:
    config = tmp_path / "k0s, prod.yaml"
    config.write_text("apiVersion: k0s.k0sproject.io/v1beta1\nspec:\n  network:\n    provide: calico\n")
    result = k0slint("--format", "github", config.name, cwd=tmp_path)
    assert result.stdout == (
        "::error file=k0s%2C prod.yaml,line=4,col=5,endLine=4,endColumn=12,title=K0S004 ignored-field::"
        "spec.network.provide is not a k0s field: k0s v1.36.3+k0s.2 ignores it; did you mean 'provider'?\n"
    )


def test_junit(tmp_path: Path) -> None:
    result = k0slint("--format", "junit", str(ROOT / "examples"))
    assert result.stdout.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="k0slint" tests="2"'
    )
    assert result.stdout.count("<failure ") == 2


def _masked(text: str) -> str:
    text = re.sub(r'"(semanticVersion|version)": "\d+\.\d+\.\d+"', r'"\1": "<version>"', text)
    text = re.sub(r'"version": "\d+\.\d+\.\d+"', '"version": "<version>"', text)
    text = re.sub(r"/blob/v\d+\.\d+\.\d+/", "/blob/v<version>/", text)
    return re.sub(r'"uri": "file://[^"]*"', '"uri": "<root>"', text)


@pytest.mark.parametrize("format_name", ["sarif", "json", "markdown"])
def test_golden_reports(format_name: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "k0slint",
            "--format",
            format_name,
            "examples/k0s.yaml",
            "examples/k0sctl.yaml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    expected = (GOLDEN / f"examples.{format_name}").read_text()
    assert _masked(result.stdout) == expected


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "report.sarif"
    result = k0slint("--format", "sarif", "-o", str(out), "examples/")
    assert (result.returncode, result.stdout) == (1, "")
    assert len(json.loads(out.read_text())["runs"][0]["results"]) == 2


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="needs /dev/stdout")
def test_output_file_that_is_a_pipe_is_written_into(tmp_path: Path) -> None:
    """`-o /dev/stdout` in a pipeline: the report goes down the pipe, nothing is replaced."""
    result = k0slint("--format", "json", "-o", "/dev/stdout", "examples/")
    assert result.returncode == 1, result.stderr
    assert len(json.loads(result.stdout)["findings"]) == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_output_file_that_is_a_named_pipe_stays_one(tmp_path: Path) -> None:
    import stat
    import threading

    fifo = tmp_path / "report"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = subprocess.run(
        [sys.executable, "-m", "k0slint", "--format", "json", "-o", str(fifo), "examples/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    reader.join(timeout=60)
    assert result.returncode == 1, result.stderr
    assert len(json.loads(received[0])["findings"]) == 2
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_sarif_fix_descriptions_say_unsafe_once(tmp_path: Path) -> None:
    (tmp_path / "k0sctl.yaml").write_text((ROOT / "examples" / "k0sctl.yaml").read_text())
    result = k0slint("--format", "sarif", "k0sctl.yaml", cwd=tmp_path)
    (fix,) = json.loads(result.stdout)["runs"][0]["results"][0]["fixes"]
    description = fix["description"]["text"]
    assert description.count("unsafe") == 1, description
    assert description.startswith("write ghcr.io/mirantiscontainers/k0sproject/pushgateway-ttl (unsafe: ")


# GitLab's Code Quality report as https://docs.gitlab.com/ci/testing/code_quality/ documents it
# ("Code Quality report format"): an array of issues, each with these fields required.
GITLAB_CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {
                            "begin": {"type": "integer", "minimum": 1},
                            "end": {"type": "integer", "minimum": 1},
                        },
                    },
                },
            },
        },
    },
}


def gitlab_report(folder: Path, *paths: str) -> list[dict[str, Any]]:
    result = k0slint("--format", "gitlab", *paths, cwd=folder)
    assert result.returncode == 1, result.stderr
    issues: list[dict[str, Any]] = json.loads(result.stdout)
    return issues


def test_gitlab_code_quality_report_has_the_documented_fields(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "clusters").mkdir()
    for name in ("k0s.yaml", "k0sctl.yaml"):
        (tmp_path / "clusters" / name).write_text((ROOT / "examples" / name).read_text())
    (tmp_path / "clusters" / "anchors.yaml").write_text(
        (GOLDEN.parent / "fix" / "anchors.in.yaml").read_text()
    )
    issues = gitlab_report(tmp_path / "clusters", ".")
    validator = validators.validator_for(GITLAB_CODE_QUALITY)(GITLAB_CODE_QUALITY)
    assert [error.message for error in validator.iter_errors(issues)] == []
    assert [(issue["location"]["path"], issue["location"]["lines"]["begin"]) for issue in issues] == [
        ("clusters/anchors.yaml", 7),
        ("clusters/anchors.yaml", 7),
        ("clusters/k0s.yaml", 31),
        ("clusters/k0sctl.yaml", 30),
    ]
    # The newest release rewrites the images of anchors.yaml and k0s.yaml into the repository
    # (K0S110, a warning); k0sctl.yaml pins v1.32.1, which pulls the pushgateway as written
    # (K0S101, an error).
    assert [(issue["check_name"], issue["severity"]) for issue in issues] == [
        ("K0S110", "minor"),
        ("K0S110", "minor"),
        ("K0S110", "minor"),
        ("K0S101", "major"),
    ]
    assert issues[2]["description"].startswith("K0S110: image quay.io/k0sproject/pushgateway-ttl is outside")
    assert issues[3]["description"].startswith("K0S101: image quay.io/k0sproject/pushgateway-ttl escapes")
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints), "GitLab shows one issue per fingerprint"


def test_gitlab_severities_are_gitlabs_words(tmp_path: Path) -> None:
    (tmp_path / "k0s.yaml").write_text(
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  network:\n    kubeproxy: {}\n"
    )
    (tmp_path / ".k0slint.yaml").write_text("severity: {K0S007: info}\n")
    result = k0slint("--format", "gitlab", "--fail-on", "info", "k0s.yaml", cwd=tmp_path)
    assert [issue["severity"] for issue in json.loads(result.stdout)] == ["info"]
    (tmp_path / ".k0slint.yaml").unlink()
    result = k0slint("--format", "gitlab", "k0s.yaml", cwd=tmp_path)
    assert [issue["severity"] for issue in json.loads(result.stdout)] == ["minor"]


def test_gitlab_fingerprint_survives_moved_lines(tmp_path: Path) -> None:
    config = tmp_path / "k0s.yaml"
    text = (ROOT / "examples" / "k0s.yaml").read_text()

    def fingerprint(content: str) -> str:
        config.write_text(content)
        (issue,) = gitlab_report(tmp_path, "k0s.yaml")
        return str(issue["fingerprint"])

    assert fingerprint(text) == fingerprint("# a new comment\n\n" + text)
    assert fingerprint(text) != fingerprint(text.replace("pushgateway:", "konnectivity:"))
