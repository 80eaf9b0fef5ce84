"""The entry points of one group, read from the `*.dist-info` and `*.egg-info` folders on sys.path.

This is what importlib.metadata's path finder does for `entry_points(group=...)`, without
importing it: importlib.metadata (email, zipfile, csv, pathlib) costs a one-file hook run about
30 ms, a third of its budget. When sys.path holds anything but folders (a zip, an egg), the
answer comes from importlib.metadata itself.
"""

import importlib
import os
import re
import sys
from typing import Any, NamedTuple

_SEPARATORS = re.compile(r"[-_.]+")


class EntryPoint(NamedTuple):
    name: str
    value: str
    distribution: str

    def load(self) -> Any:
        module_name, _, attribute = self.value.partition(":")
        loaded: Any = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.split("[", 1)[0].strip().split(".")):
            loaded = getattr(loaded, part)
        return loaded


def normalise(name: str) -> str:
    return _SEPARATORS.sub("_", name).lower()


def entry_points(group: str) -> list[EntryPoint]:
    folders = [entry or "." for entry in sys.path]
    if any(os.path.isfile(folder) for folder in folders):
        return _from_importlib(group)
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for folder in folders:
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            key = normalise(name.rsplit(".", 1)[0].split("-", 1)[0])
            if key in seen:
                continue
            seen.add(key)
            found.extend(_read(os.path.join(folder, name), group))
    return found


def _read(info: str, group: str) -> list[EntryPoint]:
    try:
        with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return []
    if f"[{group}]" not in text:
        return []
    distribution = _name(info)
    entries: list[EntryPoint] = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group and "=" in line:
            name, value = line.split("=", 1)
            entries.append(EntryPoint(name.strip(), value.strip(), distribution))
    return entries


def _name(info: str) -> str:
    """The distribution's name as its metadata spells it."""
    for file in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(info, file), encoding="utf-8") as handle:
                for line in handle:
                    if line.lower().startswith("name:"):
                        return line.split(":", 1)[1].strip()
                    if not line.strip():
                        break
        except OSError:
            continue
    return os.path.basename(info).rsplit(".", 1)[0].split("-", 1)[0]


def _from_importlib(group: str) -> list[EntryPoint]:
    from importlib import metadata

    return [
        EntryPoint(entry.name, entry.value, entry.dist.name if entry.dist else entry.value.split(":")[0])
        for entry in metadata.entry_points(group=group)
    ]
