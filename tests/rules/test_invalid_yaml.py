"""K0S001 invalid-yaml: where reading stops in a file that is not YAML k0s could read.

tests/test_hostile_input.py runs the same kinds of file through the command line, with alias
bombs and deep nesting."""

from __future__ import annotations

import pytest

from k0slint.lint.findings import Severity
from k0slint.rules.invalid_yaml import InvalidYaml
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint

RULE = InvalidYaml
HEADER = "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\n"

VALID = [
    Valid(f"{HEADER}spec:\n  api:\n    address: 10.0.0.1\n"),
    Valid(f"{HEADER}spec: {{api: [1, 2]}}\n---\n- a\n"),
    # Template syntax that does not parse is skipped (with a note): not YAML until rendered.
    Valid(f"{HEADER}spec:\n  api:\n{{{{- toYaml .Values.api | nindent 4 }}}}\n"),
    Valid(f"{HEADER}spec:\n{{% if ha %}}\n  api: {{}}\n{{% endif %}}\n"),
    # A file named on the command line that is not called *.yaml and does not parse is not YAML.
    Valid("[unclosed\n", filename="notes.txt"),
]
INVALID = [
    # The rule's documented example: an unterminated quote, found at the end of the stream.
    Invalid(
        f'{HEADER}spec:\n  images:\n    repository: "registry.acme.corp\n',
        at=[(6, 1)],
        message="found unexpected end of stream",
    ),
    Invalid(f"{HEADER}spec: {{api: [1, 2}}\n", at=[(3, 18)], message="did not find expected ',' or ']'"),
    Invalid(
        f"{HEADER}spec:\n  api:\n    address: 10.0.0.1\n   port: 6443\n",
        at=[(6, 4)],
        message="did not find expected key",
    ),
    Invalid(f"{HEADER}spec:\n\timages: {{}}\n", at=[(4, 1)], message="found a tab character"),
    Invalid(f'{HEADER}spec:\n  api:\n    address: "a\x07b"\n', at=[(5, 16)], message="U+0007"),
    # The same as the skipped template above without its template syntax.
    Invalid(f"{HEADER}spec:\n  api:\n{{- toYaml .Values.api | nindent 4 }}\n", at=[(6, 1)]),
    # In a later document of the file.
    Invalid(f"{HEADER}spec: {{}}\n---\nkind: [\n", at=[(6, 1)]),
    # The first document of a k0sctl file.
    Invalid(
        "apiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec:\n  hosts: [\n",
        at=[(5, 1)],
        filename="k0sctl.yaml",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


def test_an_error_one_column_wide() -> None:
    (finding,) = lint(f"{HEADER}spec: {{api: [1, 2}}\n", [RULE])
    assert finding.severity is Severity.ERROR
    assert (finding.end_line, finding.end_column) == (3, 19)
    assert finding.fix is None
