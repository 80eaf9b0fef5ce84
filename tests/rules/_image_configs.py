"""Image settings that neither K0S101 (the image escapes the repository) nor K0S110 (k0s
rewrites it into the repository) reports: the valid cases the two rules' tables share."""

from __future__ import annotations

from k0slint.testing import Valid

NOT_FLAGGED = [
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            pushgateway:
              image: quay.io/k0sproject/pushgateway-ttl
        """
    ),
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: ghcr.io/mirantiscontainers
            pushgateway:
              image: ghcr.io/mirantiscontainers/k0sproject/pushgateway-ttl
            coredns: {image: "ghcr.io/mirantiscontainers/coredns", version: 1.12.0}
          network:
            nodeLocalLoadBalancing:
              envoyProxy:
                image:
                  image: ghcr.io/mirantiscontainers/k0sproject/envoy-distroless
        """
    ),
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: ${REGISTRY}
            pushgateway:
              image: quay.io/k0sproject/pushgateway-ttl
        """
    ),
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: registry.acme.corp
            konnectivity:
              image: "{{ .Values.konnectivityImage }}"
        """
    ),
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: registry.acme.corp
            coredns:
              version: 1.12.1
        """
    ),
    # images.pause does not exist before v1.28.2: k0s ignores it (K0S004's business).
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: registry.acme.corp
            pause:
              image: registry.k8s.io/pause
        """,
        k0s_version="v1.27.16+k0s.0",
    ),
    # A string prefix that is not a path prefix, on a tag with the prefix check: K0S104's case.
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: ghcr.io/acme
            coredns:
              image: ghcr.io/acmecorp/coredns
        """,
        k0s_version="v1.34.1+k0s.0",
    ),
    Valid(
        """\
        image: quay.io/k0sproject/pushgateway-ttl
        repository: ghcr.io/acme
        """,
        filename="values.yaml",
    ),
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: ghcr.io/acme/
            coredns:
              image: ghcr.io/acme/coredns
        """
    ),
]

# A path-style repository on a release without the prefix check: writing the mirrored path
# would be doubled (K0S103), so a rewritten image is not reported.
PATH_REPOSITORY = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: ghcr.io/mirantiscontainers
    coredns:
      image: quay.io/k0sproject/coredns
"""
NOT_FLAGGED.append(Valid(PATH_REPOSITORY, k0s_version="v1.32.7+k0s.0"))
