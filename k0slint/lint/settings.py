"""Configuration files: `.k0slint.yaml` or `[tool.k0slint]` in `pyproject.toml`, found from each
linted file's folder upwards (the closest wins), or one file given with `--config`."""

import os
import sys
from collections.abc import Mapping
from typing import Any, NamedTuple

from k0slint.lint.findings import Severity

YAML_NAME = ".k0slint.yaml"
PYPROJECT = "pyproject.toml"
KEYS = (
    "select",
    "ignore",
    "extend-select",
    "per-file-ignores",
    "severity",
    "k0s-version",
    "allowed-registries",
    "required-repository",
    "options",
    "require-plugins",
    "local-rules",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "force-exclude",
)
# Rule options that were once written as top-level keys; read as the flat spelling of
# `options` (k0slint.lint.options), deprecated.
OPTION_KEYS = ("allowed-registries", "required-repository")


class ConfigError(Exception):
    """A configuration file k0slint cannot use; the message names the file and the key."""


class UnreadableConfig(ConfigError):
    """A configuration file that cannot be opened or read at all."""


class Settings(NamedTuple):
    """What one configuration file (or none) says; empty means k0slint's defaults."""

    source: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    k0s_version: str | None = None
    # The items of `options` as written (rule -> its options, or a flat option name -> value);
    # resolved against the rules by k0slint.lint.options.
    options: tuple[tuple[str, Any], ...] = ()
    require_plugins: tuple[str, ...] = ()
    local_rules: tuple[tuple[str, str], ...] = ()
    # gitignore-style patterns relative to `folder` (k0slint.lint.excludes); --exclude
    # replaces `exclude`, `extend-exclude` always applies.
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.source)) if self.source else os.getcwd()

    def to_json(self) -> dict[str, Any]:
        return {
            "config": self.source,
            "select": list(self.select) if self.select is not None else None,
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "per-file-ignores": {pattern: list(codes) for pattern, codes in self.per_file_ignores},
            "severity": {code: severity.value for code, severity in self.severity},
            "k0s-version": self.k0s_version,
            "options": dict(self.options),
            "require-plugins": list(self.require_plugins),
            "local-rules": dict(self.local_rules),
            "exclude": list(self.exclude),
            "extend-exclude": list(self.extend_exclude),
            "respect-gitignore": self.respect_gitignore,
            "force-exclude": self.force_exclude,
        }


def _load_toml(path: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
    except OSError as error:
        raise UnreadableConfig(f"{path}: cannot read: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None
    return data


def _load_yaml(path: str) -> Any:
    from k0slint.yaml.parse import YamlError, parse_documents
    from k0slint.yaml.source import SourceError, decode

    try:
        with open(path, "rb") as handle:
            text = decode(path, handle.read()).text
        documents = list(parse_documents(text))
    except OSError as error:
        raise UnreadableConfig(f"{path}: cannot read: {error.strerror or error}") from None
    except (SourceError, YamlError) as error:
        where = f"{error.line}:{error.column}"
        raise ConfigError(f"{path}:{where}: {error.message}") from None
    if not documents or documents[0].root is None:
        return {}
    return documents[0].root.to_data()


def read_file(path: str, *, explicit: bool = False) -> Settings | None:
    """The settings of a config file; None for a pyproject.toml without [tool.k0slint]."""
    if os.path.basename(path) == PYPROJECT:
        tool = _load_toml(path).get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: tool must be a table")
        table = tool.get("k0slint")
        if table is None:
            if explicit:
                raise ConfigError(f"{path}: no [tool.k0slint] table")
            return None
        return parse(table, path, explicit=explicit)
    return parse(_load_yaml(path), path, explicit=explicit)


def _strings(value: Any, key: str, path: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ConfigError(f"{path}: {key} must be a list of strings")
    return tuple(value)


def _patterns(value: Any, key: str, path: str) -> tuple[str, ...]:
    """Gitignore-style patterns: a list of strings (a pattern may hold a comma)."""
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ConfigError(f"{path}: {key} must be a list of gitignore-style patterns")
    return tuple(value)


def _flag(data: Mapping[str, Any], key: str, default: bool, path: str) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{path}: {key} must be true or false")
    return value


def _mapping(value: Any, key: str, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: {key} must be a mapping")
    return value


def parse(data: Any, path: str, *, explicit: bool = False) -> Settings:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping")
    for key in data:
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{path}: unknown key {key!r}{hint}")
    options = {str(key): value for key, value in _mapping(data.get("options", {}), "options", path).items()}
    for key in OPTION_KEYS:
        if key in data:
            options[key] = data[key]
    severity = []
    for code, level in _mapping(data.get("severity", {}), "severity", path).items():
        try:
            severity.append((str(code), Severity(level)))
        except ValueError:
            message = f"severity.{code} must be error, warning or info, not {level!r}"
            raise ConfigError(f"{path}: {message}") from None
    per_file = [
        (str(pattern), _strings(codes, f"per-file-ignores.{pattern}", path))
        for pattern, codes in _mapping(data.get("per-file-ignores", {}), "per-file-ignores", path).items()
    ]
    version = data.get("k0s-version")
    if version is not None and not isinstance(version, str):
        raise ConfigError(f"{path}: k0s-version must be a string such as '1.32.1'")
    local = _mapping(data.get("local-rules", {}), "local-rules", path)
    if local and not explicit:
        raise ConfigError(
            f"{path}: local-rules runs code from this repository; it is honoured only in a "
            "configuration given with --config"
        )
    return Settings(
        source=path,
        select=_strings(data["select"], "select", path) if "select" in data else None,
        extend_select=_strings(data.get("extend-select", []), "extend-select", path),
        ignore=_strings(data.get("ignore", []), "ignore", path),
        per_file_ignores=tuple(per_file),
        severity=tuple(severity),
        k0s_version=version,
        options=tuple(sorted(options.items())),
        require_plugins=_strings(data.get("require-plugins", []), "require-plugins", path),
        local_rules=tuple((str(prefix).upper(), str(target)) for prefix, target in local.items()),
        exclude=_patterns(data.get("exclude", []), "exclude", path),
        extend_exclude=_patterns(data.get("extend-exclude", []), "extend-exclude", path),
        respect_gitignore=_flag(data, "respect-gitignore", True, path),
        force_exclude=_flag(data, "force-exclude", False, path),
    )


class Resolver:
    """Finds the settings that apply to each file, reading each config file once."""

    def __init__(self, *, config: str | None = None, isolated: bool = False) -> None:
        self.fixed: Settings | None = None
        if config is not None:
            try:
                self.fixed = read_file(config, explicit=True) or Settings(source=config)
            except UnreadableConfig as error:
                raise ConfigError(f"--config {error}") from None
        elif isolated:
            self.fixed = Settings()
        self.by_folder: dict[str, Settings] = {}

    def for_file(self, path: str) -> Settings:
        if self.fixed is not None:
            return self.fixed
        folder = os.path.dirname(os.path.abspath(path)) if path != "-" else os.getcwd()
        return self._for_folder(folder)

    def _for_folder(self, folder: str) -> Settings:
        if folder in self.by_folder:
            return self.by_folder[folder]
        settings = self._read_folder(folder)
        if settings is None:
            parent = os.path.dirname(folder)
            settings = Settings() if parent == folder else self._for_folder(parent)
        self.by_folder[folder] = settings
        return settings

    @staticmethod
    def _read_folder(folder: str) -> Settings | None:
        candidate = os.path.join(folder, YAML_NAME)
        if os.path.isfile(candidate):
            return read_file(candidate)
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate):
            return read_file(candidate)
        return None
