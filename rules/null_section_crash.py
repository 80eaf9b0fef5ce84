"""K0S208 null-section-crash: a null image setting crashes k0s v1.32.1+ when spec.images.repository is set."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    ConfigDocument,
    Finding,
    MappingNode,
    Node,
    Rule,
    RuleContext,
    ScalarNode,
    Severity,
    walk_json,
)

from ._versions import since

IMAGE_GROUPS = ("calico", "kuberouter", "windows")


def _is_null(node: Node | None) -> bool:
    return isinstance(node, ScalarNode) and node.value is None


class NullSectionCrash(Rule):
    """## What it does
    Flags an image setting written as `null` (`images.konnectivity: null`, `calico: null`,
    `kuberouter: null`, `windows: null`, `calico.windows: null`) when
    `spec.images.repository` is set, on k0s v1.32.1 and later.

    ## Why is this bad?
    From v1.32.1 the image settings are pointers (k0s PR #5260): `null` clears them, and the
    repository override (`ClusterImages.overrideImageRepositories`, images.go) then
    dereferences a nil pointer. The controller crashes on start instead of reporting an
    error. Before v1.32.1 `null` kept the defaults.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp
        konnectivity: null
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp
    ```

    ## Fix safety
    No fix: removing the key is what the author wants in most cases, but it is their call.

    ## Options
    None.
    """

    code = "K0S208"
    name = "null-section-crash"
    severity = Severity.ERROR
    summary = "A null image setting crashes k0s v1.32.1+ when spec.images.repository is set"
    tags = ("validation", "images")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        repository = context.images.repository
        images = walk_json(context.spec, ("images",))
        if repository is None or not repository.value or not isinstance(images, MappingNode):
            return
        if not since(context.release, "1.32.1"):
            return
        settings = {
            field.split(".")[1].lower() for field in context.release.fields if field.startswith("images.")
        }
        for name in images:
            if name.lower() not in settings:
                continue
            yield from self._nulls(document, context, images, name, "")

    def _nulls(
        self, document: ConfigDocument, context: RuleContext, mapping: MappingNode, name: str, prefix: str
    ) -> Iterator[Finding]:
        value = mapping.get(name)
        if _is_null(value):
            yield from self._crash(document, context, mapping, name, prefix)
        elif isinstance(value, MappingNode) and name.lower() in IMAGE_GROUPS:
            for child in value:
                yield from self._nulls(document, context, value, child, f"{prefix}{name}.")

    def _crash(
        self,
        document: ConfigDocument,
        context: RuleContext,
        mapping: MappingNode,
        name: str,
        prefix: str = "",
    ) -> Iterator[Finding]:
        key = mapping.key_node(name)
        assert key is not None
        yield self.report(
            document,
            key,
            f"images.{prefix}{name}: null with a repository set makes k0s {context.release.name} crash "
            "(nil image settings, k0s PR #5260); remove the key",
        )
