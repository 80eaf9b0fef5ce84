"""Benchmarks: k0slint against the floor and its peers, as whole processes, in one run.

    python benchmarks/run.py [--runs 5] [--work DIR] [--shared ../shared] [--in-place]

Makes a corpus with ../shared/bench/make_corpus.py (1, 100 and 2,000 files, and one 5 MB
multi-document file), then times, side by side: the floor (benchmarks/floor.py: read and
compose with libyaml, nothing else), k0slint (default rules, schema validation on; with
--jobs 1 and the default), k0slint --fix, yamllint and check-jsonschema with k0slint's schema.
Times are medians over --runs rounds (half as many for 2,000 files) in which the tools take
turns, one run each per round (four for a single file), timed by hyperfine when installed, else
by a loop here; a slow spell of a shared machine then falls on all of them. Everything is
reported as ratios, to the floor and to each peer. Peak memory is the largest resident set of
one run. Prints a Markdown report (benchmarks/README.md holds one).

Every tool, and the floor, runs from one virtual environment made in the work folder, with
this checkout installed the way users get it (a regular, not editable, install; refreshed each
run) beside yamllint and check-jsonschema: an editable install adds an import hook that
every tool pays at start-up and k0slint again on each of its imports. `--in-place` uses the
tools beside the running interpreter instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ("yamllint>=1.35", "check-jsonschema>=0.29")  # pyproject's `bench` extra


@dataclass
class Measure:
    label: str
    seconds: float
    peak_kib: int = 0


def use_venv(folder: Path) -> Path:
    """A venv in `folder` with this checkout (regular install) and the peers; its bin folder."""
    python = str(folder / "bin" / "python")

    def quietly(*command: str) -> None:
        done = subprocess.run(command, capture_output=True, text=True, env=environment(), check=False)
        if done.returncode:
            raise SystemExit(f"benchmarks: {' '.join(command)} failed (--in-place skips it):\n{done.stderr}")

    if not (folder / "bin" / "python").exists():
        quietly(sys.executable, "-m", "venv", str(folder))
        quietly(python, "-m", "pip", "install", "-q", *PEERS)
    quietly(python, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(ROOT))
    return folder / "bin"


def tool(name: str, bin_dir: Path) -> str:
    local = bin_dir / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"benchmarks: {name} is not installed (pip install -e '.[bench]')")
    return found


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # installed tools run from compiled bytecode
    return env


def make_corpus(shared: Path, work: Path) -> dict[str, list[str]]:
    maker = shared / "bench" / "make_corpus.py"
    if not maker.exists():
        raise SystemExit(f"benchmarks: {maker} not found (pass --shared)")
    full = work / "corpus"
    if not (full / "manifest.json").exists():
        subprocess.run(
            [sys.executable, str(maker), str(full), "--files", "2000", "--big-mb", "5"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    files = sorted(str(path) for path in full.glob("*.yaml"))
    typical = next(path for path in files if Path(path).name.startswith("k0s-"))
    return {
        "1 file": [typical],
        "100 files": files[:100],
        "2000 files": files[:2000],
        "5 MB file": [str(full / "big" / "multi-doc.yaml")],
    }


def peak_kib(command: list[str]) -> int:
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, env=environment(), check=True
    )
    return int(done.stdout.strip())


def time_commands(commands: dict[str, list[str]], rounds: int, per_round: int) -> dict[str, float]:
    """Median wall-clock seconds of each command, measured in `rounds` rounds of `per_round`
    runs each, the commands taking turns: a slow spell of a shared machine hits them all.
    The first round starts each command with an untimed warm-up run."""
    samples: dict[str, list[float]] = {label: [] for label in commands}
    one_round = _hyperfine_round if shutil.which("hyperfine") else _own_round
    for index in range(rounds):
        for label, times in one_round(commands, per_round, warm_up=index == 0).items():
            samples[label].extend(times)
    return {label: statistics.median(times) for label, times in samples.items()}


def _hyperfine_round(commands: dict[str, list[str]], runs: int, *, warm_up: bool) -> dict[str, list[float]]:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        options = ["hyperfine", "-N", "-i", "-w", "1" if warm_up else "0", "-r", str(runs)]
        lines = [" ".join(_quote(part) for part in command) for command in commands.values()]
        subprocess.run(
            [*options, "--export-json", report.name, *lines],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # its warnings about outliers; a failure still raises
            env=environment(),
        )
        results = json.loads(Path(report.name).read_text())["results"]
    return {label: result["times"] for label, result in zip(commands, results, strict=True)}


def _own_round(commands: dict[str, list[str]], runs: int, *, warm_up: bool) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for label, command in commands.items():
        times = [_run_once(command) for _ in range(runs + warm_up)]
        out[label] = times[1:] if warm_up else times
    return out


def _run_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment()
    )
    return time.perf_counter() - start


def time_command(command: list[str], runs: int, prepare: Callable[[], None]) -> float:
    """Median wall-clock seconds of `command`, `prepare` run untimed before each run."""
    samples = []
    for index in range(runs + 1):
        prepare()
        elapsed = _run_once(command)
        if index:  # the first is a warm-up
            samples.append(elapsed)
    return statistics.median(samples)


def _quote(part: str) -> str:
    return f"'{part}'" if " " in part else part


def commands(files: list[str], schema: str, bin_dir: Path) -> dict[str, list[str]]:
    k0slint = tool("k0slint", bin_dir)
    return {
        "floor": [tool("python", bin_dir), str(ROOT / "benchmarks" / "floor.py"), *files],
        "k0slint": [k0slint, "-q", *files],
        "k0slint -j1": [k0slint, "-q", "-j", "1", *files],
        "yamllint": [tool("yamllint", bin_dir), *files],
        "check-jsonschema": [tool("check-jsonschema", bin_dir), "--schemafile", schema, *files],
    }


def run(args: argparse.Namespace, bin_dir: Path) -> str:
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sets = make_corpus(Path(args.shared), work)
    schema = str(ROOT / "schemas" / "k0s-1.36.json")
    table: dict[str, dict[str, Measure]] = {}
    for name, files in sets.items():
        chosen = {
            label: command
            for label, command in commands(files, schema, bin_dir).items()
            if not (label == "k0slint -j1" and len(files) < 100)
            and not (label in ("yamllint", "check-jsonschema") and name == "5 MB file" and not args.all)
        }
        if len(files) == 1:
            rounds, per_round = args.runs, 4
        else:
            rounds, per_round = (args.runs if len(files) < 2000 else max(3, args.runs // 2)), 1
        times = time_commands(chosen, rounds, per_round)
        table[name] = {}
        for label, command in chosen.items():
            table[name][label] = Measure(label, times[label], peak_kib(command))
            print(f"{name:>10}  {label:<18} {times[label] * 1000:9.1f} ms", file=sys.stderr)
    fix = _fix_measure(sets["2000 files"], work, args.runs, bin_dir)
    table["2000 files"]["k0slint --fix"] = fix
    return report(table, sets, installed(bin_dir))


def _fix_measure(files: list[str], work: Path, runs: int, bin_dir: Path) -> Measure:
    """--fix on a fresh copy of the 2,000 files each time."""
    target = work / "fix-copy"

    def fresh_copy() -> None:
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for path in files:
            shutil.copy(path, target)

    command = [tool("k0slint", bin_dir), "-q", "--fix", str(target)]
    seconds = time_command(command, max(3, runs // 2), fresh_copy)
    fresh_copy()
    peak = peak_kib(command)
    fresh_copy()
    changed = subprocess.run(
        [tool("k0slint", bin_dir), "--diff", str(target)],
        capture_output=True,
        text=True,
        env=environment(),
        check=False,
    ).stdout.count("\n+++ ")
    print(f"2000 files  k0slint --fix {seconds * 1000:9.1f} ms ({changed} files changed)", file=sys.stderr)
    return Measure(f"k0slint --fix ({changed} files changed)", seconds, peak)


def installed(bin_dir: Path) -> str:
    """What was measured: each tool's own --version line, and from where."""
    versions = []
    for name in ("python", "k0slint", "yamllint", "check-jsonschema"):
        done = subprocess.run(
            [tool(name, bin_dir), "--version"], capture_output=True, text=True, env=environment(), check=False
        )
        versions.append((done.stdout or done.stderr).strip().splitlines()[0])
    return f"Tools from {bin_dir}: " + ", ".join(versions) + "."


def report(table: dict[str, dict[str, Measure]], sets: dict[str, list[str]], tools: str) -> str:
    lines = [
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.platform()}; "
        f"timer: {'hyperfine' if shutil.which('hyperfine') else 'own loop'} (medians).",
        tools,
        "",
        "| corpus | tool | time (ms) | x floor | peak RSS (MiB) |",
        "|---|---|---:|---:|---:|",
    ]
    for name, row in table.items():
        floor = row["floor"].seconds
        for measure in row.values():
            lines.append(
                f"| {name} | {measure.label} | {measure.seconds * 1000:.0f} | {measure.seconds / floor:.2f} "
                f"| {measure.peak_kib / 1024:.0f} |"
            )
    one, many, big = table["1 file"], table["2000 files"], table["5 MB file"]
    hundred = table["100 files"]
    size = os.path.getsize(sets["5 MB file"][0])
    targets = [
        ("1 file: k0slint ≤ 0.8x yamllint", one["k0slint"].seconds / one["yamllint"].seconds, 0.8),
        (
            "1 file: k0slint ≤ 0.3x check-jsonschema",
            one["k0slint"].seconds / one["check-jsonschema"].seconds,
            0.3,
        ),
        ("2000 files: k0slint ≤ 2x floor", many["k0slint"].seconds / many["floor"].seconds, 2.0),
        ("2000 files: yamllint ≥ 10x k0slint", many["yamllint"].seconds / many["k0slint"].seconds, -10.0),
        (
            "2000 files: check-jsonschema ≥ 4x k0slint",
            many["check-jsonschema"].seconds / many["k0slint"].seconds,
            -4.0,
        ),
        ("2000 files: --fix ≤ 3x lint", many["k0slint --fix"].seconds / many["k0slint"].seconds, 3.0),
        (
            "2000 files: -j1 / default (2 cores) ≥ 1.6x",
            many["k0slint -j1"].seconds / many["k0slint"].seconds,
            -1.6,
        ),
        ("5 MB file: peak RSS ≤ 20x size", big["k0slint"].peak_kib * 1024 / size, 20.0),
    ]
    lines += ["", "| target | measured | met |", "|---|---:|---|"]
    for label, value, limit in targets:
        met = value >= -limit if limit < 0 else value <= limit
        lines.append(f"| {label} | {value:.3f} | {'yes' if met else 'no'} |")
    lines += ["", "| growth 100 → 2000 files (x20 files) | time ratio |", "|---|---:|"]
    for label in ("floor", "k0slint", "k0slint -j1", "yamllint", "check-jsonschema"):
        if label in hundred and label in many:
            lines.append(f"| {label} | {many[label].seconds / hundred[label].seconds:.1f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "k0slint-bench"))
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--all", action="store_true", help="also run the peers on the 5 MB file")
    parser.add_argument("--in-place", action="store_true", help="measure the tools beside this python")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent if args.in_place else use_venv(Path(args.work) / "venv")
    sys.stdout.write(run(args, bin_dir))


if __name__ == "__main__":
    main()
