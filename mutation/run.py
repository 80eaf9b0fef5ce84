"""Mutation testing of the fixer, the image model and the image rules, in one command.

    pip install -e '.[test,mutation]'
    python -m mutation.run                 # every group, then the score table
    python -m mutation.run fix             # one group (fix, model, image-rules)
    python -m mutation.run --report        # the table of the last run, without running

Each group is a mutmut project of its own under mutants/<group>/: the package is copied there
with the built-in rules placed as k0slint/rules (their installed name, so that mutmut's
mutant names match the modules the tests import), and mutmut mutates only the group's
modules, running for each mutant the tests that reached its function when collecting stats.
A test that runs the `k0slint` command in a subprocess runs the mutant too: PYTHONPATH puts
the mutated copy first and the subprocess inherits MUTANT_UNDER_TEST. README.md beside this
file is the record: scores and the survivors judged equivalent (equivalent.tsv).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mutation.hooks import HITS, MODULES, PROJECT
from mutation.record import Equivalent, read_equivalents

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "mutants"
EQUIVALENTS = Path(__file__).resolve().parent / "equivalent.tsv"


@dataclass(frozen=True)
class Group:
    name: str
    modules: tuple[str, ...]  # paths inside the staged package, as mutmut names them
    tests: tuple[str, ...]


GROUPS = (
    Group(
        "fix",
        (
            "k0slint/fix/edits.py",
            "k0slint/fix/locate.py",
            "k0slint/fix/render.py",
            "k0slint/fix/splice.py",
            "k0slint/fix/verify.py",
        ),
        (
            "tests/test_fixer.py",
            "tests/test_fix_verify.py",
            "tests/test_fix_splice.py",
            "tests/test_fix_render.py",
            "tests/test_fix_faults.py",
            "tests/test_fix_golden.py",
            "tests/test_fix_property.py",
            "tests/test_fix_corpus.py",
            "tests/rules",
        ),
    ),
    Group(
        "model",
        ("k0slint/k0s/effective.py", "k0slint/k0s/references.py"),
        ("tests/test_k0s_model.py", "tests/test_references.py", "tests/rules", "tests/test_show_images.py"),
    ),
    Group(
        "image-rules",
        (
            "k0slint/rules/image_not_redirected.py",
            "k0slint/rules/image_outside_repository.py",
            "k0slint/rules/image_rewritten_into_repository.py",
            "k0slint/rules/image_version_invalid.py",
        ),
        ("tests/rules", "tests/test_rule_docs.py"),
    ),
)

KILLED = {"killed", "timeout", "caught by type check", "segfault"}


def stage(group: Group) -> Path:
    """A fresh mutmut project for the group: the package (rules and schemas inside it), tests."""
    project = WORK / group.name
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "k0slint", project / "k0slint", ignore=ignore)
    shutil.copytree(ROOT / "rules", project / "k0slint" / "rules", ignore=ignore)
    shutil.copytree(ROOT / "schemas", project / "k0slint" / "schemas", ignore=ignore)
    shutil.copytree(ROOT / "tests", project / "tests", ignore=ignore)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    settings = {
        "source_paths": ["k0slint"],
        "only_mutate": list(group.modules),
        "pytest_add_cli_args_test_selection": [
            *(test for test in group.tests if (ROOT / test).exists()),
            "-m",
            "not slow",
        ],
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-p", "mutation_hooks"],
    }
    lines = [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    hooks = project / "hooks"
    hooks.mkdir()
    shutil.copy(Path(__file__).with_name("hooks.py"), hooks / "mutation_hooks.py")
    (hooks / "sitecustomize.py").write_text(
        "import mutation_hooks\n\nmutation_hooks.record_subprocess_hits()\n", encoding="utf-8"
    )
    (project / "pyproject.toml").write_text(
        pyproject + "\n[tool.mutmut]\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    return project


def run_group(group: Group, children: int) -> float:
    project = stage(group)
    shared = Path(os.environ.get("K0SLINT_SHARED", ROOT.parent / "shared")).resolve()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(project / "mutants"), str(project / "hooks")]),
        HITS: str(project / "subprocess-hits.txt"),
        PROJECT: str(project),
        MODULES: ",".join(module.removesuffix(".py").replace("/", ".") for module in group.modules),
        "K0SLINT_SHARED": str(shared),
    }
    # Before mutmut starts: a PYTHONPATH folder missing at start-up is never searched again.
    (project / "mutants").mkdir()
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "mutmut", "run", "--max-children", str(children)],
        cwd=project,
        env=env,
        check=True,
    )
    return time.monotonic() - started


@dataclass
class Score:
    module: str
    statuses: dict[str, str]  # mutant name -> mutmut status
    seconds: float

    def count(self, *statuses: str) -> int:
        return sum(1 for status in self.statuses.values() if status in statuses)


def read_scores(group: Group) -> list[Score]:
    from mutmut.stats import status_by_exit_code

    scores = []
    for module in group.modules:
        meta_path = WORK / group.name / "mutants" / (module + ".meta")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        statuses = {name: status_by_exit_code[code] for name, code in meta["exit_code_by_key"].items()}
        seconds = sum(duration for duration in meta["durations_by_key"].values() if duration)
        scores.append(Score(module, statuses, seconds))
    return scores


def diff_line(group: Group, mutant: str) -> str:
    """The mutated line of a mutant, as `mutmut show` prints it (`+` side)."""
    shown = subprocess.run(
        [sys.executable, "-m", "mutmut", "show", mutant],
        cwd=WORK / group.name,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    added = [
        line[1:].strip() for line in shown.splitlines() if line.startswith("+") and not line.startswith("+++")
    ]
    return " / ".join(added)


def report(groups: Sequence[Group], equivalents: dict[str, Equivalent]) -> int:
    """Print the score table and every survivor not judged equivalent; 1 if any is left."""
    print("| module | mutants | killed | equivalent | not killed | score | mutant CPU s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    unexplained: list[tuple[Group, str, str]] = []
    for group in groups:
        for score in read_scores(group):
            alive = {name: status for name, status in score.statuses.items() if status not in KILLED}
            equivalent = [name for name in alive if name in equivalents]
            unexplained += [
                (group, name, status) for name, status in alive.items() if name not in equivalents
            ]
            judged = len(score.statuses) - len(equivalent)
            killed = score.count(*KILLED)
            ratio = 100.0 * killed / judged if judged else 100.0
            print(
                f"| {score.module} | {len(score.statuses)} | {killed} | {len(equivalent)} | "
                f"{len(alive) - len(equivalent)} | {ratio:.1f} % | {score.seconds:.0f} |"
            )
    for group, name, status in unexplained:
        print(f"{status}: {name}\n    {diff_line(group, name)}")
    return 1 if unexplained else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mutation.run", description=__doc__.split("\n")[0])
    parser.add_argument("groups", nargs="*", metavar="GROUP", help="fix, model, image-rules (default: all)")
    parser.add_argument("--report", action="store_true", help="print the table of the last run only")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 2, help="mutants run at once")
    args = parser.parse_args(argv)
    unknown = set(args.groups) - {group.name for group in GROUPS}
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}")
    chosen = [group for group in GROUPS if not args.groups or group.name in args.groups]
    if not args.report:
        for group in chosen:
            seconds = run_group(group, args.children)
            print(f"== {group.name}: {seconds / 60:.1f} minutes", flush=True)
    return report(chosen, read_equivalents(EQUIVALENTS))


if __name__ == "__main__":
    sys.exit(main())
