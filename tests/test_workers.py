"""map_forked: the serial results, whatever a child does, and no child left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from k0slint.lint.run import shares
from k0slint.lint.workers import QUEUE_LIMIT, map_forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture(autouse=True)
def no_child_left() -> Iterator[None]:
    yield
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def square(index: int) -> int:
    return index * index


def failing_in_child(action: Callable[[], object], marker: Path) -> Callable[[int], object]:
    """`square`, except that a child does `action` on its third index (after sending the
    first two shares), and leaves `marker` to show it did. The parent starts slowly, so a
    child is sure to get shares."""
    parent = os.getpid()
    calls: list[int] = []  # each process has its own copy once forked

    def work(index: int) -> object:
        calls.append(index)
        if os.getpid() == parent:
            if len(calls) == 1:
                time.sleep(0.2)
        elif len(calls) == 3:
            marker.touch()
            return action()
        return square(index)

    return work


@pytest.mark.parametrize(("count", "processes"), [(1, 2), (7, 3), (150, 2), (2000, 2), (500, 4)])
def test_results_are_the_serial_ones_in_order(count: int, processes: int) -> None:
    assert map_forked(square, count, shares(count, processes), processes) == [i * i for i in range(count)]


def test_children_do_part_of_the_work() -> None:
    def pid(index: int) -> int:
        time.sleep(0.002)  # long enough that the parent cannot take every share first
        return os.getpid()

    pids = set(map_forked(pid, 200, shares(200, 3), 3))
    assert os.getpid() in pids and len(pids) == 3


def test_what_a_killed_child_leaves_undone_is_done_here(tmp_path: Path) -> None:
    work = failing_in_child(lambda: os._exit(9), tmp_path / "fired")
    plan = [range(start, start + 1) for start in range(100)]
    assert map_forked(work, 100, plan, 2) == [i * i for i in range(100)]
    assert (tmp_path / "fired").exists()


def test_a_result_that_cannot_be_sent_is_made_again_here(tmp_path: Path) -> None:
    work = failing_in_child(lambda: lambda: None, tmp_path / "fired")
    plan = [range(start, start + 1) for start in range(100)]
    assert map_forked(work, 100, plan, 2) == [i * i for i in range(100)]
    assert (tmp_path / "fired").exists()


def test_an_error_in_a_child_is_raised_here_as_in_a_serial_run(tmp_path: Path) -> None:
    parent = os.getpid()

    def work(index: int) -> int:
        if os.getpid() == parent and index == 0:
            time.sleep(0.2)  # the children take the other shares, index 7 among them
        if index == 7:
            (tmp_path / f"raised-in-{os.getpid()}").touch()
            raise RuntimeError("rule crashed")
        return index

    plan = [range(start, start + 1) for start in range(100)]
    with pytest.raises(RuntimeError, match="rule crashed"):
        map_forked(work, 100, plan, 3)
    assert {path.name for path in tmp_path.iterdir()} > {f"raised-in-{parent}"}


def test_an_error_here_still_stops_and_reaps_the_children() -> None:
    parent = os.getpid()

    def work(index: int) -> int:
        if os.getpid() == parent:
            raise ValueError("here")
        time.sleep(0.001)
        return index

    with pytest.raises(ValueError, match="here"):
        map_forked(work, 400, shares(400, 2), 2)


def test_more_shares_than_the_queue_holds_are_refused() -> None:
    plan = [range(index, index + 1) for index in range(QUEUE_LIMIT + 1)]
    with pytest.raises(ValueError, match="fit in the queue"):
        map_forked(square, len(plan), plan, 2)


INTERRUPTED = """\
import os, signal, sys, time
from k0slint.lint.workers import map_forked
signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with SIGINT ignored
def work(index):
    time.sleep(0.01)
    return index
print("started", flush=True)
try:
    map_forked(work, 2000, [range(i, i + 1) for i in range(1000)] + [range(1000, 2000)], 3)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


def test_ctrl_c_stops_every_process() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "started\n"
    time.sleep(0.3)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole process group
    out, err = process.communicate(timeout=30)
    assert (out, process.returncode) == ("interrupted\n", 0), err[-2000:]
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)
