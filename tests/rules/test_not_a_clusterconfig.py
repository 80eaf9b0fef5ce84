"""K0S005 not-a-clusterconfig, K0S006 duplicate-key."""

from __future__ import annotations

import pytest

from k0slint.lint.findings import Severity
from k0slint.rules.duplicate_key import DuplicateKey
from k0slint.rules.not_a_clusterconfig import NotClusterConfig
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint

HEADER_VALID = [
    Valid("apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec: {}\n"),
    Valid("apiVersion: k0s.k0sproject.io/v1beta1\nspec: {}\n"),  # kind is filled in
    Valid(
        "apiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec:\n  k0s:\n    config:\n      spec: {}\n"
    ),
    Valid("- not\n- a config\n", filename="values.yaml"),
]
HEADER_INVALID = [
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
DUPLICATE_VALID = [
    Valid("apiVersion: k0s.k0sproject.io/v1beta1\nspec:\n  base: &b {a: 1}\n  x:\n    <<: *b\n    a: 2\n"),
]
DUPLICATE_INVALID = [
    Invalid(
        "apiVersion: k0s.k0sproject.io/v1beta1\nspec:\n  images:\n    repository: r\n  images:\n    default_pull_policy: Always\n",
        at=[(5, 3)],
        message="key 'images' is already set in this mapping",
    ),
    Invalid(
        "apiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec:\n  hosts: []\n  hosts: []\n",
        at=[(5, 3)],
        filename="k0sctl.yaml",
    ),
    # In a ClusterConfig document that k0sctl merges into its Cluster.
    Invalid(
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  network: {}\n  network: {}\n"
        "---\napiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec:\n  hosts: []\n",
        at=[(5, 3)],
        filename="k0sctl.yaml",
    ),
    # In a config written as a string (a ConfigMap's k0s.yaml).
    Invalid(
        "apiVersion: v1\nkind: ConfigMap\ndata:\n  k0s.yaml: |\n"
        "    apiVersion: k0s.k0sproject.io/v1beta1\n    kind: ClusterConfig\n"
        "    spec:\n      api: {}\n      api: {}\n",
        at=[(9, 7)],
        filename="configmap.yaml",
    ),
    # Repeated in an anchored mapping that an alias brings in again: reported once.
    Invalid(
        "apiVersion: k0s.k0sproject.io/v1beta1\nspec:\n  a: &x {k: 1, k: 2}\n  b: *x\n",
        at=[(3, 16)],
    ),
]


@pytest.mark.parametrize("case", HEADER_VALID)
def test_header_valid(case: Valid) -> None:
    assert_valid(NotClusterConfig, case)


@pytest.mark.parametrize("case", HEADER_INVALID)
def test_header_invalid(case: Invalid) -> None:
    assert_invalid(NotClusterConfig, case)


@pytest.mark.parametrize("case", DUPLICATE_VALID)
def test_duplicate_valid(case: Valid) -> None:
    assert_valid(DuplicateKey, case)


@pytest.mark.parametrize("case", DUPLICATE_INVALID)
def test_duplicate_invalid(case: Invalid) -> None:
    assert_invalid(DuplicateKey, case)


def test_header_severities_and_fixes() -> None:
    (wrong_api,) = lint("apiVersion: k0s.sh/v1beta1\nspec: {}\n", [NotClusterConfig])
    assert wrong_api.severity is Severity.WARNING
    assert wrong_api.fix is not None and wrong_api.fix.applicability.value == "safe"
    (not_mapping,) = lint("- a\n", [NotClusterConfig], filename="k0s.yaml")
    assert not_mapping.severity is Severity.ERROR
