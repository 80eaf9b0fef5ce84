"""The client's settings (`initializationOptions`, `workspace/didChangeConfiguration`), under
the names of the configuration file: `select`, `extend-select`, `ignore`, `k0s-version`, and
`unsafe-fixes` (offer unsafe fixes as quick fixes; true by default). They win over the
configuration files, as the command line's options do. Settings may be given as they are or
under a `k0slint` key."""

from collections.abc import Mapping
from typing import Any, NamedTuple

KEYS = ("select", "extend-select", "ignore", "k0s-version", "unsafe-fixes")


class ClientSettings(NamedTuple):
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    k0s_version: str | None = None
    unsafe_fixes: bool = True


def _selectors(value: Any, key: str, problems: list[str]) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str) and item for item in value):
        return tuple(value)
    problems.append(f"{key} must be a list of rule codes, prefixes or names")
    return None


def parse(raw: Any, problems: list[str]) -> ClientSettings:
    """The settings in `raw`; each one that cannot be used is left at its default, with a
    one-line problem appended to `problems`."""
    if isinstance(raw, Mapping) and isinstance(raw.get("k0slint"), Mapping):
        raw = raw["k0slint"]
    if raw is None:
        return ClientSettings()
    if not isinstance(raw, Mapping):
        problems.append("settings must be a mapping")
        return ClientSettings()
    for key in raw:
        if key not in KEYS:
            problems.append(f"unknown setting {key!r} (known: {', '.join(KEYS)})")
    settings = ClientSettings()
    if raw.get("select") is not None:
        settings = settings._replace(select=_selectors(raw["select"], "select", problems))
    if raw.get("extend-select") is not None:
        settings = settings._replace(
            extend_select=_selectors(raw["extend-select"], "extend-select", problems) or ()
        )
    if raw.get("ignore") is not None:
        settings = settings._replace(ignore=_selectors(raw["ignore"], "ignore", problems) or ())
    version = raw.get("k0s-version")
    if version is not None:
        if isinstance(version, str) and version.strip():
            settings = settings._replace(k0s_version=version.strip())
        else:
            problems.append("k0s-version must be a string such as '1.32.1'")
    unsafe = raw.get("unsafe-fixes")
    if unsafe is not None:
        if isinstance(unsafe, bool):
            settings = settings._replace(unsafe_fixes=unsafe)
        else:
            problems.append("unsafe-fixes must be true or false")
    return settings
