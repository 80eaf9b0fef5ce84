#!/usr/bin/env python3
"""Rewrite the rule table of README.md from the rules' own docs (k0slint.lint.rule_docs.rules_table)."""

from __future__ import annotations

import sys
from pathlib import Path

from k0slint.lint.rule_docs import rules_table
from k0slint.lint.rule_packs import all_rules, load_packs

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- rules-table:start -->\n", "<!-- rules-table:end -->"


def render(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + START + rules_table(all_rules(load_packs())) + END + tail


def main() -> int:
    text = README.read_text()
    new = render(text)
    if "--check" in sys.argv:
        return 0 if new == text else 1
    README.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
