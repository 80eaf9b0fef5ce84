"""Every rule's docs: all sections, an example its rule flags, a "use instead" it does not."""

from __future__ import annotations

import textwrap

import pytest

from k0slint.lint.rule import Rule
from k0slint.lint.rule_docs import SECTIONS, rule_docs
from k0slint.lint.rule_packs import all_rules, load_packs
from k0slint.testing import lint
from tests.helpers import example_context

RULES = all_rules(load_packs())


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
        found = lint(example, RULES, **example_context(example, RULES))
        assert [f for f in found if f.code == rule.code], f"{rule.code} does not flag its example:\n{example}"
    for example in docs.examples("Use instead"):
        found = lint(example, RULES, **example_context(example, RULES))
        assert not [f for f in found if f.code == rule.code], (
            f"{rule.code} flags its 'use instead':\n{example}"
        )


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_examples_are_otherwise_clean_k0s(rule: type[Rule]) -> None:
    """The 'use instead' of a rule is a config no rule flags as an error."""
    docs = rule_docs(rule)
    for example in docs.examples("Use instead"):
        found = lint(textwrap.dedent(example), RULES, **example_context(example, RULES))
        errors = [f"{f.code} {f.message}" for f in found if f.severity.value == "error"]
        assert errors == [], f"{rule.code}'s 'use instead' has errors: {errors}"
