"""The built-in rules' tests mirror the rule pack: rules/<name>.py is tested by
tests/rules/test_<name>.py, whose tables of valid and invalid cases (k0slint.testing) name
that module's rule."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import k0slint.rules
import tests.rules
from k0slint.lint.rule import Rule
from k0slint.testing import Invalid, Valid

RULE_MODULES = sorted(
    info.name for info in pkgutil.iter_modules(k0slint.rules.__path__) if not info.name.startswith("_")
)


def test_one_test_module_per_rule_module() -> None:
    tested = sorted(
        info.name.removeprefix("test_")
        for info in pkgutil.iter_modules(tests.rules.__path__)
        if info.name.startswith("test_")
    )
    assert tested == RULE_MODULES


@pytest.mark.parametrize("name", RULE_MODULES)
def test_valid_and_invalid_tables_of_the_module_rule(name: str) -> None:
    rule_module = importlib.import_module(f"k0slint.rules.{name}")
    (rule,) = (
        value
        for value in vars(rule_module).values()
        if inspect.isclass(value) and issubclass(value, Rule) and value.__module__ == rule_module.__name__
    )
    test_module = importlib.import_module(f"tests.rules.test_{name}")
    assert test_module.RULE is rule
    assert test_module.VALID and all(isinstance(case, Valid) for case in test_module.VALID)
    assert test_module.INVALID and all(isinstance(case, Invalid) and case.at for case in test_module.INVALID)
