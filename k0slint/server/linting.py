"""Linting the editor's text: the linters the configuration files and the client's settings
call for, rebuilt when either changes. Runs in worker threads (k0slint.server.scheduler)."""

import re
import threading
from typing import NamedTuple

from k0slint.k0s.documents import MENTIONS_K0S
from k0slint.k0s.releases import ReleaseData, load
from k0slint.lint.linter import FileResult, Linter
from k0slint.lint.linter_factory import CommandLine, LinterFactory
from k0slint.lint.rule import Rule
from k0slint.lint.rule_packs import RegistryError, RulePack, load_packs
from k0slint.lint.settings import ConfigError, Resolver
from k0slint.server.client_settings import ClientSettings

SETTING_SOURCE = "the editor's k0s-version setting"


class Linted(NamedTuple):
    """One lint of one version of a document's text."""

    text: str
    version: int | None
    result: FileResult | None
    linter: Linter | None
    # A configuration file (or the client's settings) that cannot be used: nothing was linted.
    config_error: str | None
    # Whether the text is (or, while it does not parse, was or mentions) a k0s configuration.
    is_config: bool

    def rule(self, code: str) -> type[Rule] | None:
        if self.linter is None:
            return None
        return next((type(rule) for rule in self.linter.rules if rule.code == code), None)


class LintService:
    """Linters per configuration file, for the open documents."""

    def __init__(self, settings: ClientSettings) -> None:
        self._lock = threading.Lock()
        self._releases: ReleaseData = load()
        self._packs: list[RulePack] | None = None
        self._packs_error: str | None = None
        self.settings = settings
        self._factory: LinterFactory | None = None

    def reset(self, settings: ClientSettings | None = None) -> None:
        """Forget every configuration file read so far (and take new settings, if given)."""
        with self._lock:
            if settings is not None:
                self.settings = settings
            self._factory = None

    def linter_for(self, path: str) -> Linter:
        """The linter for `path`; raises ConfigError for a configuration that cannot be used."""
        with self._lock:
            if self._factory is None:
                self._factory = self._new_factory()
            return self._factory.linter_for(path)

    def _new_factory(self) -> LinterFactory:
        if self._packs is None and self._packs_error is None:
            try:
                self._packs = load_packs()
            except RegistryError as error:
                self._packs_error = str(error)
        if self._packs is None:
            raise ConfigError(self._packs_error or "no rule pack")
        settings = self.settings
        command_line = CommandLine(
            settings.select, settings.extend_select, settings.ignore, settings.k0s_version, SETTING_SOURCE
        )
        return LinterFactory(self._packs, self._releases, Resolver(), command_line)

    def lint(self, path: str, text: str, version: int | None, *, was_config: bool = False) -> Linted:
        try:
            linter = self.linter_for(path)
        except ConfigError as error:
            return Linted(text, version, None, None, str(error), was_config or _mentions_k0s(text))
        result = linter.lint_text(path, text, explicit=True)
        if result.configs:
            is_config = True
        elif result.unreadable is not None:
            is_config = was_config or _mentions_k0s(text)
        else:
            is_config = False
        return Linted(text, version, result, linter, None, is_config)


def _mentions_k0s(text: str) -> bool:
    return re.search(MENTIONS_K0S, text) is not None
