"""Turn the paths given on the command line into the files to lint."""

import os
from collections.abc import Callable, Iterator
from typing import NamedTuple, Protocol

YAML_SUFFIXES = (".yaml", ".yml")
_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})


class FileTarget(NamedTuple):
    """A file to lint. `explicit` is True when it was named, not found in a folder."""

    path: str
    explicit: bool


class MissingPath(NamedTuple):
    path: str


class Excluder(Protocol):
    """What decides which paths to leave out (k0slint.lint.excludes.Exclusion)."""

    def excluded(self, path: str, is_dir: bool, root: str) -> bool:
        """A path found while walking the folder `root`, named on the command line."""

    def excludes_named(self, path: str, is_dir: bool) -> bool:
        """A path named on the command line."""


def relative_path(file: str, folder: str) -> str:
    """`file` relative to `folder`, with forward slashes: how configuration and baselines
    name files. Standard input (`-`) stays `-`."""
    if file == "-":
        return file
    return os.path.relpath(os.path.abspath(file), folder).replace(os.sep, "/")


def _is_virtualenv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def _skip_dir(entry: os.DirEntry[str]) -> bool:
    return entry.name.startswith(".") or entry.name in _SKIPPED_DIRS or _is_virtualenv(entry.path)


def walk_folder(folder: str, exclude: Excluder | None = None) -> Iterator[tuple[str, str]]:
    """YAML files under `folder` as (path to report, real path), sorted, skipping hidden
    folders, virtualenvs and node_modules, and what `exclude` excludes. A symlinked folder is
    followed once per real folder: a link back to an ancestor is not a loop, a link to a
    sibling not a second copy."""
    skip = (lambda path, is_dir: exclude.excluded(path, is_dir, folder)) if exclude else None
    yield from _walk(folder, os.path.realpath(folder), set(), skip)


def _walk(
    folder: str, real_folder: str, visited: set[str], skip: Callable[[str, bool], bool] | None
) -> Iterator[tuple[str, str]]:
    if real_folder in visited:
        return
    visited.add(real_folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        try:
            linked = entry.is_symlink()
            real = os.path.realpath(entry.path) if linked else os.path.join(real_folder, entry.name)
            if entry.is_dir():
                if not _skip_dir(entry) and not (skip and skip(entry.path, True)):
                    yield from _walk(entry.path, real, visited, skip)
            elif (
                entry.name.endswith(YAML_SUFFIXES)
                and entry.is_file()
                and not (skip and skip(entry.path, False))
            ):
                yield os.path.normpath(entry.path), real
        except OSError:
            continue


def expand(paths: list[str], exclude: Excluder | None = None) -> Iterator[FileTarget | MissingPath]:
    """Files named or found under folders, each real file once, in the order given; a path
    named is left out only when `exclude` says so of named paths (--force-exclude)."""
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            yield FileTarget(path, explicit=True)
            continue
        if exclude and os.path.lexists(path) and exclude.excludes_named(path, os.path.isdir(path)):
            continue
        if os.path.isdir(path):
            found: Iterator[tuple[str, str]] = walk_folder(path, exclude)
            explicit = False
        elif os.path.lexists(path):
            found, explicit = iter(((path, os.path.realpath(path)),)), True
        else:
            yield MissingPath(path)
            continue
        for file, real in found:
            key = os.path.normcase(real)
            if key not in seen:
                seen.add(key)
                yield FileTarget(file, explicit)
