from __future__ import annotations

import pytest

from k0slint.rules.schema_violation import SchemaViolation
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint
from tests.rules._configs import spec

RULE = SchemaViolation

VALID = [
    # TestNetworkValidation_Custom / _Calico; TestEmptyClusterSpec
    Valid(spec("network:\n  provider: custom\n")),
    Valid(spec("network:\n  provider: calico\n")),
    # k0s puts IfNotPresent in an empty policy (k0s's own code, v1.27.2 - v1.33.8: conformance F4).
    Valid(spec("images:\n  default_pull_policy: ''\n")),
    Valid("apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec: {}\n"),
    # TestNullValues: every section null is re-defaulted.
    Valid(
        spec(
            "images: null\nstorage: null\nnetwork: null\napi: null\nextensions: null\ncontrollerManager: null\n"
            "scheduler: null\ninstallConfig: null\ntelemetry: null\nkonnectivity: null\n"
        )
    ),
    Valid(spec("extensions:\n  storage: null\n")),
    # kube-proxy mode is not checked when kube-proxy is disabled (valid_proxy_disabled_for_dualstack).
    Valid(spec("network:\n  kubeProxy:\n    disabled: true\n    mode: foobar\n")),
    Valid(spec("network:\n  kubeProxy:\n    mode: nftables\n"), k0s_version="1.31.1"),
    Valid(spec("network:\n  calico:\n    mode: ''\n"), k0s_version="1.30"),
    Valid(spec("storage:\n  type: bogus\n"), k0s_version="1.30"),
    Valid(spec("storage:\n  type: kine\n"), k0s_version="1.31"),
    # 0 means "the default" for these ports; ranges start in 1.30 for the API ports.
    Valid(spec("api:\n  port: 0\n  k0sApiPort: 0\n")),
    Valid(spec("api:\n  port: 70000\n"), k0s_version="1.29"),
    # json.Marshal prints 6443.0 as 6443: k0s takes it as an int.
    Valid(spec("api:\n  port: 6443.0\n")),
    Valid(spec("network:\n  nodeLocalLoadBalancing:\n    type: Traefik\n"), k0s_version="1.36.1"),
    Valid(
        spec(
            "network:\n  controlPlaneLoadBalancing:\n    keepalived:\n      vrrpInstances:\n        - virtualRouterID: 0\n"
        ),
        k0s_version="1.30",
    ),
    # Templates are not judged.
    Valid(spec("api:\n  port: '{{ .Values.port }}'\n")),
    Valid(spec("api:\n  address: {{ k0s_address }}\n")),
    # Field names match ignoring case, as k0s's decoder does.
    Valid(spec("Network:\n  Provider: calico\n")),
]

INVALID = [
    # TestNetworkValidation_Invalid
    Invalid(
        spec("network:\n  provider: invalidProvider\n"),
        at=[(5, 15)],
        message="spec.network.provider: 'invalidProvider' is not one of 'kuberouter', 'calico', 'custom'",
    ),
    Invalid(spec("network:\n  provider: calicoo\n"), at=[(5, 15)], message="did you mean 'calico'?"),
    # network_test invalid_mode_for_kube_proxy; nftables from v1.31.1.
    Invalid(spec("network:\n  kubeProxy:\n    mode: foobar\n"), at=[(6, 13)]),
    Invalid(spec("network:\n  kubeProxy:\n    mode: nftables\n"), at=[(6, 13)], k0s_version="1.30.14"),
    Invalid(
        spec("images:\n  default_pull_policy: Foo\n"),
        at=[(5, 26)],
        message="'Foo' is not one of '', 'Always'",
    ),
    Invalid(spec("network:\n  calico:\n    mode: ''\n"), at=[(6, 13)], k0s_version="1.31.1"),
    Invalid(
        spec("network:\n  nodeLocalLoadBalancing:\n    type: Traefik\n"), at=[(6, 13)], k0s_version="1.35"
    ),
    Invalid(
        spec("network:\n  nodeLocalLoadBalancing:\n    envoyProxy:\n      imagePullPolicy: Sometimes\n"),
        at=[(7, 26)],
    ),
    Invalid(spec("konnectivity:\n  adminPort: 0\n"), at=[(5, 16)], message="out of range"),
    Invalid(spec("api:\n  port: 70000\n"), at=[(5, 11)], k0s_version="1.30"),
    # storage_test: bogus type from v1.31.1
    Invalid(spec("storage:\n  type: bogus\n"), at=[(5, 11)], k0s_version="1.31.1"),
    Invalid(spec("network:\n  primaryAddressFamily: IPv5\n"), at=[(5, 27)], k0s_version="1.34"),
    # Types: what k0s's JSON decoder refuses.
    Invalid(
        spec('api:\n  port: "6443"\n'),
        at=[(5, 11)],
        message="spec.api.port: expected an integer, got a string",
    ),
    Invalid(
        spec('telemetry:\n  enabled: "true"\n'), at=[(5, 14)], message="expected a boolean, got a string"
    ),
    Invalid(
        spec("images:\n  pause:\n    version: 3.10\n"),
        at=[(6, 16)],
        message="spec.images.pause.version: expected a string, got a number ('3.10' reads as 3.1 in YAML; quote it)",
    ),
    Invalid(
        spec("extensions:\n  helm:\n    charts:\n      - name: x\n        values:\n          replicas: 2\n"),
        at=[(9, 13)],
        message="helm chart values are a YAML string: write `values: |`",
    ),
    Invalid(spec("workerProfiles: worker\n"), at=[(4, 19)], message="expected a list, got a string"),
    Invalid(spec("network:\n  podCIDR: .inf\n"), at=[(5, 14)], message="has no JSON form"),
    Invalid(
        spec(
            "network:\n  controlPlaneLoadBalancing:\n    keepalived:\n      virtualServers:\n        - lbAlgo: fastest\n"
        ),
        at=[(8, 21)],
        k0s_version="1.30",
    ),
    # patches_test: patch type bogus (1.36.1+)
    Invalid(
        spec(
            "metricsServer:\n  patches:\n    - target: {kind: Deployment, name: metrics-server}\n      patch: {type: bogus}\n"
        ),
        at=[(7, 23)],
        k0s_version="1.36",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


def test_a_number_where_k0s_wants_a_string_is_quoted_by_the_fix() -> None:
    (finding,) = lint(spec("images:\n  pause:\n    version: 3.10\n"), [RULE])
    assert finding.fix is not None and finding.fix.applicability.value == "safe"
    assert finding.fix.title == "quote 3.10"
