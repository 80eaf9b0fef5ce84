"""K0S005 not-a-clusterconfig: the apiVersion and kind k0s, k0sctl and k0smotron expect."""

from __future__ import annotations

import pytest

from k0slint.lint.findings import Finding, Severity
from k0slint.lint.fixing import fix_text
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
    # a custom resource of k0s's API group is not a config: no K0S005 rewriting its kind
    Valid("apiVersion: k0s.k0sproject.io/v1beta1\nkind: Test\nspec:\n  foo: bar\n", filename="k0s.yaml"),
    # k0smotron fills in a k0sConfig left out entirely
    Valid("apiVersion: k0smotron.io/v1beta1\nkind: Cluster\nspec:\n  version: v1.32.1-k0s.0\n"),
    # K0sControlPlane hands its k0s config to the bootstrap provider, not to this check
    Valid(
        "apiVersion: controlplane.cluster.x-k8s.io/v1beta1\nkind: K0sControlPlane\nspec:\n"
        "  k0sConfigSpec:\n    k0s:\n      spec: {}\n"
    ),
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
    # k0smotron v2.1.0 k0smotroncluster_configmap.go: "unsupported k0s config version: " (empty)
    Invalid(
        "apiVersion: k0smotron.io/v1beta1\nkind: Cluster\nspec:\n  k0sConfig:\n    spec:\n"
        "      network: {provider: calico}\n",
        at=[(4, 3)],
        message="spec.k0sConfig has no apiVersion: k0smotron refuses it: unsupported k0s config version",
    ),
    Invalid(
        "apiVersion: controlplane.cluster.x-k8s.io/v1beta1\nkind: K0smotronControlPlaneTemplate\nspec:\n"
        "  template:\n    spec:\n      k0sConfig: {spec: {}}\n",
        at=[(6, 7)],
        message="spec.template.spec.k0sConfig has no apiVersion",
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


def test_no_safe_fix_rewrites_a_kind() -> None:
    """The kind says what a document is; k0sctl merges a ClusterConfig and applies any other
    kind as a manifest, so rewriting it is never safe."""
    for text, filename in (
        ("apiVersion: k0s.k0sproject.io/v1beta1\nkind: Cluster\n", "k0s.yaml"),
        ("apiVersion: k0s.k0sproject.io/v1beta1\nkind: clusterconfig\n", "k0s.yaml"),
        (
            "apiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\nspec: {}\n---\n"
            "apiVersion: k0s.k0sproject.io/v1beta1\nkind: Cluster\nspec: {}\n",
            "k0sctl.yaml",
        ),
    ):
        (finding,) = lint(text, [RULE], filename=filename)
        assert finding.fix is not None and finding.fix.applicability.value == "unsafe", text


def test_missing_api_version_in_k0smotron_cluster_is_an_error_with_a_safe_fix() -> None:
    text = "apiVersion: k0smotron.io/v1beta1\nkind: Cluster\nspec:\n  k0sConfig:\n    spec: {}\n"

    def findings(current: str) -> list[Finding]:
        return lint(current, [RULE])

    (finding,) = findings(text)
    assert finding.severity is Severity.ERROR
    assert finding.fix is not None and finding.fix.applicability.value == "safe"
    outcome, remaining = fix_text(text, findings, unsafe=False)
    assert (outcome.text, remaining) == (text + "    apiVersion: k0s.k0sproject.io/v1beta1\n", [])
