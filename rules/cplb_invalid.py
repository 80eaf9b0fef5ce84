"""K0S209 cplb-invalid: control plane load balancing (keepalived) fails k0s's validation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from k0slint.api import (
    ConfigDocument,
    Finding,
    MappingNode,
    Node,
    Rule,
    RuleContext,
    ScalarNode,
    SequenceNode,
    Severity,
    is_placeholder,
    string_value,
    walk_json,
)

from ._net import is_ip, parse_cidr
from ._versions import since

_DURATION = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")


def _items(node: Node | None) -> list[Node]:
    return node.items if isinstance(node, SequenceNode) else []


def _text(mapping: MappingNode, field: str) -> str:
    """The string value of `field` ("" when unset), templates included."""
    return string_value(mapping.get_json(field)) or ""


class CplbInvalid(Rule):
    """## What it does
    Runs k0s's checks of `network.controlPlaneLoadBalancing` (keepalived, v1.30+,
    `ControlPlaneLoadBalancingSpec.Validate`, pkg/apis/k0s/v1beta1/cplb.go). k0s checks the
    section even when `enabled: false`:

    - each VRRP instance needs `authPass` (at most 8 characters) and `virtualIPs` written as
      CIDRs; automatic virtual router IDs (51 + index) must stay below 256; with
      `unicastPeers` (v1.32.1+) a valid `unicastSourceIP` not among the peers, and peers that
      are IP addresses; `addressLabel` 0xffffffff is reserved (v1.34.1+);
    - each virtual server needs an IP `ipAddress` and a positive `delayLoop`;
    - up to 1.31, virtual servers cannot be used with `api.externalAddress`.

    Enumerations and ranges (`lbAlgo`, `lbKind`, `virtualRouterID`, ...) are K0S002's. The
    interface lookup k0s does on the node itself is not reproduced.

    ## Why is this bad?
    k0s refuses the config: `spec: controlPlaneLoadBalancing: AuthPass must be defined`.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      network:
        controlPlaneLoadBalancing:
          enabled: true
          keepalived:
            vrrpInstances:
              - virtualIPs: ["10.0.0.100"]
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      network:
        controlPlaneLoadBalancing:
          enabled: true
          keepalived:
            vrrpInstances:
              - virtualIPs: ["10.0.0.100/24"]
                authPass: s3cr3t
    ```

    ## Fix safety
    No fix.

    ## Options
    None.
    """

    code = "K0S209"
    name = "cplb-invalid"
    severity = Severity.ERROR
    summary = "Control plane load balancing (keepalived) fails k0s's validation"
    tags = ("validation",)

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        cplb = walk_json(context.spec, ("network", "controlPlaneLoadBalancing"))
        if not isinstance(cplb, MappingNode) or not since(context.release, "1.30.0"):
            return
        keepalived = cplb.get_json("keepalived")
        if not isinstance(keepalived, MappingNode):
            return
        for index, instance in enumerate(_items(keepalived.get_json("vrrpInstances"))):
            if isinstance(instance, MappingNode):
                yield from self._vrrp(document, context, index, instance)
        servers = _items(keepalived.get_json("virtualServers"))
        for server in servers:
            if isinstance(server, MappingNode):
                yield from self._server(document, server)
        external = walk_json(context.spec, ("api", "externalAddress"))
        has_external = isinstance(external, ScalarNode) and bool(external.value)
        if servers and has_external and not since(context.release, "1.32.1"):
            yield self.report(
                document, keepalived, ".spec.api.externalAddress and virtual servers cannot be used together"
            )

    def _vrrp(
        self, document: ConfigDocument, context: RuleContext, index: int, instance: MappingNode
    ) -> Iterator[Finding]:
        password = _text(instance, "authPass")
        if not password:
            yield self.report(document, instance, "AuthPass must be defined")
        elif len(password) > 8 and not is_placeholder(password):
            yield self.report(
                document, instance.get_json("authPass") or instance, "AuthPass must be 8 characters or less"
            )
        addresses = _items(instance.get_json("virtualIPs"))
        if not addresses:
            yield self.report(document, instance, "VirtualIPs must be defined")
        for address in addresses:
            text = str(address.value) if isinstance(address, ScalarNode) else ""
            if not is_placeholder(text) and parse_cidr(text) is None:
                yield self.report(document, address, f"VirtualIPs must be a CIDR. Got: {text}")
        router = instance.get_json("virtualRouterID")
        if (not isinstance(router, ScalarNode) or router.value in (None, 0)) and 51 + index > 255:
            yield self.report(
                document, instance, "automatic virtualRouterIDs exceeded, specify them explicitly"
            )
        if since(context.release, "1.32.1"):
            yield from self._unicast(document, instance)
        label = instance.get_json("addressLabel")
        if isinstance(label, ScalarNode) and label.value == 0xFFFFFFFF and since(context.release, "1.34.1"):
            yield self.report(document, label, "AddressLabel 0xffffffff is reserved")

    def _unicast(self, document: ConfigDocument, instance: MappingNode) -> Iterator[Finding]:
        peers = _items(instance.get_json("unicastPeers"))
        if not peers:
            return
        source = _text(instance, "unicastSourceIP")
        if is_placeholder(source):
            return
        if not is_ip(source):
            yield self.report(
                document,
                instance.get_json("unicastSourceIP") or instance,
                f"UnicastPeers require a valid UnicastSourceIP. Got: {source}",
            )
        for peer in peers:
            text = str(peer.value) if isinstance(peer, ScalarNode) else ""
            if is_placeholder(text):
                continue
            if not is_ip(text):
                yield self.report(document, peer, f"UnicastPeers require valid IP addresses. Got: {text}")
            elif text == source:
                yield self.report(
                    document, peer, f"UnicastPeers must not contain the UnicastSourceIP. Got: {text}"
                )

    def _server(self, document: ConfigDocument, server: MappingNode) -> Iterator[Finding]:
        address = _text(server, "ipAddress")
        if not address:
            yield self.report(document, server, "IPAddress must be defined")
        elif not is_ip(address) and not is_placeholder(address):
            yield self.report(
                document, server.get_json("ipAddress") or server, f"invalid IP address: {address}"
            )
        delay = server.get_json("delayLoop")
        text = string_value(delay) or ""
        if text.startswith("-") and _DURATION.match(text):
            assert delay is not None
            yield self.report(document, delay, "DelayLoop must be positive")
