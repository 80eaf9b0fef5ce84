"""--fix under faults, through the real command line: whatever fails, each file holds either
its original bytes or the complete fixed bytes, no temporary file is left behind, and a failed
write exits 2 with one line naming the file, never a traceback."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import k0slint.lint.fixing
from k0slint.cli.main import main
from tests.helpers import FIXED as FIXED_TEXT
from tests.helpers import NEEDS_FIX

CONFIG = NEEDS_FIX.encode()
CLEAN = FIXED = FIXED_TEXT.encode()
ROOT = Path(__file__).resolve().parent.parent


def fix(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, str]:
    code = main(["--fix", *map(str, paths)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "internal error" not in captured.err, captured.err
    return code, captured.err


def temporaries(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".k0slint"))


def assert_failed_write(code: int, err: str, target: Path, reason: str) -> None:
    assert code == 2
    lines = [line for line in err.splitlines() if target.name in line]
    assert len(lines) == 1, err
    assert reason in lines[0], err
    assert target.read_bytes() == CONFIG
    assert temporaries(target.parent) == []


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "k0s.yaml"
    path.write_bytes(CONFIG)
    return path


def test_the_fix_is_made_without_faults(target: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = fix(capsys, target)
    assert code == 0
    assert target.read_bytes() == FIXED
    assert temporaries(target.parent) == []


def test_read_only_file_is_not_replaced(target: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target.chmod(0o444)
    code, err = fix(capsys, target)
    assert_failed_write(code, err, target, "read-only")
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


@pytest.mark.parametrize("number", [errno.EACCES, errno.EROFS, errno.ENOSPC])
def test_no_temporary_file_can_be_made(
    number: int, target: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only folder, a read-only file system or a full disk (root ignores chmod 0o555)."""
    import tempfile

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, err = fix(capsys, target)
    assert_failed_write(code, err, target, f"cannot create a temporary file in {target.parent}")


class _Handle:
    """A temporary file's handle that fails: half the bytes then ENOSPC, or EIO on close."""

    def __init__(self, real: Any, fail: str, seen: list[list[str]], folder: Path) -> None:
        self.real, self.fail, self.seen, self.folder = real, fail, seen, folder

    def __enter__(self) -> _Handle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()
        if self.fail == "close":
            self.seen.append(temporaries(self.folder))
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    def write(self, data: bytes) -> int:
        if self.fail == "write":
            self.real.write(data[: len(data) // 2])
            self.real.flush()
            self.seen.append(temporaries(self.folder))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return int(self.real.write(data))

    def flush(self) -> None:
        self.real.flush()

    def fileno(self) -> int:
        return int(self.real.fileno())


@pytest.mark.parametrize(("fail", "reason"), [("write", "No space left"), ("close", "Input/output error")])
def test_failing_write_of_the_temporary_file(
    fail: str,
    reason: str,
    target: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real_fdopen = os.fdopen
    seen: list[list[str]] = []

    def fdopen(descriptor: int, *args: Any, **kwargs: Any) -> Any:
        return _Handle(real_fdopen(descriptor, *args, **kwargs), fail, seen, target.parent)

    monkeypatch.setattr(os, "fdopen", fdopen)
    code, err = fix(capsys, target)
    assert len(seen) == 1 and len(seen[0]) == 1, "the fault struck while the temporary file existed"
    assert_failed_write(code, err, target, reason)


def _raiser(error: BaseException, when: Callable[..., bool] = lambda *a: True) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> None:
        if when(*args):
            raise error

    return fail


@pytest.mark.parametrize("number", [errno.EIO, errno.ENOSPC])
def test_failing_fsync(
    number: int, target: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(os, "fsync", _raiser(OSError(number, os.strerror(number))))
    code, err = fix(capsys, target)
    assert_failed_write(code, err, target, os.strerror(number))


def test_failing_chmod_of_the_temporary_file(
    target: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_chmod = os.chmod
    error = OSError(errno.EPERM, os.strerror(errno.EPERM))

    def chmod(path: Any, *args: Any, **kwargs: Any) -> None:
        if str(path).endswith(".k0slint"):
            raise error
        real_chmod(path, *args, **kwargs)

    monkeypatch.setattr(os, "chmod", chmod)
    code, err = fix(capsys, target)
    assert_failed_write(code, err, target, os.strerror(errno.EPERM))


@pytest.mark.parametrize("number", [errno.EXDEV, errno.EIO, errno.ENOSPC])
def test_failing_replace(
    number: int, target: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(os, "replace", _raiser(OSError(number, os.strerror(number))))
    code, err = fix(capsys, target)
    assert_failed_write(code, err, target, os.strerror(number))


def test_interrupt_while_writing_leaves_no_temporary_file(
    target: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(os, "fsync", _raiser(KeyboardInterrupt()))
    code, err = fix(capsys, target)
    assert code == 2
    assert "interrupted" in err
    assert target.read_bytes() == CONFIG
    assert temporaries(target.parent) == []


def _after_read(monkeypatch: pytest.MonkeyPatch, action: Callable[[Path], object], target: Path) -> None:
    """Run `action` on the file once k0slint has read and fixed it, before it writes."""
    real = k0slint.lint.fixing.fix_file

    def fix_file(*args: Any, **kwargs: Any) -> Any:
        outcome = real(*args, **kwargs)
        action(target)
        return outcome

    monkeypatch.setattr(k0slint.lint.fixing, "fix_file", fix_file)


def test_file_changed_after_reading_is_not_overwritten(
    target: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    theirs = CONFIG + b"# edited by someone else\n"
    _after_read(monkeypatch, lambda path: path.write_bytes(theirs), target)
    code, err = fix(capsys, target)
    assert code == 2
    assert [line for line in err.splitlines() if target.name in line and "changed on disk" in line]
    assert target.read_bytes() == theirs
    assert temporaries(target.parent) == []


def test_file_fixed_by_another_process_after_reading_is_a_success(
    target: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _after_read(monkeypatch, lambda path: path.write_bytes(FIXED), target)
    code, err = fix(capsys, target)
    assert code == 0, err
    assert target.read_bytes() == FIXED
    assert temporaries(target.parent) == []


def test_file_deleted_after_reading_is_not_recreated(
    target: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _after_read(monkeypatch, Path.unlink, target)
    code, err = fix(capsys, target)
    assert code == 2
    assert [line for line in err.splitlines() if target.name in line and "cannot read it back" in line]
    assert list(target.parent.iterdir()) == []


def test_one_failed_write_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [tmp_path / f"k0s-{index}.yaml" for index in range(3)]
    for path in paths:
        path.write_bytes(CONFIG)
    real_replace = os.replace

    def replace(source: Any, destination: Any) -> None:
        if str(destination).endswith("k0s-1.yaml"):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace)
    code, err = fix(capsys, *paths)
    assert code == 2
    assert [path.read_bytes() for path in paths] == [FIXED, CONFIG, FIXED]
    assert len([line for line in err.splitlines() if "k0s-1.yaml" in line]) == 1
    assert temporaries(tmp_path) == []


def test_symlink_target_is_fixed_and_the_link_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "elsewhere" / "k0s.yaml"
    real.parent.mkdir()
    real.write_bytes(CONFIG)
    link = tmp_path / "k0s.yaml"
    link.symlink_to(real)
    code, _ = fix(capsys, link)
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == FIXED
    assert temporaries(tmp_path) == temporaries(real.parent) == []


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o755])
def test_mode_is_kept(mode: int, target: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target.chmod(mode)
    code, _ = fix(capsys, target)
    assert code == 0
    assert target.read_bytes() == FIXED
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.parametrize(
    "content", [CLEAN, CONFIG.replace(b"registry.acme.corp\n", b"ghcr.io/Acme\n")], ids=["clean", "unfixable"]
)
def test_file_without_a_fix_is_not_touched(
    content: bytes, target: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target.write_bytes(content)
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    before = target.stat()
    code, _ = fix(capsys, target)
    assert code in (0, 1)
    after = target.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_ctime_ns) == (
        before.st_ino,
        1_000_000_000,
        before.st_ctime_ns,
    )
    assert target.read_bytes() == content


def _variant(index: int) -> bytes:
    return CONFIG.replace(b"registry.acme.corp\n", f"registry{index}.acme.corp\n".encode())


@pytest.mark.parametrize("round_", range(3))
def test_two_processes_fixing_the_same_files(round_: int, tmp_path: Path) -> None:
    files = [tmp_path / f"k0s-{index:02d}.yaml" for index in range(50)]
    for index, path in enumerate(files):
        path.write_bytes(_variant(index))
    expected_folder = tmp_path / "single"
    expected_folder.mkdir()
    for path in files:
        shutil.copyfile(path, expected_folder / path.name)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "k0slint", "--fix", "-q"]
    single = subprocess.run([*command, str(expected_folder)], capture_output=True, env=env, check=False)
    assert single.returncode == 0, single.stderr
    ordered = [str(path) for path in files]
    batches = [ordered, ordered[::-1]] if round_ % 2 else [ordered, ordered]
    workers = [
        subprocess.Popen([*command, *batch], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for batch in batches
    ]
    outcomes = [(worker.wait(timeout=120), worker.stderr.read().decode()) for worker in workers]  # type: ignore[union-attr]
    for worker in workers:
        worker.stdout.close()  # type: ignore[union-attr]
        worker.stderr.close()  # type: ignore[union-attr]
    for code, err in outcomes:
        assert code == 0, err
        assert "Traceback" not in err and "internal error" not in err, err
    for path in files:
        expected = (expected_folder / path.name).read_bytes()
        assert path.read_bytes() == expected
        assert b"quay.io" not in expected
        assert yaml.safe_load(path.read_bytes())["spec"]["images"]["coredns"]["image"].endswith("/coredns")
    assert temporaries(tmp_path) == []
