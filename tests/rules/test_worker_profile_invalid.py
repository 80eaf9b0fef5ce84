"""K0S206 worker-profile-invalid: workerprofile_test.go TestWorkerProfiles (1.34.1+) and
TestWorkerProfile (1.26 - 1.33)."""

from __future__ import annotations

import pytest

from k0slint.rules.worker_profile_invalid import WorkerProfileInvalid
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid
from tests.rules._configs import spec

RULE = WorkerProfileInvalid


def profile(body: str) -> str:
    return spec("workerProfiles:\n" + "".join(f"  {line}\n" for line in body.splitlines()))


VALID = [
    Valid(profile("- name: legit\n  values: {}"), k0s_version="1.34.1"),
    Valid(profile("- name: t\n  values: {cpuManagerPolicy: static}"), k0s_version="1.34.1"),
    Valid(profile("- name: Any_Name\n  values: {}"), k0s_version="1.33"),
    Valid(profile("- name: t"), k0s_version="1.34.1"),
]
INVALID = [
    # TestWorkerProfiles (1.34.1+)
    Invalid(
        profile("- name: ''\n  values: {}"),
        at=[(5, 13)],
        k0s_version="1.34.1",
        message="name is required",
    ),
    Invalid(
        profile("- name: -me -not -DNS -name\n  values: {}"),
        at=[(5, 13)],
        k0s_version="1.36",
        message="a lowercase RFC 1123 label",
    ),
    Invalid(
        profile("- name: sixty-four-characters-looooooooooooooooooooooooooooooooooooooong\n  values: {}"),
        at=[(5, 13)],
        k0s_version="1.36",
        message="must be no more than 63 characters",
    ),
    Invalid(
        profile("- name: t\n  values: {apiVersion: v2}"),
        at=[(6, 28)],
        k0s_version="1.34.1",
        message="expected 'kubelet.config.k8s.io/v1beta1'",
    ),
    Invalid(
        profile("- name: t\n  values: {kind: Controller}"),
        at=[(6, 22)],
        k0s_version="1.34.1",
        message="expected 'KubeletConfiguration'",
    ),
    Invalid(
        profile("- name: t\n  values: {clusterDNS: [bogus]}"),
        at=[(6, 16)],
        k0s_version="1.34.1",
        message="may not be used",
    ),
    # TestWorkerProfile (1.26 - 1.33)
    Invalid(
        profile("- name: t\n  values: {clusterDNS: 8.8.8.8}"),
        at=[(6, 16)],
        k0s_version="1.30",
        message="prohibited",
    ),
    Invalid(profile("- name: t\n  values: {staticPodURL: x}"), at=[(6, 16)], k0s_version="1.26"),
    Invalid(profile("- name: t"), at=[(5, 7)], k0s_version="1.30", message="crashes (nil dereference)"),
    Invalid(profile("- name: t"), at=[(5, 7)], k0s_version="1.27.4", message="unexpected end of JSON input"),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
