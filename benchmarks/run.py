"""Benchmarks: k0slint against the floor and its peers, as whole processes, in one run.

    python benchmarks/run.py [--runs 5] [--work DIR] [--shared ../shared]

Makes a corpus with ../shared/bench/make_corpus.py (1, 100 and 2,000 files, and one 5 MB
multi-document file), then times, side by side: the floor (benchmarks/floor.py: read and
compose with libyaml, nothing else), k0slint (default rules, schema validation on; with
--jobs 1 and the default), k0slint --fix, yamllint and check-jsonschema with k0slint's schema.
Times are medians of --runs runs (hyperfine when installed, else a loop here); everything is
reported as ratios, to the floor and to each peer. Peak memory is the largest resident set of
one run. Prints a Markdown report (benchmarks/README.md holds one).
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
BIN = Path(sys.executable).parent


@dataclass
class Measure:
    label: str
    seconds: float
    peak_kib: int = 0


def tool(name: str) -> str:
    local = BIN / name
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


def time_command(command: list[str], runs: int, prepare: Callable[[], None] | None = None) -> float:
    """Median wall-clock seconds of `command` (`prepare` runs untimed before each run)."""
    if shutil.which("hyperfine") and prepare is None:
        with tempfile.NamedTemporaryFile(suffix=".json") as report:
            options = ["hyperfine", "-N", "-i", "-w", "1", "-r", str(runs), "--export-json", report.name]
            subprocess.run(
                [*options, " ".join(_quote(part) for part in command)],
                check=True,
                stdout=subprocess.DEVNULL,
                env=environment(),
            )
            return float(json.load(open(report.name))["results"][0]["median"])
    samples = []
    for index in range(runs + 1):
        if prepare:
            prepare()
        start = time.perf_counter()
        subprocess.run(
            command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment()
        )
        if index:  # the first is a warm-up
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _quote(part: str) -> str:
    return f"'{part}'" if " " in part else part


def commands(files: list[str], schema: str) -> dict[str, list[str]]:
    k0slint = tool("k0slint")
    return {
        "floor": [sys.executable, str(ROOT / "benchmarks" / "floor.py"), *files],
        "k0slint": [k0slint, "-q", *files],
        "k0slint -j1": [k0slint, "-q", "-j", "1", *files],
        "yamllint": [tool("yamllint"), *files],
        "check-jsonschema": [tool("check-jsonschema"), "--schemafile", schema, *files],
    }


def run(args: argparse.Namespace) -> str:
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sets = make_corpus(Path(args.shared), work)
    schema = str(ROOT / "schemas" / "k0s-1.36.json")
    table: dict[str, dict[str, Measure]] = {}
    for name, files in sets.items():
        table[name] = {}
        for label, command in commands(files, schema).items():
            if label == "k0slint -j1" and len(files) < 100:
                continue
            if label in ("yamllint", "check-jsonschema") and name == "5 MB file" and not args.all:
                continue
            runs = (
                args.runs * 4
                if len(files) == 1
                else args.runs
                if len(files) < 2000
                else max(3, args.runs // 2)
            )
            seconds = time_command(command, runs)
            table[name][label] = Measure(label, seconds, peak_kib(command))
            print(f"{name:>10}  {label:<18} {seconds * 1000:9.1f} ms", file=sys.stderr)
    fix = _fix_measure(sets["2000 files"], work, args.runs)
    table["2000 files"]["k0slint --fix"] = fix
    return report(table, sets)


def _fix_measure(files: list[str], work: Path, runs: int) -> Measure:
    """--fix on a fresh copy of the 2,000 files each time."""
    target = work / "fix-copy"

    def fresh_copy() -> None:
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for path in files:
            shutil.copy(path, target)

    command = [tool("k0slint"), "-q", "--fix", str(target)]
    seconds = time_command(command, max(3, runs // 2), fresh_copy)
    fresh_copy()
    peak = peak_kib(command)
    fresh_copy()
    changed = subprocess.run(
        [tool("k0slint"), "--diff", str(target)],
        capture_output=True,
        text=True,
        env=environment(),
        check=False,
    ).stdout.count("\n+++ ")
    print(f"2000 files  k0slint --fix {seconds * 1000:9.1f} ms ({changed} files changed)", file=sys.stderr)
    return Measure(f"k0slint --fix ({changed} files changed)", seconds, peak)


def report(table: dict[str, dict[str, Measure]], sets: dict[str, list[str]]) -> str:
    lines = [
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.platform()}; "
        f"timer: {'hyperfine' if shutil.which('hyperfine') else 'own loop'} (medians).",
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
        lines.append(f"| {label} | {value:.2f} | {'yes' if met else 'no'} |")
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
    sys.stdout.write(run(parser.parse_args()))


if __name__ == "__main__":
    main()
