"""`[work(i) for i in range(count)]` computed by this process and forked children together.

Shares of indexes are handed out through a pipe that holds every share's number before the
first child starts: each process, this one included, reads the next number when it is free,
so a slow file does not hold up the others. A child sends each share's results as soon as it
has them, one pickle per share, and this process takes them in between its own shares, so
the cost of sending is shared out like the work itself rather than paid at the end. Its own
results are never pickled. Whatever a child does not send back (it failed, was interrupted or
killed) is computed here afterwards, so an error surfaces in this process as it would in a
serial run.
"""

import os
import pickle
from collections.abc import Callable, Sequence
from typing import BinaryIO, Generic, NoReturn, TypeVar

Result = TypeVar("Result")

CLAIM_BYTES = 4
# Share numbers are written before any process reads them: they must fit in a pipe's buffer
# without blocking, and POSIX systems give a pipe at least 4 KiB.
QUEUE_LIMIT = 4096 // CLAIM_BYTES
SIZE_BYTES = 8  # before each share's pickle in a result pipe
RESULT_PIPE_BYTES = 1 << 20  # Linux lets anyone grow a pipe to 1 MiB: a child seldom waits


def map_forked(
    work: Callable[[int], Result], count: int, plan: Sequence[range], processes: int
) -> list[Result]:
    """`work` for each index 0..count-1 (each in exactly one share of `plan`), results in
    index order, computed by `processes` processes: this one and `processes - 1` children.
    Works only where `os.fork` does; the caller decides that forking is safe."""
    if len(plan) > QUEUE_LIMIT:
        raise ValueError(f"{len(plan)} shares: at most {QUEUE_LIMIT} fit in the queue")
    queue_read, queue_write = os.pipe()
    try:
        os.write(queue_write, b"".join(_claim(number) for number in range(len(plan))))
    finally:
        os.close(queue_write)
    done: dict[int, Result] = {}
    children: list[_Child[Result]] = []
    try:
        for _ in range(processes - 1):
            try:
                children.append(_Child.fork(work, plan, queue_read, children))
            except OSError:  # no room for another process: the ones there are do the work
                break
        while shares := _next_share(plan, queue_read):
            for index in shares:
                done[index] = work(index)
            for child in children:
                child.take(done, wait=False)
        for child in children:
            child.take(done, wait=True)
    finally:
        _stop(queue_read, children)
    for index in range(count):
        if index not in done:
            done[index] = work(index)
    return [done[index] for index in range(count)]


def _claim(number: int) -> bytes:
    return number.to_bytes(CLAIM_BYTES, "little")


def _next_share(plan: Sequence[range], queue_read: int) -> range:
    """The next share nobody has taken, or an empty range once the queue is empty. Every
    claim was written before the first read and each read asks for one claim's bytes, so a
    read returns a whole claim or nothing."""
    claim = os.read(queue_read, CLAIM_BYTES)
    return plan[int.from_bytes(claim, "little")] if claim else range(0)


class _Child(Generic[Result]):
    __slots__ = ("inbox", "pid", "result_read", "sane")

    def __init__(self, pid: int, result_read: int) -> None:
        self.pid = pid
        self.result_read = result_read
        self.inbox = bytearray()
        self.sane = True

    @classmethod
    def fork(
        cls,
        work: Callable[[int], Result],
        plan: Sequence[range],
        queue_read: int,
        siblings: Sequence["_Child[Result]"],
    ) -> "_Child[Result]":
        result_read, result_write = os.pipe()
        _grow(result_write)
        try:
            pid = os.fork()
        except OSError:
            os.close(result_read)
            os.close(result_write)
            raise
        if pid == 0:
            # Siblings' pipes too: closing them in the parent must reach the siblings.
            parents_ends = [result_read, *(sibling.result_read for sibling in siblings)]
            _serve(work, plan, queue_read, result_write, parents_ends)
        os.close(result_write)
        os.set_blocking(result_read, False)
        return cls(pid, result_read)

    def take(self, into: dict[int, Result], *, wait: bool) -> None:
        """Add what the child has sent so far to `into`; with `wait`, all it will ever send."""
        if not self.sane:
            return
        os.set_blocking(self.result_read, wait)
        while True:
            try:
                chunk = os.read(self.result_read, RESULT_PIPE_BYTES)
            except BlockingIOError:
                break
            if not chunk:
                break
            self.inbox += chunk
        self._unpack(into)

    def _unpack(self, into: dict[int, Result]) -> None:
        inbox = self.inbox
        while len(inbox) >= SIZE_BYTES:
            end = SIZE_BYTES + int.from_bytes(inbox[:SIZE_BYTES], "little")
            if len(inbox) < end:
                return
            try:
                into.update(pickle.loads(inbox[SIZE_BYTES:end]))
            except Exception:  # garbled: trust nothing more from it; its files are redone here
                self.sane = False
                return
            del inbox[:end]


def _grow(pipe_write: int) -> None:
    try:
        import fcntl

        fcntl.fcntl(pipe_write, fcntl.F_SETPIPE_SZ, RESULT_PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or a lower limit: it still works
        pass


def _serve(
    work: Callable[[int], Result],
    plan: Sequence[range],
    queue_read: int,
    result_write: int,
    parents_ends: Sequence[int],
) -> NoReturn:
    """The child's life: take shares until none is left, send each share's results."""
    status = 0
    try:
        for fd in parents_ends:
            os.close(fd)
        with open(result_write, "wb") as out:
            while shares := _next_share(plan, queue_read):
                part: dict[int, Result] = {}
                try:
                    for index in shares:
                        part[index] = work(index)
                except BaseException:
                    status = 1  # what was finished still goes back; the parent redoes the rest
                _send(out, part)
                if status:
                    break
    except BaseException:
        status = 1
    finally:
        # Never return into the parent's code, flush its buffers or run its exit handlers.
        os._exit(status)


def _send(out: BinaryIO, part: dict[int, Result]) -> None:
    payload = pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(len(payload).to_bytes(SIZE_BYTES, "little"))
    out.write(payload)
    out.flush()


def _stop(queue_read: int, children: Sequence[_Child[Result]]) -> None:
    """Leave no child behind: take what is left in the queue so children start nothing new,
    close their result pipes so a child still sending stops, and wait for each."""
    try:
        while os.read(queue_read, 4096):
            pass
    finally:
        os.close(queue_read)
        for child in children:
            os.close(child.result_read)
            os.waitpid(child.pid, 0)
