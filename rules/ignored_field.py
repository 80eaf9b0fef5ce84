"""K0S004 ignored-field: a key k0s silently ignores: the setting has no effect."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    Applicability,
    ConfigDocument,
    Finding,
    Fix,
    JudgedKey,
    MappingNode,
    ReplaceValue,
    Rule,
    RuleContext,
    Severity,
    walk_json,
)

from ._field_messages import did_you_mean, field_existence, field_name

FORGIVEN = (
    "k0s forgives it (strictyaml), but the error ends ClusterConfig.UnmarshalJSON early: the node-local "
    "load balancing image is not rewritten and null sections are not re-defaulted; remove it"
)


class IgnoredField(Rule):
    """## What it does
    Flags keys that k0s accepts without a word and then ignores:

    - typos and unknown keys under `spec.images`, `spec.network`, `spec.storage` (and
      `spec.api` from 1.30): these types decode with plain `json.Unmarshal`, which drops
      unknown keys. `images.repositry: registry.corp` leaves every image on its public
      registry; `network.provide: calico` gives kube-router;
    - fields that do not exist in the k0s release in use: `images.pause` before v1.28.2,
      `images.windows` and `images.calico.windows` before v1.34.1,
      `nodeLocalLoadBalancing.traefik` before v1.36.1, ...;
    - `spec.podSecurityPolicy`, which k0s refuses and then forgives (a warning; k0s means to
      forgive `interval` too, but crashes on it: K0S003): the forgiven error also ends the
      decode early, so for example the node-local load balancing image is not rewritten
      (K0S102), and any unknown key it meets after it is let through too.

    ## Why is this bad?
    The setting has no effect while the file says otherwise. A dropped `repository` is the
    worst case: the cluster pulls every image from the internet.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repositry: registry.acme.corp
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
    A typo with a single close match in the same mapping is renamed, keeping the value. The
    fix is unsafe: it turns on a setting that had no effect so far (a repository, a
    provider), which changes what the cluster does.

    ## Options
    None.
    """

    code = "K0S004"
    name = "ignored-field"
    severity = Severity.ERROR
    summary = "A key k0s silently ignores: the setting has no effect"
    tags = ("schema", "unnecessary")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        for judged in context.fields.judged:
            if judged.verdict in ("rejected", "panics"):
                continue
            yield self._finding(document, context, judged)

    def _finding(self, document: ConfigDocument, context: RuleContext, judged: JudgedKey) -> Finding:
        key, release = judged.key, context.release
        where = field_name(key)
        if judged.verdict == "forgiven":
            return self.report(
                document, key.key_node, f"{where} is not a k0s field: {FORGIVEN}", severity=Severity.WARNING
            )
        if judged.verdict == "masked":
            message = (
                f"{where} is not a k0s field; k0s {release.name} should refuse it, but a forgiven "
                "field met first hides the error, so it is ignored"
            )
            return self.report(document, key.key_node, message)
        existence = field_existence(context, key)
        if existence:
            return self.report(document, key.key_node, f"{where} {existence}; k0s {release.name} ignores it")
        close, hint = did_you_mean(context, key)
        message = f"{where} is not a k0s field: k0s {release.name} ignores it{hint}"
        if (close or key.name).lower().startswith("repo") and key.path[-1:] == ("images",):
            message += "; no image is redirected to a repository"
        return self.report(document, key.key_node, message, fix=self._rename(context, judged, close))

    @staticmethod
    def _rename(context: RuleContext, judged: JudgedKey, close: str | None) -> Fix | None:
        key = judged.key
        parent = walk_json(context.config, key.path)
        if close is None or not isinstance(parent, MappingNode) or parent.json_key(close) is not None:
            return None
        return Fix(
            f"rename {key.name} to {close} (unsafe: the setting starts to take effect)",
            Applicability.UNSAFE,
            (ReplaceValue(key.key_node, close),),
        )
