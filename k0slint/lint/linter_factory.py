"""From settings (configuration plus command line) to the linter each file is checked with."""

import os
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from k0slint.k0s.documents import ConfigDocument
from k0slint.k0s.releases import Release, ReleaseData
from k0slint.k0s.versions import VersionError, parse_version
from k0slint.lint import options
from k0slint.lint.linter import ForcedRelease, Linter
from k0slint.lint.rule import Rule
from k0slint.lint.rule_packs import RulePack, all_rules
from k0slint.lint.selection import configured
from k0slint.lint.settings import ConfigError, Resolver, Settings


class CommandLine(NamedTuple):
    """What the command line says; it wins over configuration files."""

    select: Sequence[str] | None = None
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    k0s_version: str | None = None
    # How a release chosen by `k0s_version` is explained (the language server's settings).
    k0s_version_source: str = "--k0s-version"


def load_local_rules(prefix: str, target: str, base: str) -> list[type[Rule]]:
    """Rules from a file or package named in an explicit configuration (`local-rules`)."""
    import importlib.util

    path = os.path.join(base, target)
    location = os.path.join(path, "__init__.py") if os.path.isdir(path) else path
    spec = importlib.util.spec_from_file_location(f"k0slint_local_{prefix.lower()}", location)
    if spec is None or spec.loader is None or not os.path.isfile(location):
        raise ConfigError(f"local-rules.{prefix}: no Python module at {path}")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        raise ConfigError(f"local-rules.{prefix}: {path} failed to import: {error}") from None
    rules = list(getattr(module, "RULES", ()))
    for rule in rules:
        if not (isinstance(rule, type) and issubclass(rule, Rule)) or not rule.code.startswith(prefix):
            raise ConfigError(f"local-rules.{prefix}: {rule!r} is not a Rule with a {prefix} code")
        problem = options.declaration_problem(rule)
        if problem:
            raise ConfigError(f"local-rules.{prefix}: {problem}")
    return rules


class LinterFactory:
    """Builds (once per distinct configuration) the linter for each file.

    With an observer (`--show-images`), the linters report every config to it and run no rules.
    """

    def __init__(
        self,
        packs: Sequence[RulePack],
        releases: ReleaseData,
        resolver: Resolver,
        command_line: CommandLine,
        observer: Callable[[ConfigDocument, Release], None] | None = None,
    ) -> None:
        self.packs = packs
        self.releases = releases
        self.resolver = resolver
        self.command_line = command_line
        self.observer = observer
        self.built: dict[int, Linter] = {}
        self.notes: list[str] = []

    def linter_for(self, path: str) -> Linter:
        settings = self.resolver.for_file(path)
        key = id(settings)
        if key not in self.built:
            self.built[key] = self.build(settings)
        return self.built[key]

    def enabled_rules(self) -> list[type[Rule]]:
        """The rules of every linter built so far (of the current folder's, if none was)."""
        linters = list(self.built.values()) or [self.linter_for("-")]
        return sorted({type(rule) for linter in linters for rule in linter.rules}, key=lambda rule: rule.code)

    def rules(self, settings: Settings) -> list[type[Rule]]:
        rules = all_rules(self.packs)
        for prefix, target in settings.local_rules:
            if any(rule.code.startswith(prefix) for rule in rules):
                raise ConfigError(
                    f"{settings.source}: local-rules.{prefix} clashes with an installed rule pack"
                )
            rules.extend(load_local_rules(prefix, target, settings.folder))
        return sorted(rules, key=lambda rule: rule.code)

    def build(self, settings: Settings) -> Linter:
        where = settings.source or "the command line"
        installed = {_distribution_key(pack.distribution) for pack in self.packs}
        for name in settings.require_plugins:
            if _distribution_key(name) not in installed:
                raise ConfigError(f"{where}: require-plugins: rule pack {name!r} is not installed")
        known = self.rules(settings)
        line = self.command_line
        enabled, selection = configured(
            known, settings, select=line.select, extend_select=line.extend_select, ignore=line.ignore
        )
        values, notes = options.resolve(settings.options, known, where)
        for note in notes:
            if note not in self.notes:
                self.notes.append(note)
        # Configuration is the default, not an override: a version the file pins wins over it.
        forced = self._named(settings) if self.command_line.k0s_version else None
        return Linter(
            [rule() for rule in enabled] if self.observer is None else [],
            self.releases,
            forced,
            values,
            observer=self.observer,
            selection=selection,
            default=None if forced is not None else self._named(settings),
        )

    def _named(self, settings: Settings) -> ForcedRelease | None:
        line = self.command_line
        named = forced_release(self.releases, line.k0s_version, settings, line.k0s_version_source)
        if named is not None and named.note and named.note not in self.notes:
            self.notes.append(named.note)
        return named


def forced_release(
    releases: ReleaseData,
    command_line_version: str | None,
    settings: Settings,
    command_line_source: str = "--k0s-version",
) -> ForcedRelease | None:
    """The release --k0s-version (or else the settings' k0s-version) names, if either does.
    The linter checks every config against the first, and against the second only the
    configs whose file pins no version (Linter.release_for)."""
    text = command_line_version or settings.k0s_version
    if text is None:
        return None
    source = command_line_source if command_line_version else f"{settings.source}: k0s-version"
    try:
        release, note = releases.resolve(parse_version(text))
    except VersionError as error:
        raise ConfigError(f"{source}: {error}") from None
    return ForcedRelease(release, note, source)


def _distribution_key(name: str) -> str:
    """A distribution's name as Python packaging compares names (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()
