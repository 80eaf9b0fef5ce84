"""The floor for any Python YAML linter: read each file and compose it with libyaml (no checks).

Usage: python benchmarks/floor.py PATH...   (folders are searched for *.yaml and *.yml)
"""

from __future__ import annotations

import os
import sys

import yaml


def files(paths: list[str]) -> list[str]:
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for folder, _, names in os.walk(path):
                found.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith((".yaml", ".yml")))
        else:
            found.append(path)
    return found


def main() -> None:
    for path in files(sys.argv[1:]):
        with open(path, "rb") as handle:
            for _ in yaml.compose_all(handle.read(), Loader=yaml.CSafeLoader):
                pass


if __name__ == "__main__":
    main()
