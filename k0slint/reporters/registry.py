"""The report formats by name; a format's module is imported only when it is chosen."""

from __future__ import annotations

import importlib
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from k0slint.reporters.contract import Reporter

# Name -> the module whose `REPORTER` (a contract.Reporter) writes it; `--format` offers these,
# in this order. A new format is a module of its own and a line here.
_MODULES = MappingProxyType(
    {
        "text": "k0slint.reporters.text",
        "full": "k0slint.reporters.full",
        "json": "k0slint.reporters.json_report",
        "sarif": "k0slint.reporters.sarif",
        "github": "k0slint.reporters.github",
        "junit": "k0slint.reporters.junit",
        "gitlab": "k0slint.reporters.gitlab",
        "markdown": "k0slint.reporters.markdown",
    }
)
FORMATS = tuple(_MODULES)
DEFAULT = "text"


def reporter(name: str) -> Reporter:
    """The reporter of format `name`, its module imported now."""
    try:
        module = _MODULES[name]
    except KeyError:
        raise ValueError(f"unknown report format {name!r} (one of {', '.join(FORMATS)})") from None
    found: Reporter = importlib.import_module(module).REPORTER
    return found
