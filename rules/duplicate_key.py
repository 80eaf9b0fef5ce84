"""K0S006 duplicate-key: a key appears twice in one mapping; k0s refuses the file."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    ConfigDocument,
    Finding,
    MappingNode,
    Node,
    Rule,
    RuleContext,
    Severity,
    walk_tree,
)


def _mappings(root: Node | None) -> Iterator[MappingNode]:
    for node, _ in walk_tree(root) if root is not None else ():
        if isinstance(node, MappingNode):
            yield node


class DuplicateKey(Rule):
    """## What it does
    Flags a key written twice in the same mapping of a k0s, k0sctl or k0smotron document.

    ## Why is this bad?
    k0s reads its config with yaml.v2 in strict mode (sigs.k8s.io/yaml `UnmarshalStrict`),
    which refuses the file: `yaml: unmarshal errors: line N: key "images" already set in
    map`. k0sctl reads its file the same way. Other YAML tools keep the last value, so the
    file looks fine until k0s starts.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp
      images:
        default_pull_policy: Always
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp
        default_pull_policy: Always
    ```

    ## Fix safety
    No fix: which of the two values was meant is the author's call.

    ## Options
    None. Keys brought in by a merge key (`<<`) are not duplicates.
    """

    code = "K0S006"
    name = "duplicate-key"
    severity = Severity.ERROR
    summary = "A key appears twice in one mapping; k0s refuses the file"
    tags = ("yaml",)

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        if not document.duplicate_keys:  # counted by the parser: no mapping has a repeated key
            return
        seen: set[int] = set()
        for root in (document.root, document.config):
            for mapping in _mappings(root):
                for key in mapping.duplicates:
                    if key.start_offset in seen:  # an alias repeats the same text: once
                        continue
                    seen.add(key.start_offset)
                    yield self.report(
                        document, key, f"key {key.raw!r} is already set in this mapping; k0s refuses the file"
                    )
