#!/usr/bin/env python3
"""Generate schemas/k0s-<minor>.json from the ClusterConfig CRDs in ../shared/k0s/crds/.

Each CRD is k0s's own (controller-gen output at the latest patch tag of the minor, see
../shared/k0s/README.md). Its openAPIV3Schema becomes a JSON Schema (draft 7), adjusted
where k0s reading a config file differs from the CRD (facts read from k0sproject/k0s,
pkg/apis/k0s/v1beta1/ at the tags in SOURCES; the API package is
pkg/apis/k0s.k0sproject.io/v1beta1/ in 1.26/1.27):

- RE2 `[[:xdigit:]]` becomes `[0-9A-Fa-f]`; `x-kubernetes-int-or-string` an anyOf of integer
  and string; `x-kubernetes-preserve-unknown-fields` accepts anything.
- `null` is accepted everywhere: Go's encoding/json never fails on null (it clears a pointer
  or leaves a value alone), and k0s re-defaults nil sections (TestNullValues).
- No `required`, `minLength`, `format`, item counts, and no constraints on ImageSpecs: k0s
  decodes partial ImageSpecs and checks them in ImageSpec.Validate() per release (rule
  K0S108); its other required fields are checked by Validate() with its own messages (rules
  K0S2xx).
- Port and counter minimums allow 0 where k0s puts its default back for 0 (api.port,
  api.k0sApiPort 1.30+, nodeLocalLoadBalancing apiServerBindPort, keepalived
  virtualRouterID, advertIntervalSeconds, persistenceTimeoutSeconds,
  userSpaceProxyBindPort).
- Enums k0s checks although its CRD has none: network.provider (Network.Validate, all
  releases), network.primaryAddressFamily ("", IPv4, IPv6; v1.34.1+) and
  network.kubeProxy.mode unless kube-proxy is disabled (KubeProxy.Validate: iptables, ipvs,
  userspace; nftables from v1.31.1).
- `additionalProperties: false` where k0s decodes strictly (ClusterConfig.UnmarshalJSON uses
  DisallowUnknownFields; the types with their own UnmarshalJSON - Network, ClusterImages,
  StorageSpec, and APISpec from v1.30.0 - drop unknown keys). metadata is a Kubernetes
  ObjectMeta, decoded strictly.
- The keys k0s forgives after a failed strict decode (strictyaml.YamlUnmarshalStrictIgnoringFields:
  spec.podSecurityPolicy, spec.telemetry.interval) are allowed.

Usage: python scripts/gen_schemas.py [--shared ../shared] [--check]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
MINORS = ["1.26", "1.27", "1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36"]
TAGS = {
    "1.26": "v1.26.15+k0s.0",
    "1.27": "v1.27.16+k0s.0",
    "1.28": "v1.28.15+k0s.0",
    "1.29": "v1.29.15+k0s.0",
    "1.30": "v1.30.14+k0s.0",
    "1.31": "v1.31.14+k0s.0",
    "1.32": "v1.32.13+k0s.0",
    "1.33": "v1.33.13+k0s.1",
    "1.34": "v1.34.10+k0s.0",
    "1.35": "v1.35.7+k0s.0",
    "1.36": "v1.36.3+k0s.2",
}
FORGIVEN = "k0s refuses this key, then forgives the error (strictyaml.YamlUnmarshalStrictIgnoringFields)"
PANICS = (
    "k0s means to forgive this key (strictyaml.YamlUnmarshalStrictIgnoringFields) but dereferences a "
    "nil error and panics: the config does not load (k0s's own code, v1.27.2 - v1.33.8+k0s.1)"
)
DROPPED = ("required", "minLength", "maxLength", "format", "minItems", "maxItems", "description")
ZERO_MEANS_DEFAULT = {
    "spec.api.port",
    "spec.api.k0sApiPort",
    "spec.network.nodeLocalLoadBalancing.envoyProxy.apiServerBindPort",
    "spec.network.nodeLocalLoadBalancing.traefik.apiServerBindPort",
    "spec.network.controlPlaneLoadBalancing.keepalived.vrrpInstances[].virtualRouterID",
    "spec.network.controlPlaneLoadBalancing.keepalived.vrrpInstances[].advertIntervalSeconds",
    "spec.network.controlPlaneLoadBalancing.keepalived.virtualServers[].persistenceTimeoutSeconds",
    "spec.network.controlPlaneLoadBalancing.keepalived.userSpaceProxyBindPort",
}
OBJECT_META: dict[str, Any] = {
    "type": "object",
    "properties": {
        **{key: {"type": "string"} for key in ("name", "generateName", "namespace", "selfLink", "uid")},
        "resourceVersion": {"type": "string"},
        "generation": {"type": "integer"},
        "creationTimestamp": {"type": "string"},
        "deletionTimestamp": {"type": "string"},
        "deletionGracePeriodSeconds": {"type": "integer"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
        "ownerReferences": {"type": "array", "items": {"type": "object"}},
        "finalizers": {"type": "array", "items": {"type": "string"}},
        "managedFields": {"type": "array", "items": {"type": "object"}},
    },
}


def minor_key(minor: str) -> tuple[int, int]:
    major, minor_number = minor.split(".")
    return int(major), int(minor_number)


def lenient_roots(minor: str) -> tuple[str, ...]:
    roots = ("spec.network", "spec.storage", "spec.images")
    return (*roots, "spec.api") if minor_key(minor) >= (1, 30) else roots


def convert(node: Any, path: str, minor: str) -> Any:
    """One CRD schema node as JSON Schema, children first."""
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in DROPPED or key.startswith("x-kubernetes-list"):
            continue
        if key == "properties":
            out[key] = {
                name: convert(child, f"{path}.{name}".lstrip("."), minor) for name, child in value.items()
            }
        elif key == "items":
            out[key] = convert(value, f"{path}[]", minor)
        elif key == "additionalProperties" and isinstance(value, dict):
            out[key] = convert(value, f"{path}{{}}", minor)
        elif key == "pattern":
            out[key] = value.replace("[[:xdigit:]]", "[0-9A-Fa-f]")
        else:
            out[key] = copy.deepcopy(value)
    if out.pop("x-kubernetes-int-or-string", False):
        out.pop("type", None)
        out["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if out.pop("x-kubernetes-preserve-unknown-fields", False):
        out.pop("type", None)
        out.pop("properties", None)
    if path in ZERO_MEANS_DEFAULT and out.get("minimum") == 1:
        out["minimum"] = 0
    if _is_image_spec(out):
        for child in out["properties"].values():
            child.pop("pattern", None)
    if "properties" in out and not _within(path, lenient_roots(minor)):
        out["additionalProperties"] = False
    return out


def _is_image_spec(node: dict[str, Any]) -> bool:
    return set(node.get("properties", {})) == {"image", "version"}


def _within(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith((f"{root}.", f"{root}[")) for root in roots)


def nullable(node: Any) -> Any:
    """Let every value be null, as Go's JSON decoder does."""
    if isinstance(node, dict):
        node = {key: nullable(value) for key, value in node.items()}
        kind = node.get("type")
        if isinstance(kind, str):
            node["type"] = [kind, "null"]
        elif "anyOf" in node:
            node["anyOf"] = [*node["anyOf"], {"type": "null"}]
        if "enum" in node and None not in node["enum"]:
            node["enum"] = [*node["enum"], None]
        return node
    if isinstance(node, list):
        return [nullable(item) for item in node]
    return node


def adjust(schema: dict[str, Any], minor: str) -> None:
    properties = schema["properties"]
    properties["metadata"] = convert(OBJECT_META, "metadata", minor)
    properties["status"] = {"type": "object", "properties": {}, "additionalProperties": False}
    spec = properties["spec"]["properties"]
    spec["podSecurityPolicy"] = {"$comment": FORGIVEN}
    spec["telemetry"]["properties"]["interval"] = {"$comment": PANICS}
    network = spec["network"]["properties"]
    network["provider"]["enum"] = ["kuberouter", "calico", "custom"]
    modes = ["iptables", "ipvs", "userspace"] + (["nftables"] if minor_key(minor) >= (1, 31) else [])
    if "primaryAddressFamily" in network:
        # Network.Validate (v1.34.1+): "", IPv4 or IPv6.
        network["primaryAddressFamily"]["enum"] = ["", "IPv4", "IPv6"]
    pull_policy = spec["images"]["properties"]["default_pull_policy"]
    if "enum" in pull_policy and "" not in pull_policy["enum"]:
        # ClusterImages.UnmarshalJSON puts IfNotPresent in an empty policy: k0s's own code
        # loads and validates `default_pull_policy: ""` at every release the oracle ran,
        # v1.27.2 - v1.33.8+k0s.1 (conformance/FINDINGS.md, F4).
        pull_policy["enum"] = ["", *pull_policy["enum"]]
    kube_proxy = network["kubeProxy"]
    kube_proxy["if"] = {"properties": {"disabled": {"const": True}}, "required": ["disabled"]}
    kube_proxy["else"] = {"properties": {"mode": {"enum": modes}}}


def build(crd_text: str, minor: str) -> dict[str, Any]:
    crd = yaml.safe_load(crd_text)
    (version,) = [v for v in crd["spec"]["versions"] if v["name"] == "v1beta1"]
    schema = convert(version["schema"]["openAPIV3Schema"], "", minor)
    adjust(schema, minor)
    schema = nullable(schema)
    schema["type"] = "object"
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"https://k0slint.dev/schemas/k0s-{minor}.json",
        "title": f"k0s ClusterConfig (k0s.k0sproject.io/v1beta1), k0s {minor}",
        "description": (
            f"Generated by k0slint scripts/gen_schemas.py from the ClusterConfig CRD of k0s {TAGS[minor]} "
            "(Apache-2.0, https://github.com/k0sproject/k0s), adjusted to what k0s accepts when it reads "
            "a config file."
        ),
        **schema,
    }


def render(data: Any) -> str:
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def generate(shared: Path) -> dict[str, str]:
    files: dict[str, str] = {}
    sources: dict[str, Any] = {}
    for minor in MINORS:
        crd_path = shared / "k0s" / "crds" / minor / "clusterconfig.yaml"
        crd_text = crd_path.read_text()
        text = render(build(crd_text, minor))
        name = f"k0s-{minor}.json"
        files[name] = text
        sources[name] = {
            "k0s_tag": TAGS[minor],
            "crd": "static/_crds/k0s/k0s.k0sproject.io_clusterconfigs.yaml (see ../shared/k0s/README.md)",
            "crd_sha256": hashlib.sha256(crd_text.encode()).hexdigest(),
            "schema_sha256": hashlib.sha256(text.encode()).hexdigest(),
        }
    files["SOURCES.json"] = render(sources)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    files = generate(args.shared)
    stale = [
        name
        for name, text in files.items()
        if not (SCHEMAS / name).is_file() or (SCHEMAS / name).read_text() != text
    ]
    if args.check:
        for name in stale:
            print(f"schemas/{name} is out of date; run scripts/gen_schemas.py", file=sys.stderr)
        return 1 if stale else 0
    for name, text in files.items():
        (SCHEMAS / name).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
