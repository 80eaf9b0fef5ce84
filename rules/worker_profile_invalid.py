"""K0S206 worker-profile-invalid: a worker profile fails k0s's validation."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    ConfigDocument,
    Finding,
    MappingNode,
    Rule,
    RuleContext,
    ScalarNode,
    SequenceNode,
    Severity,
    is_placeholder,
    string_value,
    walk_json,
)

from ._net import dns1123_label_problems
from ._versions import since

PROHIBITED_UP_TO_1_33 = ("clusterDNS", "clusterDomain", "apiVersion", "kind", "staticPodURL")
KUBELET_API_VERSION, KUBELET_KIND = "kubelet.config.k8s.io/v1beta1", "KubeletConfiguration"


class WorkerProfileInvalid(Rule):
    """## What it does
    Runs k0s's `WorkerProfile.Validate()` (pkg/apis/k0s/v1beta1/workerprofile.go):

    - 1.26 - 1.33: `values` must be a mapping and must not set `clusterDNS`,
      `clusterDomain`, `apiVersion`, `kind` or `staticPodURL`; a profile without `values`
      makes k0s fail (1.26.0 - 1.26.7, 1.27.1 - 1.27.4: `unexpected end of JSON input`) or
      crash (1.26.8 - 1.26.15, 1.27.5 - 1.33.x: a nil dereference);
    - 1.34+: `name` must be a DNS-1123 label; `values.apiVersion` may only be
      `kubelet.config.k8s.io/v1beta1` and `values.kind` only `KubeletConfiguration`;
      `clusterDNS`, `clusterDomain` and `staticPodURL` are forbidden. (k0s then runs the full
      upstream kubelet validation, which k0slint does not reproduce.)

    ## Why is this bad?
    k0s refuses the config, or crashes on start.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      workerProfiles:
        - name: High_Memory
          values:
            clusterDomain: acme.internal
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      network:
        clusterDomain: acme.internal
      workerProfiles:
        - name: high-memory
          values:
            maxPods: 250
    ```

    ## Fix safety
    No fix.

    ## Options
    None. Placeholders (`<profile>`) are not judged (README "Placeholders").
    """

    code = "K0S206"
    name = "worker-profile-invalid"
    severity = Severity.ERROR
    summary = "A worker profile fails k0s's validation"
    tags = ("validation",)

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        profiles = walk_json(context.spec, ("workerProfiles",))
        for index, profile in enumerate(profiles.items if isinstance(profiles, SequenceNode) else []):
            if not isinstance(profile, MappingNode):
                continue
            if since(context.release, "1.34.1"):
                yield from self._current(document, index, profile)
            else:
                yield from self._legacy(document, context, index, profile)

    def _legacy(
        self, document: ConfigDocument, context: RuleContext, index: int, profile: MappingNode
    ) -> Iterator[Finding]:
        values = profile.get_json("values")
        if values is None or (isinstance(values, ScalarNode) and values.value is None):
            crashes = since(context.release, "1.26.8") and (
                context.release.version.minor_key != (1, 27) or since(context.release, "1.27.5")
            )
            what = "crashes (nil dereference)" if crashes else "fails: unexpected end of JSON input"
            yield self.report(
                document, profile, f"workerProfiles[{index}] has no values: k0s {context.release.name} {what}"
            )
            return
        if not isinstance(values, MappingNode):
            yield self.report(document, values, f"workerProfiles[{index}].values must be a mapping")
            return
        for key in PROHIBITED_UP_TO_1_33:
            found = values.json_key(key) if key in values else None
            if found is not None:
                key_node = values.key_node(found)
                assert key_node is not None
                yield self.report(
                    document, key_node, f"field `{key}` is prohibited to override in worker profile"
                )

    def _current(self, document: ConfigDocument, index: int, profile: MappingNode) -> Iterator[Finding]:
        name = profile.get_json("name")
        text = string_value(name) or ""
        if not text:
            yield self.report(document, name or profile, f"workerProfiles[{index}].name is required")
        elif not is_placeholder(text):
            problems = dns1123_label_problems(text)
            if problems:
                assert name is not None
                yield self.report(
                    document, name, f"workerProfiles[{index}].name {text!r}: {', '.join(problems)}"
                )
        values = profile.get_json("values")
        if not isinstance(values, MappingNode):
            return
        for key, expected in (("apiVersion", KUBELET_API_VERSION), ("kind", KUBELET_KIND)):
            node = values.get(key)
            if (
                isinstance(node, ScalarNode)
                and node.value not in (None, "", expected)
                and not is_placeholder(node.value)
            ):
                yield self.report(
                    document, node, f"workerProfiles[{index}].values.{key}: expected {expected!r}"
                )
        for key in ("clusterDNS", "clusterDomain", "staticPodURL"):
            node = values.get(key)
            if node is not None and not (isinstance(node, ScalarNode) and node.value in (None, "")):
                key_node = values.key_node(key)
                assert key_node is not None
                yield self.report(
                    document,
                    key_node,
                    f"workerProfiles[{index}].values.{key} may not be used in k0s worker profiles",
                )
