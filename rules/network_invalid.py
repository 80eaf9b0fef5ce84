"""K0S203 network-invalid: spec.network fails k0s's validation (CIDRs, families, dual stack, domain)."""

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

from ._net import IPNetwork, is_dns_name, is_ipv4, parse_cidr, parse_host_port
from ._values import string_node
from ._versions import since

# DefaultNetwork() (pkg/apis/k0s/v1beta1/network.go), every release 1.26 - 1.36.
DEFAULT_POD_CIDR, DEFAULT_SERVICE_CIDR = "10.244.0.0/16", "10.96.0.0/12"
IPV6_SINGLE_STACK_GATE = "IPv6SingleStack=true"


class NetworkInvalid(Rule):
    """## What it does
    Runs the checks of k0s's `Network.Validate()` (pkg/apis/k0s/v1beta1/network.go,
    calico.go, kubeproxy.go) that a schema cannot express, for the release in use:

    - `podCIDR` and `serviceCIDR` must be CIDRs (all releases); of one IP family (v1.34.1+);
      an IPv6 service CIDR prefix must be at most /108 (v1.35.1+); IPv6 single stack needs the
      controller flag `--feature-gates=IPv6SingleStack=true` (v1.34.1+);
    - `clusterDomain` must be a DNS name;
    - with `dualStack.enabled`: calico needs `calico.mode: bird`; `IPv6podCIDR` and
      `IPv6serviceCIDR` must be CIDRs, IPv6 ones (v1.35.1+), the service one with at least
      /108 (v1.35.1+); `podCIDR` and `serviceCIDR` must then be the IPv4 ones (v1.34.1+);
    - `kubeProxy.healthzBindAddress` and `metricsBindAddress` must be `host:port` (v1.36.1+).

    Enumerations (`provider`, `calico.mode`, `kubeProxy.mode`, `primaryAddressFamily`,
    node-local load balancing `type`) are checked by K0S002 against the release's schema.

    ## Why is this bad?
    k0s refuses the config (`spec: network: podCIDR: Invalid value: "10.244.0.0": invalid
    CIDR address`), or with dual stack on calico, pods get no IPv6 addresses (k0s #2220).

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      network:
        provider: calico
        podCIDR: 10.244.0.0
        dualStack:
          enabled: true
          IPv6podCIDR: fd00::/108
          IPv6serviceCIDR: fd01::/108
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      network:
        provider: calico
        podCIDR: 10.244.0.0/16
        calico:
          mode: bird
        dualStack:
          enabled: true
          IPv6podCIDR: fd00::/108
          IPv6serviceCIDR: fd01::/108
    ```

    ## Fix safety
    No fix: addresses and modes are design decisions.

    ## Options
    None.
    """

    code = "K0S203"
    name = "network-invalid"
    severity = Severity.ERROR
    summary = "spec.network fails k0s's validation (CIDRs, families, dual stack, domain)"
    tags = ("validation",)

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        network = walk_json(context.spec, ("network",))
        if not isinstance(network, MappingNode):
            return
        pod = self._cidr(document, network, "podCIDR", DEFAULT_POD_CIDR)
        service = self._cidr(document, network, "serviceCIDR", DEFAULT_SERVICE_CIDR)
        findings = [*pod[1], *service[1]]
        dual = walk_json(network, ("dualStack", "enabled"))
        dual_stack = isinstance(dual, ScalarNode) and dual.value is True
        if pod[0] is not None and service[0] is not None:
            findings.extend(self._families(document, context, network, pod[0], service[0], dual_stack))
        domain = string_node(network.get_json("clusterDomain"))
        if domain is not None and not is_dns_name(str(domain.value)):
            findings.append(
                self.report(document, domain, f"clusterDomain {domain.value!r} is not a DNS name")
            )
        if dual_stack:
            assert isinstance(dual, ScalarNode)
            findings.extend(self._dual_stack(document, context, network, dual, pod[0], service[0]))
        if since(context.release, "1.36.1"):
            findings.extend(self._bind_addresses(document, network))
        yield from findings

    def _cidr(
        self, document: ConfigDocument, network: MappingNode, field: str, default: str
    ) -> tuple[IPNetwork | None, list[Finding]]:
        node = string_node(network.get_json(field))
        if node is None:
            return parse_cidr(default), []
        parsed = parse_cidr(str(node.value))
        if parsed is None:
            return None, [
                self.report(document, node, f"{field} {node.value!r} is not a CIDR (address/prefix)")
            ]
        return parsed, []

    def _families(
        self,
        document: ConfigDocument,
        context: RuleContext,
        network: MappingNode,
        pod: IPNetwork,
        service: IPNetwork,
        dual_stack: bool,
    ) -> Iterator[Finding]:
        release = context.release
        anchor: Node = network.get_json("podCIDR") or network
        if not since(release, "1.34.1"):
            return
        if is_ipv4(pod) != is_ipv4(service):
            yield self.report(
                document, anchor, f"podCIDR {pod} and serviceCIDR {service} must both be IPv4 or IPv6"
            )
        service_node: Node = network.get_json("serviceCIDR") or network
        if since(release, "1.35.1") and not is_ipv4(service) and service.prefixlen > 108:
            yield self.report(
                document, service_node, f"serviceCIDR {service}: IPv6 service CIDR prefix must be <= 108"
            )
        if not dual_stack and not is_ipv4(pod):
            flags = document.controller_flags
            if flags is None or not any(IPV6_SINGLE_STACK_GATE in flag for flag in flags):
                yield self.report(
                    document,
                    anchor,
                    f"IPv6 single stack ({pod}) needs controllers started with "
                    f"--feature-gates={IPV6_SINGLE_STACK_GATE}"
                    + ("" if flags is not None else " (this file does not say how they are started)"),
                    severity=Severity.ERROR if flags is not None else Severity.WARNING,
                )

    def _dual_stack(
        self,
        document: ConfigDocument,
        context: RuleContext,
        network: MappingNode,
        enabled: ScalarNode,
        pod: IPNetwork | None,
        service: IPNetwork | None,
    ) -> Iterator[Finding]:
        release = context.release
        provider = string_node(network.get_json("provider"))
        if provider is not None and provider.value == "calico":
            mode = string_node(walk_json(network, ("calico", "mode")))
            if mode is None or mode.value != "bird":
                where: Node = mode or enabled
                written = mode.value if mode else "vxlan (the default)"
                yield self.report(
                    document, where, f"dual stack with calico needs calico.mode bird, not {written}"
                )
        for field in ("IPv6podCIDR", "IPv6serviceCIDR"):
            node = string_node(walk_json(network, ("dualStack", field)))
            if node is None:
                continue
            parsed = parse_cidr(str(node.value))
            if parsed is None:
                yield self.report(document, node, f"dualStack.{field} {node.value!r} is not a CIDR")
            elif is_ipv4(parsed) and since(release, "1.35.1"):
                yield self.report(
                    document, node, f"dualStack.{field} {node.value!r} must be an IPv6 CIDR, not IPv4"
                )
            elif (
                field == "IPv6serviceCIDR"
                and since(release, "1.35.1")
                and parsed.max_prefixlen - parsed.prefixlen > 20
            ):
                yield self.report(
                    document,
                    node,
                    f"dualStack.IPv6serviceCIDR {node.value!r}: IPv6 service CIDR prefix must be <= 108",
                )
        if since(release, "1.34.1"):
            for field, parsed_cidr in (("podCIDR", pod), ("serviceCIDR", service)):
                if parsed_cidr is not None and not is_ipv4(parsed_cidr):
                    node_for: Node = network.get_json(field) or enabled
                    yield self.report(document, node_for, f"with dual stack enabled, {field} must be IPv4")

    def _bind_addresses(self, document: ConfigDocument, network: MappingNode) -> Iterator[Finding]:
        proxy = network.get_json("kubeProxy")
        if not isinstance(proxy, MappingNode):
            return
        for field in ("healthzBindAddress", "metricsBindAddress"):
            node = string_node(proxy.get_json(field))
            if node is None:
                continue
            problem = parse_host_port(str(node.value))
            if problem is not None:
                yield self.report(document, node, f"kubeProxy.{field} {node.value!r}: {problem}")
