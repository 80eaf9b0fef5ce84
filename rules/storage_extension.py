"""K0S207 storage-extension: spec.extensions.storage is a no-op from 1.31, and checked by k0s before."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    ConfigDocument,
    Finding,
    MappingNode,
    Rule,
    RuleContext,
    ScalarNode,
    Severity,
    string_value,
    walk_json,
)

from ._versions import since

STORAGE_TYPES = ("external_storage", "openebs_local_storage")


class StorageExtension(Rule):
    """## What it does
    Looks at `spec.extensions.storage`:

    - from v1.31.1 it is a no-op kept so old configs still parse (k0s PR #4542,
      pkg/apis/k0s/v1beta1/extensions.go): a warning, since OpenEBS is no longer installed;
    - up to 1.30 k0s checks it (`StorageExtension.Validate`, storageextensions.go): `type`
      must be `external_storage` or `openebs_local_storage`, and
      `create_default_storage_class` is refused with `external_storage` (errors).

    ## Why is this bad?
    After an upgrade to 1.31 the cluster silently has no OpenEBS storage class any more
    (k0sctl #841); before it, k0s refuses the config.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      extensions:
        storage:
          type: openebs_local_storage
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      extensions:
        helm:
          repositories:
            - name: openebs
              url: https://openebs.github.io/openebs
          charts:
            - name: openebs
              chartname: openebs/openebs
              namespace: openebs
    ```

    ## Fix safety
    No fix: the replacement (a helm chart of your choice) is not in the file.

    ## Options
    None.
    """

    code = "K0S207"
    name = "storage-extension"
    severity = Severity.WARNING
    summary = "spec.extensions.storage is a no-op from 1.31, and checked by k0s before"
    tags = ("validation", "deprecated")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        storage = walk_json(context.spec, ("extensions", "storage"))
        if not isinstance(storage, MappingNode) or not storage:
            return
        release = context.release
        kind = storage.get_json("type")
        kind_text = string_value(kind) or ""
        default_class = storage.get_json("create_default_storage_class")
        creates_class = isinstance(default_class, ScalarNode) and default_class.value is True
        if since(release, "1.31.1"):
            if kind_text != "openebs_local_storage" and not creates_class:
                return  # the old default (external_storage): it did nothing before either
            key = kind or storage
            yield self.report(
                document,
                key,
                f"extensions.storage is a no-op since k0s v1.31.1 (k0s {release.name} installs no OpenEBS); "
                "install a storage provider with a helm chart",
            )
            return
        if kind_text not in STORAGE_TYPES:
            yield self.report(
                document, kind or storage, f"unknown storage mode `{kind_text}`", severity=Severity.ERROR
            )
        if kind_text == "external_storage" and creates_class:
            assert default_class is not None
            yield self.report(
                document,
                default_class,
                "can't create default storage class for external_storage",
                severity=Severity.ERROR,
            )
