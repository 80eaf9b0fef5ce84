from __future__ import annotations

import pytest

from k0slint.rules.chart_image_outside_repository import ChartImageOutsideRepository
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid

RULE = ChartImageOutsideRepository
CHART = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
  extensions:
    helm:
      repositories:
        - name: acme
          url: https://charts.acme.corp/stable
      charts:
        - name: ingress
          chartname: {chartname}
          namespace: ingress
          values: |
            controller:
              image:
                registry: {registry}
                repository: nginxinc/nginx-ingress
                tag: 3.7.0
            defaultBackend:
              image: {backend}
"""


def chart(
    chartname: str = "acme/ingress",
    registry: str = "registry.acme.corp",
    backend: str = "registry.acme.corp/defaultbackend:1.5",
) -> str:
    return CHART.format(chartname=chartname, registry=registry, backend=backend)


VALID = [
    Valid(chart()),
    Valid(chart(chartname="oci://registry.acme.corp/charts/ingress")),
    # No repository: nothing says where images should come from.
    Valid(
        chart(registry="docker.io").replace(
            "    repository: registry.acme.corp\n", "    default_pull_policy: Always\n"
        )
    ),
    Valid(chart(backend='"{{ .Values.backend }}"')),
    # Values that are not YAML are not judged here.
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          images: {repository: registry.acme.corp}
          extensions:
            helm:
              charts:
                - name: x
                  chartname: acme/x
                  namespace: x
                  values: "image: [unclosed"
        """
    ),
]

INVALID = [
    Invalid(
        chart(registry="docker.io", backend="registry.k8s.io/defaultbackend-amd64:1.5"),
        at=[(18, 27), (22, 22)],
        message="chart ingress pulls image docker.io/nginxinc/nginx-ingress, outside repository registry.acme.corp",
    ),
    Invalid(
        chart(chartname="oci://ghcr.io/nginxinc/charts/nginx-ingress"),
        at=[(13, 22)],
        message="chart ingress comes from oci://ghcr.io/nginxinc/charts/nginx-ingress, outside repository",
    ),
    Invalid(
        chart().replace("https://charts.acme.corp/stable", "https://kubernetes.github.io/ingress-nginx"),
        at=[(10, 16)],
        message="helm repository https://kubernetes.github.io/ingress-nginx is on kubernetes.github.io",
    ),
    # A values string that is not a literal block: reported at the string itself.
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          images: {repository: registry.acme.corp}
          extensions:
            helm:
              charts:
                - name: x
                  chartname: acme/x
                  namespace: x
                  values: "image: nginx:1.25"
        """,
        at=[(10, 19)],
        message="chart x pulls image nginx:1.25",
    ),
    # bitnami style: global.imageRegistry applies to images without a registry of their own.
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          images: {repository: registry.acme.corp}
          extensions:
            helm:
              repositories:
                - {name: mirror, url: "oci://registry.acme.corp/bitnamicharts"}
              charts:
                - name: db
                  chartname: oci://registry.acme.corp/bitnamicharts/postgresql
                  namespace: db
                  values: |
                    global:
                      imageRegistry: docker.io
                    image:
                      repository: bitnami/postgresql
        """,
        at=[(14, 30)],
        message="pulls image docker.io/bitnami/postgresql",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)
