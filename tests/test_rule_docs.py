"""Every rule's docs: all sections, an example its rule flags, a "use instead" it does not."""

from __future__ import annotations

import re
import textwrap

import pytest
import yaml

from k0slint.lint.rule import Rule
from k0slint.lint.rule_docs import SECTIONS, rule_docs
from k0slint.lint.rule_packs import all_rules, load_packs
from k0slint.testing import lint

RULES = all_rules(load_packs())
_VERSION = re.compile(r"k0s (v?\d+\.\d+(?:\.\d+)?(?:\+k0s\.\d+)?)")
_OPTION = re.compile(r"^# ([a-z-]+): (.+)$", re.M)
_OWNER = {option.name: rule.code for rule in RULES for option in rule.options}


def _context(example: str) -> dict[str, object]:
    """Settings an example states in its leading comments: `# k0s v1.32.1`, `# option: [...]`
    (options by the code of the rule that declares them)."""
    header = "".join(line + "\n" for line in example.splitlines() if line.startswith("#"))
    version = _VERSION.search(header)
    options: dict[str, dict[str, object]] = {}
    for name, value in _OPTION.findall(header):
        if name in _OWNER:
            options.setdefault(_OWNER[name], {})[name] = yaml.safe_load(value)
    filename = "k0sctl.yaml" if "k0sctl.k0sproject.io" in example else "k0s.yaml"
    return {"k0s_version": version.group(1) if version else None, "options": options, "filename": filename}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_docs_have_every_section(rule: type[Rule]) -> None:
    docs = rule_docs(rule)
    assert list(docs.sections) == list(SECTIONS)
    assert all(docs.sections[section] for section in SECTIONS)
    assert docs.examples("Example"), "an example"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_example_is_flagged_and_use_instead_is_clean(rule: type[Rule]) -> None:
    docs = rule_docs(rule)
    for example in docs.examples("Example"):
        found = lint(example, RULES, **_context(example))  # type: ignore[arg-type]
        assert [f for f in found if f.code == rule.code], f"{rule.code} does not flag its example:\n{example}"
    for example in docs.examples("Use instead"):
        found = lint(example, RULES, **_context(example))  # type: ignore[arg-type]
        assert not [f for f in found if f.code == rule.code], (
            f"{rule.code} flags its 'use instead':\n{example}"
        )


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_examples_are_otherwise_clean_k0s(rule: type[Rule]) -> None:
    """The 'use instead' of a rule is a config no rule flags as an error."""
    docs = rule_docs(rule)
    for example in docs.examples("Use instead"):
        found = lint(textwrap.dedent(example), RULES, **_context(example))  # type: ignore[arg-type]
        errors = [f"{f.code} {f.message}" for f in found if f.severity.value == "error"]
        assert errors == [], f"{rule.code}'s 'use instead' has errors: {errors}"
