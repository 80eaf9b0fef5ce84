"""A long fuzzing campaign with the generators and invariants of tests/test_fuzz.py.

    python benchmarks/fuzz_campaign.py --minutes 10 [--out fuzz-failures]

Prints how many inputs were tried and how many failed; each failing input is saved to the
output folder with a .txt file saying what went wrong.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from k0slint.cli.main import main as cli_main
from tests.fuzzing import check, configs, mutations
from tests.helpers import corpus_files

CLI_EVERY = 25


class TimeUp(Exception):
    """The campaign's time is over."""


class Campaign:
    def __init__(self, out: Path, deadline: float) -> None:
        self.out = out
        self.deadline = deadline
        self.tried = 0
        self.failed = 0
        self.kinds: dict[str, int] = {}

    def stop(self, *args: object) -> None:
        self.deadline = 0.0

    def run_one(self, name: str, data: bytes, unsafe: bool) -> None:
        if time.monotonic() > self.deadline:
            raise TimeUp
        self.tried += 1
        try:
            problems = check(name, data, unsafe=unsafe)
            if self.tried % CLI_EVERY == 0:
                problems.extend(cli_problems(name, data))
        except Exception:
            problems = [traceback.format_exc()]
        if problems:
            self.record(name, data, problems)

    def record(self, name: str, data: bytes, problems: list[str]) -> None:
        self.failed += 1
        first = problems[0].strip().splitlines()[-1][:100]
        self.kinds[first] = self.kinds.get(first, 0) + 1
        digest = hashlib.sha256(data).hexdigest()[:12]
        self.out.mkdir(parents=True, exist_ok=True)
        (self.out / f"{digest}-{name}").write_bytes(data)
        (self.out / f"{digest}-{name}.txt").write_text("\n".join(problems) + "\n")


def cli_problems(name: str, data: bytes) -> list[str]:
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name)
        with open(path, "wb") as handle:
            handle.write(data)
        for argv in ([path], ["--format", "sarif", path], ["--show-images", path], ["--fix", path]):
            err = io.StringIO()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                code = cli_main(argv)
            if code not in (0, 1, 2) or "internal error" in err.getvalue():
                problems.append(f"k0slint {' '.join(argv[:-1])}: exit {code}: {err.getvalue().strip()}")
        leftovers = [entry for entry in os.listdir(folder) if entry != name]
        if leftovers:
            problems.append(f"files left beside the config: {leftovers}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args()
    campaign = Campaign(args.out, time.monotonic() + args.minutes * 60)
    signal.signal(signal.SIGINT, campaign.stop)
    signal.signal(signal.SIGTERM, campaign.stop)
    files = corpus_files()
    inputs = st.one_of(configs(), mutations(files)) if files else configs()
    if not files:
        print("corpus not found: generated configs only", file=sys.stderr)

    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=inputs, unsafe=st.booleans())
    def fuzz(case: tuple[str, bytes], unsafe: bool) -> None:
        campaign.run_one(case[0], case[1], unsafe)

    started = time.monotonic()
    while time.monotonic() < campaign.deadline:
        with contextlib.suppress(TimeUp):
            fuzz()
    elapsed = time.monotonic() - started
    print(f"inputs tried: {campaign.tried} in {elapsed:.0f} s")
    print(f"failures: {campaign.failed}" + (f" (saved to {args.out})" if campaign.failed else ""))
    for kind, count in sorted(campaign.kinds.items(), key=lambda item: -item[1]):
        print(f"  {count:6d}  {kind}")
    return 1 if campaign.failed else 0


if __name__ == "__main__":
    sys.exit(main())
