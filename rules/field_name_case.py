"""K0S007 field-name-case: a field name is spelled with the wrong case; only k0s's decoder accepts it."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    Applicability,
    ConfigDocument,
    Finding,
    Fix,
    MappingNode,
    ReplaceValue,
    Rule,
    RuleContext,
    Severity,
    format_path,
    json_key,
    walk_json,
)


class FieldNameCase(Rule):
    """## What it does
    Flags a key that names a ClusterConfig field with different upper and lower case
    (`kubeproxy` for `kubeProxy`, `Repository` for `repository`).

    ## Why is this bad?
    k0s reads it: Go's JSON decoder matches field names ignoring case. Nothing else does:
    the CRD schema in the API server, editors with the k0s schema, other linters, reviewers
    searching for `kubeProxy`. With two spellings in one mapping the last in sorted order wins,
    silently.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      network:
        kubeproxy:
          mode: ipvs
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      network:
        kubeProxy:
          mode: ipvs
    ```

    ## Fix safety
    Renaming the key to the field's spelling is safe: k0s reads the same value. Not done
    when the mapping also has the right spelling, or has the key more than once.

    ## Options
    None.
    """

    code = "K0S007"
    name = "field-name-case"
    severity = Severity.WARNING
    summary = "A field name is spelled with the wrong case; only k0s's decoder accepts it"
    tags = ("schema", "style")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        for mismatch in context.fields.case_mismatches:
            parent = walk_json(context.config, mismatch.path)
            fix = None
            if (
                isinstance(parent, MappingNode)
                and mismatch.field not in parent
                and not any(json_key(key.value) == mismatch.name for key in parent.duplicates)
            ):
                fix = Fix(
                    f"rename {mismatch.name} to {mismatch.field}",
                    Applicability.SAFE,
                    (ReplaceValue(mismatch.key_node, mismatch.field),),
                )
            where = format_path((*mismatch.path, mismatch.name))
            message = f"{where}: the field is spelled {mismatch.field!r}; only k0s's decoder ignores case"
            yield self.report(document, mismatch.key_node, message, fix=fix)
