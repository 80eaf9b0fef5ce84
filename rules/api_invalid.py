"""K0S201 api-invalid: spec.api fails k0s's validation (address, externalAddress, sans)."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    ConfigDocument,
    Finding,
    MappingNode,
    Rule,
    RuleContext,
    ScalarNode,
    SequenceNode,
    Severity,
    walk_json,
)

from ._net import is_ip, is_ip_or_dns_name, split_host_port
from ._values import string_node
from ._versions import since

ANY_ADDRESS = ("0.0.0.0", "::")


class ApiInvalid(Rule):
    """## What it does
    Runs k0s's `APISpec.Validate()` (pkg/apis/k0s/v1beta1/api.go) for the release in use:

    - `api.address` must be an IP address (not a host name), and from v1.31.1 not `0.0.0.0`
      or `::`; an empty address is an error up to 1.29 (from 1.30 k0s fills in the host's);
    - `api.externalAddress` must be an IP address or a DNS name (`host:port` from v1.31.13,
      v1.32.10, v1.33.6, v1.34.1), and from v1.31.1 not `0.0.0.0` or `::`;
    - every `api.sans` entry must be an IP address or a DNS name;
    - 1.26 and 1.27: `tunneledNetworkingMode` cannot use the default API port 6443.

    Port ranges are K0S002's (from the schema of the release).

    ## Why is this bad?
    k0s refuses to start: `spec: api: address: Invalid value: "k8s.lan": invalid IP address`
    (k0sctl #651).

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      api:
        address: controller-1.lan
        sans:
          - https://k8s.acme.corp
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      api:
        address: 10.0.0.10
        sans:
          - k8s.acme.corp
    ```

    ## Fix safety
    No fix: the right address is not in the file.

    ## Options
    None.
    """

    code = "K0S201"
    name = "api-invalid"
    severity = Severity.ERROR
    summary = "spec.api fails k0s's validation (address, externalAddress, sans)"
    tags = ("validation",)

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        api = walk_json(context.spec, ("api",))
        if not isinstance(api, MappingNode):
            return
        release = context.release
        yield from self._address(document, context, api)
        external = string_node(api.get_json("externalAddress"))
        if external is not None and external.value:
            text = str(external.value)
            host = text
            if since(release, "1.31.13", "1.32.10", "1.33.6", "1.34.1"):
                parts = split_host_port(text)
                host = parts[0] if parts else text
            if not is_ip_or_dns_name(host):
                yield self.report(
                    document, external, f"api.externalAddress {text!r} is not an IP address or a DNS name"
                )
            elif text in ANY_ADDRESS and since(release, "1.31.1"):
                yield self.report(document, external, f"api.externalAddress {text!r} is INADDR_ANY")
        sans = api.get_json("sans")
        for index, item in enumerate(sans.items if isinstance(sans, SequenceNode) else []):
            value = string_node(item)
            if value is not None and not is_ip_or_dns_name(str(value.value)):
                yield self.report(
                    document, value, f"api.sans[{index}] {value.value!r} is not an IP address or a DNS name"
                )
        yield from self._tunneled(document, context, api)

    def _address(self, document: ConfigDocument, context: RuleContext, api: MappingNode) -> Iterator[Finding]:
        address = string_node(api.get_json("address"))
        if address is None:
            return
        text = str(address.value)
        if not text and since(context.release, "1.30.0"):
            return  # APISpec.setDefaults puts the host's address in
        if not is_ip(text):
            yield self.report(
                document, address, f"api.address {text!r} is not an IP address (k0s wants no host name)"
            )
        elif text in ANY_ADDRESS and since(context.release, "1.31.1"):
            yield self.report(
                document, address, f"api.address {text!r} is INADDR_ANY; give the controller's address"
            )

    def _tunneled(
        self, document: ConfigDocument, context: RuleContext, api: MappingNode
    ) -> Iterator[Finding]:
        tunneled = api.get_json("tunneledNetworkingMode")
        if not (isinstance(tunneled, ScalarNode) and tunneled.value is True) or since(
            context.release, "1.28.0"
        ):
            return
        port = api.get_json("port")
        if not isinstance(port, ScalarNode) or port.value in (None, 6443):
            yield self.report(
                document,
                tunneled,
                "tunneledNetworkingMode cannot use the default API port 6443; set api.port",
            )
