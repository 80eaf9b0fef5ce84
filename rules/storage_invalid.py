"""K0S204 storage-invalid: spec.storage.etcd.externalCluster fails k0s's validation."""

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
    string_value,
    walk_json,
)

from ._values import is_set

TLS_FILES = ("caFile", "clientCertFile", "clientKeyFile")


class StorageInvalid(Rule):
    """## What it does
    Runs k0s's checks of an external etcd cluster (`EtcdConfig.Validate`,
    pkg/apis/k0s/v1beta1/storage.go, all releases; checked even with `type: kine`):
    `storage.etcd.externalCluster` needs `endpoints` (none empty) and an `etcdPrefix`, and
    either all three TLS files (`caFile`, `clientCertFile`, `clientKeyFile`) or none.
    `storage.type` itself is K0S002's (an enum from v1.31.1).

    ## Why is this bad?
    k0s refuses the config: `spec: storage: spec.storage.etcd.externalCluster.etcdPrefix
    cannot be empty`.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      storage:
        type: etcd
        etcd:
          externalCluster:
            endpoints: ["https://etcd-1.acme.corp:2379"]
            clientCertFile: /etc/k0s/etcd.crt
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      storage:
        type: etcd
        etcd:
          externalCluster:
            endpoints: ["https://etcd-1.acme.corp:2379"]
            etcdPrefix: k0s-prod
            caFile: /etc/k0s/etcd-ca.crt
            clientCertFile: /etc/k0s/etcd.crt
            clientKeyFile: /etc/k0s/etcd.key
    ```

    ## Fix safety
    No fix.

    ## Options
    None.
    """

    code = "K0S204"
    name = "storage-invalid"
    severity = Severity.ERROR
    summary = "spec.storage.etcd.externalCluster fails k0s's validation"
    tags = ("validation",)

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        external = walk_json(context.spec, ("storage", "etcd", "externalCluster"))
        if not isinstance(external, MappingNode):
            return
        endpoints = external.get_json("endpoints")
        items = endpoints.items if isinstance(endpoints, SequenceNode) else []
        if not items:
            yield self.report(
                document,
                endpoints if endpoints is not None else external,
                "externalCluster.endpoints cannot be null or empty",
            )
        elif any(isinstance(item, ScalarNode) and item.value in ("", None) for item in items):
            yield self.report(
                document,
                endpoints if endpoints is not None else external,
                "externalCluster.endpoints cannot contain empty strings",
            )
        prefix = external.get_json("etcdPrefix")
        if not string_value(prefix):
            yield self.report(document, prefix or external, "externalCluster.etcdPrefix cannot be empty")
        given = [name for name in TLS_FILES if is_set(external.get_json(name))]
        if given and len(given) != len(TLS_FILES):
            yield self.report(
                document,
                external,
                "externalCluster: all TLS properties [caFile,clientCertFile,clientKeyFile] must be defined "
                f"or none of those (only {', '.join(given)} given)",
            )
