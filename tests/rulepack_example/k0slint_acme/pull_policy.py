from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    Applicability,
    ConfigDocument,
    Finding,
    Fix,
    ReplaceValue,
    Rule,
    RuleContext,
    ScalarNode,
    Severity,
    walk_json,
)


class PullPolicyAlways(Rule):
    """## What it does
    Flags `spec.images.default_pull_policy: Always`.

    ## Why is this bad?
    ACME's clusters pull from a mirror that is down for maintenance every Sunday; with
    `Always`, no pod of a k0s component restarts while it is.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        default_pull_policy: Always
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        default_pull_policy: IfNotPresent
    ```

    ## Fix safety
    Safe: images of k0s components are pinned by tag, so `IfNotPresent` pulls the same images.

    ## Options
    None.
    """

    code = "ACME001"
    name = "pull-policy-always"
    severity = Severity.ERROR
    summary = "default_pull_policy is Always"
    tags = ("acme",)

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        policy = walk_json(context.spec, ("images", "default_pull_policy"))
        if not isinstance(policy, ScalarNode) or policy.value != "Always":
            return
        fix = Fix("write IfNotPresent", Applicability.SAFE, (ReplaceValue(policy, "IfNotPresent"),))
        yield self.report(
            document, policy, "default_pull_policy is Always; ACME requires IfNotPresent", fix=fix
        )
