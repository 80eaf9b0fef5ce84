"""One placeholder policy for every rule (k0slint.k0s.placeholders, README "Placeholders"):
a value filled in later is never judged for its form, and counts as set where only presence
matters."""

from __future__ import annotations

import pytest

from k0slint.api import is_placeholder
from k0slint.lint.rule_packs import all_rules, load_packs
from k0slint.testing import lint

RULES = all_rules(load_packs())

# A placeholder in every value some rule judges: types (K0S002), addresses (K0S201),
# CIDRs and modes (K0S203), endpoints (K0S204), helm (K0S205), profile names (K0S206),
# keepalived (K0S209), images and the repository (K0S101 - K0S110).
EVERYWHERE = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
metadata:
  name: <cluster name>
spec:
  api:
    address: <External address IP>
    externalAddress: <controller.ip>
    port: <port>
    sans: [<External address IP>, "<password>"]
  network:
    provider: <provider>
    podCIDR: <pod CIDR>
    serviceCIDR: ${SERVICE_CIDR}
    clusterDomain: <domain>
    kubeProxy:
      mode: <mode>
    controlPlaneLoadBalancing:
      enabled: true
      type: Keepalived
      keepalived:
        vrrpInstances:
        - virtualIPs: ["<VIP address>/<netmask>"]
          authPass: "<my password>"
          unicastSourceIP: <ip address of this controller>
          unicastPeers: [<ip address of other controllers>]
        virtualServers:
        - ipAddress: "<VIP address without netmask>"
  storage:
    type: etcd
    etcd:
      peerAddress: <IP>
  extensions:
    helm:
      repositories:
      - name: <repo name>
        url: <repo url>
      charts:
      - name: <chart name>
        chartname: <chart>
        namespace: <namespace>
        version: <version>
        values: |
          image: <registry>/app
  workerProfiles:
  - name: <profile>
    values:
      kind: <kind>
      cgroupDriver: <driver>
  images:
    repository: <registry>
    coredns:
      image: <registry>/coredns
      version: <version>
    konnectivity:
      image: "{{ .Values.konnectivity }}"
"""


def test_no_rule_judges_a_placeholder() -> None:
    found = lint(EVERYWHERE, RULES, options={"K0S106": {"allowed-registries": ["registry.acme.corp"]}})
    judged = [f"{f.line}:{f.column} {f.code} {f.message}" for f in found]
    # K0S106 judges what k0s pulls: the defaults of components the file does not name.
    assert [line for line in judged if " K0S106 " not in line] == []


def test_a_placeholder_counts_as_set_where_only_presence_matters() -> None:
    text = (
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n"
        "  api:\n    externalAddress: <External address IP>\n"
        "  network:\n    nodeLocalLoadBalancing:\n      enabled: true\n"
    )
    assert [f.code for f in lint(text, RULES)] == ["K0S202"]


@pytest.mark.parametrize(
    ("value", "placeholder"),
    [
        ("${K0S_VERSION}", True),
        ("$K0S_VERSION", True),
        ("{{ .Values.v }}", True),
        ("{% if x %}", True),
        ("%{ registry }", True),
        ("<LAN_IP>", True),
        ("<External address IP>", True),
        ("<my password>", True),
        ("<controller.ip>", True),
        ("<VIP address>/<netmask>", True),
        ("registry.acme.corp/<team>", True),
        ("v1.32.1", False),
        ("10.0.0.1", False),
        ("a < b > c", False),
        ("<>", False),
        ("price $5", False),
        (6443, False),
        (None, False),
    ],
)
def test_what_is_a_placeholder(value: object, placeholder: bool) -> None:
    assert is_placeholder(value) is placeholder
