"""What each k0slint rule claims about k0s's verdict on a config: the one place that says so.

`LOAD`: k0s will not load the config (decode error or panic in `ClusterConfig.UnmarshalJSON`).
`VALIDATE`: the config loads and `ClusterConfig.Validate()` fails.
`REFUSE`: one of the two; which one depends on the value (K0S002: a wrong type fails the
decode, a bad enum value fails Validate).
`ADVISORY`: says nothing about loading or validation (image placement, ignored keys, style).
A rule classified `VALIDATE` from a tag on (`since`) is `ADVISORY` before it: k0s did not
check that yet, k0slint still reports what no runtime can pull. A finding whose message
matches `advisory` is `ADVISORY` whatever the tag (K0S108 on an image that carries a tag:
k0s never checks that). Only error-severity findings count.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

from conformance.oracle import tag_key


class Claim(Enum):
    LOAD = "load"
    VALIDATE = "validate"
    REFUSE = "refuse"
    ADVISORY = "advisory"


class Classification(NamedTuple):
    claim: Claim
    since: str | None = None
    why: str = ""
    advisory: re.Pattern[str] | None = None


CLASSIFICATION: dict[str, Classification] = {
    "K0S001": Classification(Claim.LOAD, why="not YAML: the decode fails"),
    "K0S002": Classification(Claim.REFUSE, why="wrong type fails the decode, bad enum fails Validate"),
    "K0S003": Classification(Claim.LOAD, why="DisallowUnknownFields in the strict sections"),
    "K0S004": Classification(Claim.ADVISORY, why="k0s drops or forgives the key"),
    "K0S005": Classification(Claim.ADVISORY, why="k0s never checks apiVersion/kind"),
    "K0S006": Classification(Claim.LOAD, why="sigs.k8s.io/yaml refuses duplicate keys"),
    "K0S007": Classification(Claim.ADVISORY, why="encoding/json matches keys case-insensitively"),
    "K0S008": Classification(Claim.ADVISORY, why="about k0slint suppressions"),
    "K0S009": Classification(Claim.ADVISORY, why="about k0slint suppressions"),
    "K0S101": Classification(Claim.ADVISORY, why="image placement"),
    "K0S102": Classification(Claim.ADVISORY, why="image placement"),
    "K0S103": Classification(Claim.ADVISORY, why="image placement"),
    "K0S104": Classification(Claim.ADVISORY, why="image placement"),
    "K0S105": Classification(Claim.ADVISORY, why="k0s never validates the repository"),
    "K0S106": Classification(Claim.ADVISORY, why="site policy"),
    "K0S107": Classification(Claim.ADVISORY, why="image placement of helm charts"),
    "K0S108": Classification(
        Claim.VALIDATE,
        "v1.31.1+k0s.0",
        "ImageSpec.Validate (spec.images from 1.31.1): empty or padded image, version pattern",
        re.compile(r"carries a (tag|digest)|which is not an image reference"),
    ),
    "K0S109": Classification(Claim.ADVISORY, why="site policy"),
    "K0S110": Classification(Claim.ADVISORY, why="image placement (k0s rewrites it into the repository)"),
    "K0S201": Classification(Claim.VALIDATE, why="APISpec.Validate"),
    "K0S202": Classification(Claim.VALIDATE, why="ClusterSpec.Validate: NLLB with externalAddress"),
    "K0S203": Classification(Claim.VALIDATE, why="Network.Validate"),
    "K0S204": Classification(Claim.VALIDATE, why="StorageSpec.Validate"),
    "K0S205": Classification(Claim.VALIDATE, why="HelmExtensions.Validate"),
    "K0S206": Classification(Claim.VALIDATE, why="WorkerProfiles.Validate"),
    "K0S207": Classification(Claim.VALIDATE, why="StorageExtension.Validate up to 1.30 (warning after)"),
    "K0S208": Classification(Claim.LOAD, why="nil dereference in the repository override: a panic"),
    "K0S209": Classification(Claim.VALIDATE, why="ControlPlaneLoadBalancingSpec.Validate"),
}


def claim(code: str, tag: str, message: str = "") -> Claim:
    """What an error finding of `code` with `message` claims at `tag`; unknown codes are advisory."""
    entry = CLASSIFICATION.get(code)
    if entry is None:
        return Claim.ADVISORY
    if entry.since is not None and tag_key(tag) < tag_key(entry.since):
        return Claim.ADVISORY
    if entry.advisory is not None and entry.advisory.search(message):
        return Claim.ADVISORY
    return entry.claim


def explains(code: str, message: str = "") -> Claim:
    """What a finding can account for at some tag: its claim, ignoring `since`."""
    entry = CLASSIFICATION.get(code)
    if entry is None or (entry.advisory is not None and entry.advisory.search(message)):
        return Claim.ADVISORY
    return entry.claim
