"""K0S202 nllb-with-external-address: node-local load balancing beside api.externalAddress."""

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
    string_scalar,
    walk_json,
)

from ._versions import since


class NllbWithExternalAddress(Rule):
    """## What it does
    Flags node-local load balancing (`network.nodeLocalLoadBalancing.enabled: true`)
    together with `api.externalAddress`, and (1.26, 1.27) with `api.tunneledNetworkingMode`
    (`ClusterSpec.ValidateNodeLocalLoadBalancing`, clusterconfig_types.go, all releases).

    ## Why is this bad?
    k0s refuses the config: `network.nodeLocalLoadBalancing.enabled: Forbidden: node-local
    load balancing cannot be used in conjunction with an external Kubernetes API server
    address` (k0smotron #445).

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      api:
        externalAddress: k8s.acme.corp
      network:
        nodeLocalLoadBalancing:
          enabled: true
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      api:
        externalAddress: k8s.acme.corp
      network:
        nodeLocalLoadBalancing:
          enabled: false
    ```

    ## Fix safety
    No fix: either the load balancer or the external address has to go, and that is a design
    decision.

    ## Options
    None.
    """

    code = "K0S202"
    name = "nllb-with-external-address"
    severity = Severity.ERROR
    summary = "Node-local load balancing is enabled together with api.externalAddress"
    tags = ("validation",)

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        nllb = walk_json(context.spec, ("network", "nodeLocalLoadBalancing"))
        enabled = nllb.get_json("enabled") if isinstance(nllb, MappingNode) else None
        if not (isinstance(enabled, ScalarNode) and enabled.value is True):
            return
        external = string_scalar(walk_json(context.spec, ("api", "externalAddress")))
        if external is not None and external.value:
            yield self.report(
                document,
                enabled,
                f"node-local load balancing cannot be used with api.externalAddress {external.value!r}; "
                "k0s refuses the config",
                related=(self.related(document, external, "api.externalAddress is set here"),),
            )
        tunneled = walk_json(context.spec, ("api", "tunneledNetworkingMode"))
        if (
            isinstance(tunneled, ScalarNode)
            and tunneled.value is True
            and not since(context.release, "1.28.0")
        ):
            yield self.report(
                document, enabled, "node-local load balancing cannot be used in tunneled networking mode"
            )
