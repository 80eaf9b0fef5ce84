"""K0S005 not-a-clusterconfig: the apiVersion and kind k0s, k0sctl and k0smotron expect."""

from __future__ import annotations

import pytest

from k0slint.lint.findings import Severity
from k0slint.rules.not_a_clusterconfig import NotClusterConfig
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint

RULE = NotClusterConfig
VALID = [
    Valid("apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec: {}\n"),
    Valid("apiVersion: k0s.k0sproject.io/v1beta1\nspec: {}\n"),  # kind is filled in
    Valid(
        "apiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec:\n  k0s:\n    config:\n      spec: {}\n"
    ),
    Valid("- not\n- a config\n", filename="values.yaml"),
]
INVALID = [
    Invalid(
        "apiVersion: k0s.sh/v1beta1\nkind: ClusterConfig\nspec: {}\n",
        at=[(1, 13)],
        message="apiVersion 'k0s.sh/v1beta1' is not k0s.k0sproject.io/v1beta1",
    ),
    Invalid(
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: Cluster\n", at=[(2, 7)], message="k0s does not check it"
    ),
    Invalid(
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: clusterconfig\n", at=[(2, 7)], message="ignore case"
    ),
    Invalid(
        "apiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec: {}\n---\n"
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: Cluster\nspec: {}\n",
        at=[(6, 7)],
        filename="k0sctl.yaml",
        message="k0sctl does not merge this document",
    ),
    # `k0s config validate` of a file that is not a mapping: "cannot unmarshal" (TestValidateCmd).
    Invalid("malformed yaml\n", at=[(1, 1)], message="cannot unmarshal"),
    Invalid(
        "apiVersion: k0smotron.io/v1beta1\nkind: Cluster\nspec:\n  k0sConfig:\n    apiVersion: k0s.k0sproject.io/v1beta2\n",
        at=[(5, 17)],
        filename="cluster.yaml",
        message="k0smotron refuses it",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


def test_header_severities_and_fixes() -> None:
    (wrong_api,) = lint("apiVersion: k0s.sh/v1beta1\nspec: {}\n", [RULE])
    assert wrong_api.severity is Severity.WARNING
    assert wrong_api.fix is not None and wrong_api.fix.applicability.value == "safe"
    (not_mapping,) = lint("- a\n", [RULE], filename="k0s.yaml")
    assert not_mapping.severity is Severity.ERROR
