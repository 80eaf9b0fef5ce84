"""The mutation-testing record (mutation/): its list of equivalent mutants is well formed and
names mutants of the modules the runner mutates. Running mutmut itself is not part of the
suite (see mutation/README.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mutation.record import COLUMNS, read_equivalents
from mutation.run import EQUIVALENTS, GROUPS
from tests.helpers import ROOT

MODULES = {module for group in GROUPS for module in group.modules}


def _source(module: str) -> Path:
    """The file of a staged module path (the built-in rules are staged as k0slint/rules/)."""
    return ROOT / module.replace("k0slint/rules/", "rules/", 1)


def _functions(path: Path) -> set[str]:
    """`name` for functions, `Class.name` for methods, as the record writes them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        names |= {f"{cls.name}.{node.name}" for node in cls.body if isinstance(node, ast.FunctionDef)}
    return names


def _mutant_prefix(module: str, function: str) -> str:
    """mutmut's name for a mutant of `function`, up to its number."""
    dotted = module.removesuffix(".py").replace("/", ".")
    if "." in function:
        cls, method = function.split(".")
        return f"{dotted}.x\u01c1{cls}\u01c1{method}__mutmut_"
    return f"{dotted}.x_{function}__mutmut_"


def test_every_target_module_exists() -> None:
    for module in MODULES:
        assert _source(module).is_file(), module
    for group in GROUPS:
        for tests in group.tests:
            assert (ROOT / tests).exists(), f"{group.name}: {tests}"


def test_every_equivalent_mutant_names_a_function_of_a_target_module() -> None:
    for entry in read_equivalents(EQUIVALENTS).values():
        assert entry.module in MODULES, entry.mutant
        assert entry.function in _functions(_source(entry.module)), entry.mutant
        prefix = _mutant_prefix(entry.module, entry.function)
        assert entry.mutant.startswith(prefix) and entry.mutant[len(prefix) :].isdigit(), entry.mutant


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "the header must be"),
        ("module\tfunction\n", "the header must be"),
        ("\t".join(COLUMNS) + "\na\tb\tc\td\n", ":2: expected 5 non-empty"),
        ("\t".join(COLUMNS) + "\na\tb\tc\td\t \n", ":2: expected 5 non-empty"),
        ("\t".join(COLUMNS) + "\na\tb\tc\td\te\na\tb\tc\td\te\n", ":3: c is listed twice"),
    ],
)
def test_a_malformed_record_is_refused_with_its_line(tmp_path: Path, text: str, error: str) -> None:
    path = tmp_path / "equivalent.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        read_equivalents(path)
