"""K0S204 storage-invalid: storage_test.go TestValidation."""

from __future__ import annotations

import pytest

from k0slint.rules.storage_invalid import StorageInvalid
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid
from tests.rules._configs import spec

RULE = StorageInvalid


def external(body: str) -> str:
    return spec(
        "storage:\n  type: etcd\n  etcd:\n    externalCluster:\n"
        + "".join(f"      {line}\n" for line in body.splitlines())
    )


VALID = [
    Valid(spec("storage:\n  type: etcd\n  etcd:\n    peerAddress: 192.168.10.10\n")),
    Valid(external("endpoints: [http://192.168.10.10]\netcdPrefix: tenant-1")),
    Valid(
        external(
            "endpoints: [http://192.168.10.10]\netcdPrefix: t\ncaFile: a\nclientCertFile: b\nclientKeyFile: c"
        )
    ),
]
INVALID = [
    Invalid(external("etcdPrefix: t"), at=[(8, 9)], message="endpoints cannot be null or empty"),
    Invalid(
        external('endpoints: ["http://192.168.10.2:2379", ""]\netcdPrefix: t'),
        at=[(8, 20)],
        message="cannot contain empty strings",
    ),
    Invalid(
        external("endpoints: [http://192.168.10.10]\netcdPrefix: t\nclientCertFile: b"),
        at=[(8, 9)],
        message="all TLS properties",
    ),
    Invalid(
        external("endpoints: []\netcdPrefix: ''"),
        at=[(8, 20), (9, 21)],
        message="etcdPrefix cannot be empty",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
