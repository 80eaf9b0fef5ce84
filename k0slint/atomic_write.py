"""Write a fixed file atomically: a temporary file in the same folder, then os.replace."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile


class WriteError(Exception):
    """The file could not be written; it is left as it was. One line, without the file name."""


def write_atomically(path: str, original: bytes, new: bytes) -> None:
    """Replace the file at `path` (its target, if a symlink) by `new`.

    Refuses when the file no longer holds `original` (changed since it was read, unless it
    already holds `new`: another k0slint made the same fix) and when it is read-only (no
    write permission bit, or not writable by this user), which renaming over it would
    ignore. Keeps the file's permission bits and, where allowed, its owner. The old bytes
    stay in place until the complete new file is on disk.
    """
    target = os.path.realpath(path)
    try:
        with open(target, "rb") as handle:
            current = handle.read()
        status = os.stat(target)
    except OSError as error:
        raise WriteError(f"cannot read it back before writing: {error.strerror or error}") from None
    if current == new:
        return  # another k0slint (a parallel pre-commit batch) made the same fix
    if current != original:
        raise WriteError("it changed on disk since k0slint read it; not overwritten")
    if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise WriteError("it is read-only; not overwritten")
    _replace(target, new, stat.S_IMODE(status.st_mode), (status.st_uid, status.st_gid))


def write_new_file(path: str, new: bytes) -> None:
    """Write `path` atomically, whatever it held: a report or baseline k0slint owns.

    An existing file keeps its permission bits; a new one gets the umask's. What is not a
    regular file (a pipe, /dev/stdout, a terminal) is written into, not replaced.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        _replace(os.path.realpath(path), new, 0o666 & ~umask, None)
        return
    except OSError as error:
        raise WriteError(f"cannot write: {error.strerror or error}") from None
    if not stat.S_ISREG(status.st_mode):
        try:
            with open(path, "wb") as handle:
                handle.write(new)
        except OSError as error:
            raise WriteError(f"cannot write: {error.strerror or error}") from None
        return
    _replace(os.path.realpath(path), new, stat.S_IMODE(status.st_mode), None)


def _replace(target: str, new: bytes, mode: int, owner: tuple[int, int] | None) -> None:
    folder = os.path.dirname(target) or "."
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".k0slint"
        )
    except OSError as error:
        raise WriteError(f"cannot create a temporary file in {folder}: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        if owner is not None:
            with contextlib.suppress(OSError):
                os.chown(temporary, *owner)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write: {error.strerror or error}") from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable, where the system allows opening a folder."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
