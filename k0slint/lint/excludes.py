"""Which paths a run leaves out: the configuration's `exclude` and `extend-exclude`, `--exclude`,
and git's ignore files (`.gitignore` in every folder from the repository's root down,
`.git/info/exclude`) while walking folders; with `--force-exclude`, paths named too."""

import os
from collections.abc import Sequence

from k0slint.lint.patterns import Patterns, read_ignore_file
from k0slint.lint.settings import Resolver, Settings

GITIGNORE = ".gitignore"


class Exclusion:
    """Answers, for a path met while walking or named on the command line, whether to skip it.

    `cli_exclude` (`--exclude`, relative to the current folder) replaces each configuration's
    `exclude` when given; `extend-exclude` always applies, after it. `respect_gitignore=False`
    (`--no-respect-gitignore`) and `force=True` (`--force-exclude`) win over configuration.
    """

    def __init__(
        self,
        resolver: Resolver,
        *,
        cli_exclude: Sequence[str] | None = None,
        respect_gitignore: bool = True,
        force: bool = False,
    ) -> None:
        self.resolver = resolver
        self.cli_exclude = tuple(cli_exclude) if cli_exclude is not None else None
        self.respect_gitignore = respect_gitignore
        self.force = force
        self._patterns: dict[str | None, tuple[Patterns, Patterns]] = {}
        self._roots: dict[str, str | None] = {}
        self._ignore_files: dict[str, tuple[Patterns, ...]] = {}

    def excluded(self, path: str, is_dir: bool, root: str) -> bool:
        """Whether to skip `path`, found while walking the folder `root`. What excludes `root`
        itself does not exclude what it holds: a folder named is walked."""
        settings = self.resolver.for_file(path)
        if self._by_patterns(settings, path, is_dir, root):
            return True
        if not (self.respect_gitignore and settings.respect_gitignore):
            return False
        return self._gitignored(path, is_dir, root)

    def excludes_named(self, path: str, is_dir: bool) -> bool:
        """Whether to skip `path`, named on the command line: only with --force-exclude (or
        `force-exclude: true`), and by the patterns only, on the path or a folder above it.
        Git's ignore files do not apply: a file named is one git tracks or the user wants."""
        settings = self.resolver.for_file(path)
        if not (self.force or settings.force_exclude):
            return False
        return self._by_patterns(settings, path, is_dir)

    def _by_patterns(self, settings: Settings, path: str, is_dir: bool, root: str | None = None) -> bool:
        """`extend-exclude` decides first (its `!` patterns re-include), then `exclude`. A
        pattern on a folder excludes what it holds, as in a .gitignore."""
        for patterns in reversed(self._patterns_of(settings)):
            if root is None:
                decided = patterns.decide_path(path, is_dir=is_dir)[0]
            else:
                decided = patterns.excludes_within(path, is_dir, root)
            if decided is not None:
                return decided
        return False

    def _patterns_of(self, settings: Settings) -> tuple[Patterns, Patterns]:
        found = self._patterns.get(settings.source)
        if found is None:
            folder = settings.folder
            exclude = (
                Patterns(self.cli_exclude, os.getcwd())
                if self.cli_exclude is not None
                else Patterns(settings.exclude, folder)
            )
            found = self._patterns[settings.source] = (exclude, Patterns(settings.extend_exclude, folder))
        return found

    def _gitignored(self, path: str, is_dir: bool, root: str) -> bool:
        """As git decides: the deepest ignore file with a pattern matching the path wins, and
        within a file the last such pattern; `.git/info/exclude` comes last."""
        absolute = os.path.abspath(path)
        for patterns in self._ignores_for(os.path.dirname(absolute)):
            decided = patterns.excludes_within(absolute, is_dir, root)
            if decided is not None:
                return decided
        return False

    def _ignores_for(self, folder: str) -> tuple[Patterns, ...]:
        """The ignore files that apply in `folder`, deepest first; none outside a repository."""
        found = self._ignore_files.get(folder)
        if found is not None:
            return found
        root = self._root_of(folder)
        if root is None:
            found = ()
        else:
            above = (
                tuple(p for p in (_info_exclude(root),) if p)
                if folder == root
                else self._ignores_for(os.path.dirname(folder))
            )
            own = read_ignore_file(os.path.join(folder, GITIGNORE))
            found = (own, *above) if own else above
        self._ignore_files[folder] = found
        return found

    def _root_of(self, folder: str) -> str | None:
        """The closest folder upwards holding `.git` (a folder, or a file in a worktree)."""
        if folder in self._roots:
            return self._roots[folder]
        if os.path.lexists(os.path.join(folder, ".git")):
            root: str | None = folder
        else:
            parent = os.path.dirname(folder)
            root = None if parent == folder else self._root_of(parent)
        self._roots[folder] = root
        return root


def _info_exclude(root: str) -> Patterns | None:
    """`.git/info/exclude`; in a worktree (`.git` a file naming its git folder), the one of
    the repository's common folder."""
    git = os.path.join(root, ".git")
    if os.path.isfile(git):
        try:
            with open(git, encoding="utf-8") as handle:
                line = handle.readline().strip()
        except OSError:
            return None
        if not line.startswith("gitdir:"):
            return None
        git = os.path.join(root, line.removeprefix("gitdir:").strip())
        try:
            with open(os.path.join(git, "commondir"), encoding="utf-8") as handle:
                git = os.path.join(git, handle.readline().strip())
        except OSError:
            pass
    return read_ignore_file(os.path.join(git, "info", "exclude"), base=root)
