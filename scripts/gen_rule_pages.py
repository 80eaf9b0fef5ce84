#!/usr/bin/env python3
"""Write docs/rules/<CODE>.md for every built-in rule from its docstring
(k0slint.lint.rule_docs.rule_page), and delete the pages of rules that are gone.

`--check` writes nothing and exits 1 when a page is missing, stale or left over.
"""

from __future__ import annotations

import sys
from pathlib import Path

from k0slint.lint.rule_docs import PAGES_FOLDER, is_builtin, rule_page
from k0slint.lint.rule_packs import all_rules, load_packs

PAGES = Path(__file__).resolve().parent.parent / PAGES_FOLDER


def wanted() -> dict[str, str]:
    """Page name -> text, for every built-in rule installed (whatever the rule set is)."""
    return {f"{rule.code}.md": rule_page(rule) for rule in all_rules(load_packs()) if is_builtin(rule)}


def drift(pages: dict[str, str], folder: Path = PAGES) -> list[str]:
    """The pages that differ from `pages`: missing, stale or left over."""
    present = {path.name for path in folder.glob("*.md")} if folder.is_dir() else set()
    out = [
        name
        for name, text in pages.items()
        if not (folder / name).is_file() or (folder / name).read_text() != text
    ]
    return sorted([*out, *(present - set(pages))])


def main(argv: list[str]) -> int:
    pages = wanted()
    if "--check" in argv:
        stale = drift(pages)
        for name in stale:
            sys.stderr.write(f"{PAGES_FOLDER}/{name} is out of date: run scripts/gen_rule_pages.py\n")
        return 1 if stale else 0
    PAGES.mkdir(parents=True, exist_ok=True)
    for path in PAGES.glob("*.md"):
        if path.name not in pages:
            path.unlink()
    for name, text in pages.items():
        path = PAGES / name
        if not path.is_file() or path.read_text() != text:
            path.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
