"""K0S005 not-a-clusterconfig: apiVersion or kind is not that of a k0s ClusterConfig."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    Applicability,
    ConfigDocument,
    DocumentKind,
    Finding,
    Fix,
    InsertKey,
    MappingNode,
    ReplaceValue,
    Rule,
    RuleContext,
    ScalarNode,
    Severity,
    format_path,
    string_scalar,
    walk,
)

API_VERSION = "k0s.k0sproject.io/v1beta1"
KIND = "ClusterConfig"
# The kinds whose config k0smotron renders into a k0smotron.io Cluster's ConfigMap, where any
# apiVersion but API_VERSION, a missing one too, is "unsupported k0s config version"
# (k0smotron v2.1.0 internal/controller/k0smotron.io/k0smotroncluster_configmap.go:62-78;
# a K0smotronControlPlane becomes such a Cluster with its own spec:
# internal/controller/controlplane/k0smotron_controlplane_controller.go:380).
K0SMOTRON_CLUSTER_KINDS = ("Cluster", "K0smotronControlPlane", "K0smotronControlPlaneTemplate")


class NotClusterConfig(Rule):
    """## What it does
    Checks the header of each ClusterConfig: `apiVersion: k0s.k0sproject.io/v1beta1` and
    `kind: ClusterConfig`, that the k0s config of a k0smotron `Cluster` or
    `K0smotronControlPlane` has the apiVersion at all, and that a file named like a k0s
    config (`k0s.yaml`) holds a mapping at all.

    ## Why is this bad?
    k0s itself never looks at `apiVersion` or `kind` (a warning here), but the tools around
    it do: k0sctl merges only the extra documents whose apiVersion and kind match (others are
    applied to the cluster as manifests), and k0smotron refuses other apiVersions
    ("unsupported k0s config version"), a missing one too, in a `Cluster` or
    `K0smotronControlPlane`. A `k0s.yaml` holding a list or a string stops k0s:
    `json: cannot unmarshal array into Go value of type v1beta1.config`.

    ## Example
    ```yaml
    apiVersion: k0s.sh/v1beta1
    kind: Cluster
    spec:
      network:
        provider: custom
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      network:
        provider: custom
    ```

    ## Fix safety
    Writing the right apiVersion is safe: k0s ignores it, and the tools that read it want
    exactly this value. Rewriting the kind is unsafe: the kind says what the document is, and
    k0sctl merges a document of kind ClusterConfig into the cluster's config where it applies
    one of another kind as a manifest, so the fix can change what is deployed.

    ## Options
    None. A missing `kind` is fine: k0s and k0sctl fill it in.
    """

    code = "K0S005"
    name = "not-a-clusterconfig"
    severity = Severity.WARNING
    summary = "apiVersion or kind is not that of a k0s ClusterConfig"
    tags = ("schema",)

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        config = document.config
        if config is None:
            if document.kind is DocumentKind.CLUSTER_CONFIG and not isinstance(document.root, MappingNode):
                kind = "a list" if not isinstance(document.root, ScalarNode) else "a single value"
                yield self.report(
                    document,
                    document.root,
                    f"this file holds {kind}, not a ClusterConfig mapping: k0s fails with `json: cannot "
                    "unmarshal ... into Go value of type v1beta1.config`",
                    severity=Severity.ERROR,
                )
            return
        yield from self._api_version(document, config)
        yield from self._kind(document, config)

    def _api_version(self, document: ConfigDocument, config: MappingNode) -> Iterator[Finding]:
        refused = document.kind is DocumentKind.K0SMOTRON and document.kind_name in K0SMOTRON_CLUSTER_KINDS
        if "apiVersion" not in config and refused:
            yield self._missing_api_version(document, config)
            return
        node = string_scalar(config.get("apiVersion"))
        if node is None or node.value == API_VERSION:
            return
        severity = self.severity
        consequence = "k0s ignores apiVersion, but k0sctl merges and k0smotron accepts only " + API_VERSION
        if refused:
            severity, consequence = Severity.ERROR, "k0smotron refuses it: unsupported k0s config version"
        fix = Fix(f"write {API_VERSION}", Applicability.SAFE, (ReplaceValue(node, API_VERSION),))
        yield self.report(
            document,
            node,
            f"apiVersion {node.value!r} is not {API_VERSION}: {consequence}",
            fix=fix,
            severity=severity,
        )

    def _missing_api_version(self, document: ConfigDocument, config: MappingNode) -> Finding:
        parent = walk(document.root, config.path[:-1])
        key = parent.key_node(str(config.path[-1])) if isinstance(parent, MappingNode) else None
        fix = Fix(
            f"write apiVersion: {API_VERSION}",
            Applicability.SAFE,
            (InsertKey(config, "apiVersion", API_VERSION),),
        )
        return self.report(
            document,
            key or config,
            f"{format_path(config.path)} has no apiVersion: k0smotron refuses it: unsupported k0s config "
            f"version (it accepts only {API_VERSION})",
            fix=fix,
            severity=Severity.ERROR,
        )

    def _kind(self, document: ConfigDocument, config: MappingNode) -> Iterator[Finding]:
        node = string_scalar(config.get("kind"))
        if node is None or node.value == KIND:
            return
        fix = Fix(f"write {KIND}", Applicability.UNSAFE, (ReplaceValue(node, KIND),))
        message = f"kind {node.value!r} is not {KIND}: k0s does not check it, other tools do"
        if str(node.value).lower() == KIND.lower():
            message = (
                f"kind {node.value!r} is not spelled {KIND}: k0s and k0sctl ignore case, other tools do not"
            )
        severity = self.severity
        if document.beside_k0sctl and str(node.value).lower() != KIND.lower():
            severity = Severity.ERROR
            message = (
                f"kind {node.value!r} is not {KIND}: k0sctl does not merge this document into the "
                "cluster's config; it applies it to the cluster as a manifest"
            )
        yield self.report(document, node, message, fix=fix, severity=severity)
