"""Rule documentation: the rule's docstring, split into its sections, is the single source for
`--explain`, `--list-rules`, the README rule table and SARIF help."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from k0slint.lint.rule import Rule

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety", "Options")
_HEADING = re.compile(r"^## (.+)$", re.M)
_YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)


@dataclass(frozen=True)
class RuleDocs:
    code: str
    name: str
    severity: str
    summary: str
    markdown: str
    sections: dict[str, str]

    def examples(self, section: str) -> list[str]:
        """The YAML code blocks of a section (`Example`, `Use instead`)."""
        return _YAML_BLOCK.findall(self.sections.get(section, ""))

    @property
    def text(self) -> str:
        """Plain text: headings kept, code fences dropped."""
        return re.sub(r"^```\w*\n?", "", self.markdown, flags=re.M)


def rule_docs(rule: type[Rule]) -> RuleDocs:
    markdown = rule.docs()
    parts = _HEADING.split(markdown)
    sections = {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    return RuleDocs(rule.code, rule.name, rule.severity.value, rule.summary, markdown, sections)


def rules_table(rules: Sequence[type[Rule]]) -> str:
    lines = ["| code | name | severity | what it flags |", "|---|---|---|---|"]
    lines += [f"| {r.code} | {r.name} | {r.severity.value} | {r.summary} |" for r in rules]
    return "\n".join(lines) + "\n"


def explain(rule: type[Rule]) -> str:
    docs = rule_docs(rule)
    header = f"{docs.code} {docs.name} ({docs.severity})\n{docs.summary}\n\n"
    return f"{header}{docs.markdown}\n{options_text(rule)}"


def options_text(rule: type[Rule]) -> str:
    """The options a rule declares, as `--explain` lists them after the docs; empty if none."""
    if not rule.options:
        return ""
    from k0slint.lint.options import describe_type

    lines = [f"\nOptions, set in configuration as options: {{{rule.name}: {{OPTION: VALUE}}}}:\n"]
    for option in rule.options:
        default = "unset" if option.default is None else json.dumps(option.default)
        lines.append(f"  {option.name}: {describe_type(option.schema)}, default {default}\n")
        if option.doc:
            lines.append(textwrap.fill(option.doc, 92, initial_indent=" " * 6, subsequent_indent=" " * 6))
            lines.append("\n")
    return "".join(lines)
