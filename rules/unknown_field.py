"""K0S003 unknown-field: a key k0s refuses: the config does not load."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import ConfigDocument, Finding, Rule, RuleContext, Severity

from ._field_messages import did_you_mean, field_existence, field_name


class UnknownField(Rule):
    """## What it does
    Flags keys that are not fields of the ClusterConfig where k0s decodes strictly: the top
    level, `metadata`, `spec`, and `controllerManager`, `scheduler`, `installConfig`,
    `telemetry`, `konnectivity`, `extensions`, `featureGates`, `workerProfiles`,
    `metricsServer`, and `api` up to 1.29. Fields that a later release added count as unknown
    on older releases (`featureGates` before 1.27, `forceUpgrade` before v1.28.14, ...).

    ## Why is this bad?
    `ClusterConfig.UnmarshalJSON` decodes with `DisallowUnknownFields`: k0s refuses to start
    (`json: unknown field "..."`). k0slint reports every such key, with the field it most
    likely meant; k0s reports one at a time. An unknown key named `interval` (the old
    `spec.telemetry.interval`) is worse: k0s means to forgive it but crashes on it (a nil
    error dereferenced in `strictyaml.YamlUnmarshalStrictIgnoringFields`).

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      extensions:
        helm:
          chart:
            - name: metallb
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      extensions:
        helm:
          charts:
            - name: metallb
              chartname: metallb/metallb
              namespace: metallb-system
    ```

    ## Fix safety
    No fix: a misplaced key may belong somewhere else entirely.

    ## Options
    None. A key k0s forgives (`spec.podSecurityPolicy`), and unknown keys that it hides, are
    K0S004's.
    """

    code = "K0S003"
    name = "unknown-field"
    severity = Severity.ERROR
    summary = "A key k0s refuses: the config does not load"
    tags = ("schema",)

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        for judged in context.fields.judged:
            if judged.verdict not in ("rejected", "panics"):
                continue
            key = judged.key
            _, hint = did_you_mean(context, key)
            existence = field_existence(context, key)
            if existence:
                hint = f" (the field {existence})"
            if judged.verdict == "panics":
                message = (
                    f"unknown field {field_name(key)}: k0s {context.release.name} crashes on it instead of "
                    "forgiving it (strictyaml.YamlUnmarshalStrictIgnoringFields dereferences a nil error)"
                )
            else:
                message = (
                    f"unknown field {field_name(key)}: k0s {context.release.name} refuses the config{hint}"
                )
            yield self.report(document, key.key_node, message)
