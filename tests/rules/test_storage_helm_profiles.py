"""K0S204 (storage_test.go), K0S205 (extenstions_test.go), K0S206 (workerprofile_test.go),
K0S207 (storageextensions, validate_test.go 1.28.3-1.30), K0S208, K0S209 (cplb_test.go)."""

from __future__ import annotations

import pytest

from k0slint.lint.findings import Severity
from k0slint.lint.rule import Rule
from k0slint.rules.cplb_invalid import CplbInvalid
from k0slint.rules.helm_extension_invalid import HelmExtensionInvalid
from k0slint.rules.null_section_crash import NullSectionCrash
from k0slint.rules.storage_extension import StorageExtension
from k0slint.rules.storage_invalid import StorageInvalid
from k0slint.rules.worker_profile_invalid import WorkerProfileInvalid
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint
from tests.rules._configs import spec


def external(body: str) -> str:
    return spec(
        "storage:\n  type: etcd\n  etcd:\n    externalCluster:\n"
        + "".join(f"      {line}\n" for line in body.splitlines())
    )


def chart(body: str) -> str:
    return spec(
        "extensions:\n  helm:\n    charts:\n" + "".join(f"      {line}\n" for line in body.splitlines())
    )


def profile(body: str) -> str:
    return spec("workerProfiles:\n" + "".join(f"  {line}\n" for line in body.splitlines()))


def vrrp(body: str) -> str:
    return spec(
        "network:\n  controlPlaneLoadBalancing:\n    enabled: true\n    keepalived:\n      vrrpInstances:\n"
        + "".join(f"        {line}\n" for line in body.splitlines())
    )


CASES: list[tuple[type[Rule], Valid | Invalid]] = [
    # storage_test.go TestValidation
    (StorageInvalid, Valid(spec("storage:\n  type: etcd\n  etcd:\n    peerAddress: 192.168.10.10\n"))),
    (StorageInvalid, Valid(external("endpoints: [http://192.168.10.10]\netcdPrefix: tenant-1"))),
    (
        StorageInvalid,
        Valid(
            external(
                "endpoints: [http://192.168.10.10]\netcdPrefix: t\ncaFile: a\nclientCertFile: b\nclientKeyFile: c"
            )
        ),
    ),
    (
        StorageInvalid,
        Invalid(external("etcdPrefix: t"), at=[(8, 9)], message="endpoints cannot be null or empty"),
    ),
    (
        StorageInvalid,
        Invalid(
            external('endpoints: ["http://192.168.10.2:2379", ""]\netcdPrefix: t'),
            at=[(8, 20)],
            message="cannot contain empty strings",
        ),
    ),
    (
        StorageInvalid,
        Invalid(
            external("endpoints: [http://192.168.10.10]\netcdPrefix: t\nclientCertFile: b"),
            at=[(8, 9)],
            message="all TLS properties",
        ),
    ),
    (
        StorageInvalid,
        Invalid(
            external("endpoints: []\netcdPrefix: ''"),
            at=[(8, 20), (9, 21)],
            message="etcdPrefix cannot be empty",
        ),
    ),
    # extenstions_test.go TestValidation
    (HelmExtensionInvalid, Valid(chart("- name: release\n  chartname: k0s/chart\n  namespace: default"))),
    (
        HelmExtensionInvalid,
        Invalid(
            chart("- name: ''\n  chartname: k0s/chart\n  namespace: default"),
            at=[(7, 11)],
            message="needs a name",
        ),
    ),
    (
        HelmExtensionInvalid,
        Invalid(chart("- name: release\n  chartname: k0s/chart"), at=[(7, 11)], message="needs a namespace"),
    ),
    (
        HelmExtensionInvalid,
        Invalid(chart("- name: release\n  namespace: default"), at=[(7, 11)], message="needs a chartname"),
    ),
    (
        HelmExtensionInvalid,
        Invalid(
            chart("- name: My_Release\n  chartname: c\n  namespace: d"),
            at=[(7, 17)],
            message="not a valid helm release name",
        ),
    ),
    (
        HelmExtensionInvalid,
        Valid(
            spec(
                "extensions:\n  helm:\n    repositories:\n      - name: repo\n        url: http://charts.helm.sh\n"
            )
        ),
    ),
    (
        HelmExtensionInvalid,
        Invalid(
            spec("extensions:\n  helm:\n    repositories:\n      - name: repo\n"),
            at=[(7, 11)],
            message="needs a url",
        ),
    ),
    (
        HelmExtensionInvalid,
        Invalid(
            spec("extensions:\n  helm:\n    repositories:\n      - url: http://x\n"),
            at=[(7, 11)],
            message="needs a name",
        ),
    ),
    # workerprofile_test.go TestWorkerProfiles (1.34.1+)
    (WorkerProfileInvalid, Valid(profile("- name: legit\n  values: {}"), k0s_version="1.34.1")),
    (
        WorkerProfileInvalid,
        Invalid(
            profile("- name: ''\n  values: {}"),
            at=[(5, 13)],
            k0s_version="1.34.1",
            message="name is required",
        ),
    ),
    (
        WorkerProfileInvalid,
        Invalid(
            profile("- name: -me -not -DNS -name\n  values: {}"),
            at=[(5, 13)],
            k0s_version="1.36",
            message="a lowercase RFC 1123 label",
        ),
    ),
    (
        WorkerProfileInvalid,
        Invalid(
            profile("- name: sixty-four-characters-looooooooooooooooooooooooooooooooooooooong\n  values: {}"),
            at=[(5, 13)],
            k0s_version="1.36",
            message="must be no more than 63 characters",
        ),
    ),
    (
        WorkerProfileInvalid,
        Invalid(
            profile("- name: t\n  values: {apiVersion: v2}"),
            at=[(6, 28)],
            k0s_version="1.34.1",
            message="expected 'kubelet.config.k8s.io/v1beta1'",
        ),
    ),
    (
        WorkerProfileInvalid,
        Invalid(
            profile("- name: t\n  values: {kind: Controller}"),
            at=[(6, 22)],
            k0s_version="1.34.1",
            message="expected 'KubeletConfiguration'",
        ),
    ),
    (
        WorkerProfileInvalid,
        Invalid(
            profile("- name: t\n  values: {clusterDNS: [bogus]}"),
            at=[(6, 16)],
            k0s_version="1.34.1",
            message="may not be used",
        ),
    ),
    (
        WorkerProfileInvalid,
        Valid(profile("- name: t\n  values: {cpuManagerPolicy: static}"), k0s_version="1.34.1"),
    ),
    # TestWorkerProfile (1.26 - 1.33)
    (WorkerProfileInvalid, Valid(profile("- name: Any_Name\n  values: {}"), k0s_version="1.33")),
    (
        WorkerProfileInvalid,
        Invalid(
            profile("- name: t\n  values: {clusterDNS: 8.8.8.8}"),
            at=[(6, 16)],
            k0s_version="1.30",
            message="prohibited",
        ),
    ),
    (
        WorkerProfileInvalid,
        Invalid(profile("- name: t\n  values: {staticPodURL: x}"), at=[(6, 16)], k0s_version="1.26"),
    ),
    (
        WorkerProfileInvalid,
        Invalid(profile("- name: t"), at=[(5, 7)], k0s_version="1.30", message="crashes (nil dereference)"),
    ),
    (
        WorkerProfileInvalid,
        Invalid(
            profile("- name: t"), at=[(5, 7)], k0s_version="1.27.4", message="unexpected end of JSON input"
        ),
    ),
    (WorkerProfileInvalid, Valid(profile("- name: t"), k0s_version="1.34.1")),
    # extensions.storage
    (
        StorageExtension,
        Valid(spec("extensions:\n  storage:\n    type: external_storage\n"), k0s_version="1.36"),
    ),
    (
        StorageExtension,
        Valid(spec("extensions:\n  storage:\n    type: openebs_local_storage\n"), k0s_version="1.30"),
    ),
    (
        StorageExtension,
        Invalid(
            spec("extensions:\n  storage:\n    type: openebs_local_storage\n"),
            at=[(6, 13)],
            k0s_version="1.31.1",
            message="no-op",
        ),
    ),
    (
        StorageExtension,
        Invalid(
            spec("extensions:\n  storage:\n    type: nfs\n"),
            at=[(6, 13)],
            k0s_version="1.29",
            message="unknown storage mode `nfs`",
        ),
    ),
    (
        StorageExtension,
        Invalid(
            spec(
                "extensions:\n  storage:\n    type: external_storage\n    create_default_storage_class: true\n"
            ),
            at=[(7, 37)],
            k0s_version="1.30",
            message="default storage class for external_storage",
        ),
    ),
    # null image settings with a repository
    (
        NullSectionCrash,
        Valid(spec("images:\n  repository: r.example.com\n  konnectivity: null\n"), k0s_version="1.31.14"),
    ),
    (NullSectionCrash, Valid(spec("images:\n  konnectivity: null\n"), k0s_version="1.36")),
    (
        NullSectionCrash,
        Invalid(
            spec("images:\n  repository: r.example.com\n  konnectivity: null\n"),
            at=[(6, 5)],
            k0s_version="1.32.1",
            message="crash",
        ),
    ),
    (
        NullSectionCrash,
        Invalid(
            spec("images:\n  repository: r.example.com\n  calico:\n    cni: ~\n"),
            at=[(7, 7)],
            message="images.calico.cni: null",
        ),
    ),
    # cplb_test.go TestValidateVRRPInstances (1.30+)
    (CplbInvalid, Valid(vrrp("- virtualIPs: [192.168.1.1/24]\n  authPass: '123456'"), k0s_version="1.30")),
    (
        CplbInvalid,
        Invalid(
            vrrp("- virtualIPs: [192.168.1.1/24]"),
            at=[(9, 13)],
            k0s_version="1.30",
            message="AuthPass must be defined",
        ),
    ),
    (
        CplbInvalid,
        Invalid(
            vrrp("- virtualIPs: [192.168.1.1/24]\n  authPass: '012345678'"),
            at=[(10, 23)],
            message="8 characters or less",
        ),
    ),
    (
        CplbInvalid,
        Invalid(
            vrrp("- virtualIPs: [192.168.1.1]\n  authPass: x"),
            at=[(9, 26)],
            message="VirtualIPs must be a CIDR",
        ),
    ),
    (
        CplbInvalid,
        Invalid(
            vrrp(
                "- virtualIPs: [192.168.1.1/24]\n  authPass: x\n  unicastSourceIP: example.com\n  unicastPeers: [192.168.1.2]"
            ),
            at=[(11, 30)],
            k0s_version="1.32.1",
            message="valid UnicastSourceIP",
        ),
    ),
    (
        CplbInvalid,
        Invalid(
            vrrp(
                "- virtualIPs: [192.168.1.1/24]\n  authPass: x\n  unicastSourceIP: 192.168.1.1\n  unicastPeers: [192.168.1.1]"
            ),
            at=[(12, 28)],
            k0s_version="1.32.1",
            message="must not contain the UnicastSourceIP",
        ),
    ),
    (
        CplbInvalid,
        Invalid(
            spec(
                "network:\n  controlPlaneLoadBalancing:\n    keepalived:\n      virtualServers:\n"
                "        - ipAddress: INVALID\n"
            ),
            at=[(8, 24)],
            k0s_version="1.30",
            message="invalid IP address: INVALID",
        ),
    ),
    (
        CplbInvalid,
        Invalid(
            spec(
                "network:\n  controlPlaneLoadBalancing:\n    keepalived:\n      virtualServers:\n        - delayLoop: -1ns\n"
            ),
            at=[(8, 13), (8, 24)],
            k0s_version="1.30",
            message="DelayLoop must be positive",
        ),
    ),
    (CplbInvalid, Valid(vrrp("- virtualIPs: [192.168.1.1/24]"), k0s_version="1.29")),
]


@pytest.mark.parametrize(("rule", "case"), CASES, ids=lambda item: getattr(item, "code", ""))
def test_table(rule: type[Rule], case: Valid | Invalid) -> None:
    if isinstance(case, Valid):
        assert_valid(rule, case)
    else:
        assert_invalid(rule, case)


def test_storage_extension_errors_before_1_31_warnings_after() -> None:
    (finding,) = lint(
        spec("extensions:\n  storage:\n    type: nfs\n"), [StorageExtension], k0s_version="1.29"
    )
    assert finding.severity is Severity.ERROR
    (finding,) = lint(
        spec("extensions:\n  storage:\n    type: openebs_local_storage\n"),
        [StorageExtension],
        k0s_version="1.31",
    )
    assert finding.severity is Severity.WARNING
