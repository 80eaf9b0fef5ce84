"""Gitignore-style path patterns, as git matches them (pathspec's GitIgnoreSpec): the one
matcher for `exclude`, `extend-exclude`, `--exclude`, `.gitignore` files and `per-file-ignores`.

pathspec is imported when patterns are first matched, not before: a run that names no pattern
and meets no `.gitignore` (a pre-commit hook on one file) never loads it.
"""

import functools
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


class Patterns:
    """Patterns relative to the folder `base`, compiled on first use.

    As in a `.gitignore`: a pattern without a slash (but a trailing one) matches a name at any
    depth (`*.yaml`, `legacy/`), one with a slash is anchored at `base` (`clusters/*.yaml`
    matches no deeper file, `clusters/**` everything under it), a trailing slash matches
    folders only (and so everything in them), and `!` re-includes what an earlier pattern
    matched.
    """

    __slots__ = ("_spec", "base", "patterns")

    def __init__(self, patterns: Sequence[str], base: str = "") -> None:
        self.patterns = tuple(patterns)
        self.base = base
        self._spec: GitIgnoreSpec | None = None

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def __repr__(self) -> str:
        return f"Patterns({list(self.patterns)!r}, base={self.base!r})"

    def check(self, relative: str, *, is_dir: bool = False) -> bool | None:
        """For a path relative to `base` with forward slashes: True when the last pattern that
        matches it excludes it, False when that pattern is a `!` one, None when none matches."""
        return self.decide(relative, is_dir=is_dir)[0]

    def decide(self, relative: str, *, is_dir: bool = False) -> tuple[bool | None, int | None]:
        """`check`, and the index of the pattern that decided (None when none matches). A
        pattern on a folder matches everything in it, with that folder's index."""
        if not self.patterns or relative.startswith("../") or relative in ("..", "."):
            return None, None
        if self._spec is None:
            from pathspec import GitIgnoreSpec

            self._spec = GitIgnoreSpec.from_lines(self.patterns)
        result = self._spec.check_file(relative + "/" if is_dir else relative)
        return result.include, result.index

    def matches(self, relative: str, *, is_dir: bool = False) -> bool:
        return self.check(relative, is_dir=is_dir) is True

    def decide_path(self, path: str, *, is_dir: bool = False) -> tuple[bool | None, int | None]:
        """`decide` for a path as given (relative to the current folder, or absolute)."""
        relative = os.path.relpath(os.path.abspath(path), self.base or os.getcwd())
        return self.decide(relative.replace(os.sep, "/"), is_dir=is_dir)

    def excludes_within(self, path: str, is_dir: bool, root: str) -> bool | None:
        """`decide_path` for a path found under the folder `root`, named on the command line:
        a pattern that excludes `root` itself does not exclude what `root` holds (a folder
        named is walked, as ruff does), while the others apply as usual."""
        decided, index = self.decide_path(path, is_dir=is_dir)
        if decided and self.decide_path(root, is_dir=True) == (True, index):
            return None
        return decided


@functools.lru_cache(maxsize=1024)
def single(pattern: str) -> Patterns:
    """One pattern, compiled once per process (per-file-ignores match every file against it)."""
    return Patterns((pattern,))


def read_ignore_file(path: str, base: str | None = None) -> Patterns | None:
    """The patterns of a `.gitignore` (or `.git/info/exclude`), relative to `base` (default:
    the file's folder); None when the file cannot be read or holds no pattern."""
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            lines = [line.rstrip("\n") for line in handle]
    except OSError:
        return None
    lines = [line for line in lines if line.strip() and not line.startswith("#")]
    return Patterns(lines, base or os.path.dirname(path)) if lines else None
