#!/usr/bin/env python3
"""Print `name==version` for the lowest release every runtime dependency of pyproject.toml
allows on this Python, and every dependency of the extras k0slint's own code imports
(`server`: pygls for `k0slint server`), for CI's run of the tests on the oldest dependencies.

Usage: python scripts/lowest_requirements.py [pyproject.toml] | pip install -r /dev/stdin
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the test extras bring tomli
    import tomli as tomllib

_REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9._-]+)\s*(?P<specifiers>[^;]*?)\s*(?:;\s*(?P<marker>.*))?$"
)
_LOWER_BOUND = re.compile(r">=\s*(?P<version>[0-9][0-9A-Za-z.]*)")
_PYTHON_BELOW = re.compile(r"""^python_version\s*<\s*['"](?P<major>\d+)\.(?P<minor>\d+)['"]$""")


# The extras whose packages k0slint's modules import (the others hold tools: test, bench).
EXTRAS = ("server",)


def applies_here(marker: str | None) -> bool:
    """The one kind of marker k0slint's dependencies use: `python_version < 'X.Y'`."""
    if not marker:
        return True
    below = _PYTHON_BELOW.match(marker.strip())
    if below is None:
        raise SystemExit(f"lowest_requirements: cannot evaluate the marker {marker!r}")
    return sys.version_info[:2] < (int(below["major"]), int(below["minor"]))


def lowest(requirement: str) -> str | None:
    parsed = _REQUIREMENT.match(requirement)
    if parsed is None:
        raise SystemExit(f"lowest_requirements: cannot read the requirement {requirement!r}")
    if not applies_here(parsed["marker"]):
        return None
    bound = _LOWER_BOUND.search(parsed["specifiers"])
    if bound is None:
        raise SystemExit(f"lowest_requirements: {parsed['name']} has no lower bound (>=)")
    return f"{parsed['name']}=={bound['version']}"


def main(argv: list[str]) -> int:
    path = Path(argv[1] if len(argv) > 1 else "pyproject.toml")
    project = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    dependencies = [*project["dependencies"], *(item for extra in EXTRAS for item in extras.get(extra, []))]
    for requirement in dependencies:
        pinned = lowest(requirement)
        if pinned is not None:
            print(pinned)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
