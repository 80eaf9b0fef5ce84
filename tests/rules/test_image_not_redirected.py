from __future__ import annotations

import pytest

from k0slint.fix.splice import apply_text_edits, text_edits
from k0slint.rules.image_not_redirected import ImageNotRedirected
from k0slint.testing import Invalid, Valid, assert_invalid, assert_valid, lint

RULE = ImageNotRedirected
REPOSITORY_ONLY = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: registry.acme.corp
"""

VALID = [
    Valid(REPOSITORY_ONLY, k0s_version="v1.32.2+k0s.0"),
    Valid(REPOSITORY_ONLY, k0s_version="v1.29.14"),
    Valid(REPOSITORY_ONLY, k0s_version="v1.33.1"),
    # pushgateway written under the repository: the workaround for #5455.
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: registry.acme.corp
            pushgateway:
              image: registry.acme.corp/k0sproject/pushgateway-ttl
        """,
        k0s_version="v1.32.1+k0s.0",
    ),
    # No repository: nothing to redirect.
    Valid("apiVersion: k0s.k0sproject.io/v1beta1\nspec: {}\n", k0s_version="1.27"),
    # k0sctl controllers without --enable-metrics-scraper never deploy the pushgateway.
    Valid(
        """\
        apiVersion: k0sctl.k0sproject.io/v1beta1
        kind: Cluster
        spec:
          hosts:
            - role: controller
              installFlags: [--debug]
          k0s:
            version: v1.31.5+k0s.0
            config:
              spec:
                images:
                  repository: registry.acme.corp
        """,
        filename="k0sctl.yaml",
    ),
    # The forgiven field matters only while node-local load balancing is on.
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          podSecurityPolicy: {defaultPolicy: 00-k0s-privileged}
          images: {repository: registry.acme.corp}
        """
    ),
    # Windows stack: only with evidence of Windows workers and calico.
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          network: {provider: calico}
          images: {repository: registry.acme.corp}
        """,
        k0s_version="1.32.5",
    ),
    Valid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          extensions: {storage: {type: openebs_local_storage}}
          images: {repository: registry.acme.corp}
        """,
        k0s_version="1.31",
    ),
]

INVALID = [
    Invalid(
        REPOSITORY_ONLY,
        at=[(5, 17)],
        k0s_version="v1.32.1+k0s.0",
        message=(
            "k0s v1.32.1 does not redirect pushgateway (used with --enable-metrics-scraper): with repository "
            "registry.acme.corp it still pulls quay.io/k0sproject/pushgateway-ttl:1.4.0-k0s.0; the repository "
            "override skips pushgateway before v1.32.2 (k0s #5455, fixed by PR #5520)"
        ),
    ),
    Invalid(REPOSITORY_ONLY, at=[(5, 17)], k0s_version="v1.29.13+k0s.0", message="before v1.29.14"),
    Invalid(REPOSITORY_ONLY, at=[(5, 17)], k0s_version="v1.30.9+k0s.0", message="before v1.30.10"),
    Invalid(REPOSITORY_ONLY, at=[(5, 17)], k0s_version="v1.31.5+k0s.0", message="before v1.31.6"),
    Invalid(
        REPOSITORY_ONLY,
        at=[(5, 17)],
        k0s_version="v1.28.15+k0s.0",
        message="skips pushgateway in every 1.28 release",
    ),
    # 1.27: the pushgateway, and the pause image no field configures.
    Invalid(
        REPOSITORY_ONLY,
        at=[(5, 17), (5, 17)],
        k0s_version="1.27",
        message="pulls the pause image registry.k8s.io/pause:3.8 on every worker",
    ),
    # Only the version written: the entry is where the finding goes.
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec:
          images:
            repository: registry.acme.corp
            pushgateway:
              version: 1.4.0-k0s.0
        """,
        at=[(7, 7)],
        k0s_version="v1.30.0+k0s.0",
    ),
    Invalid(
        """\
        apiVersion: k0sctl.k0sproject.io/v1beta1
        kind: Cluster
        spec:
          hosts:
            - role: controller+worker
              installFlags:
                - --enable-metrics-scraper
          k0s:
            version: v1.31.5+k0s.0
            config:
              spec:
                images:
                  repository: registry.acme.corp
        """,
        at=[(13, 23)],
        filename="k0sctl.yaml",
    ),
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          podSecurityPolicy:
            defaultPolicy: 00-k0s-privileged
          images: {repository: registry.acme.corp}
          network:
            nodeLocalLoadBalancing:
              enabled: true
        """,
        at=[(3, 3)],
        message="k0s stops decoding at spec.podSecurityPolicy",
    ),
    Invalid(
        """\
        apiVersion: k0s.k0sproject.io/v1beta1
        spec:
          extensions:
            storage:
              type: openebs_local_storage
          images: {repository: registry.acme.corp}
        """,
        at=[(5, 13)],
        k0s_version="1.30.14",
        message="installs OpenEBS from openebs-internal/openebs 3.3.0",
    ),
    Invalid(
        """\
        apiVersion: k0sctl.k0sproject.io/v1beta1
        kind: Cluster
        spec:
          hosts:
            - role: worker
              os: windows
          k0s:
            version: v1.33.2+k0s.0
            config:
              spec:
                network: {provider: calico}
                images: {repository: registry.acme.corp}
        """,
        at=[(12, 30), (12, 30), (12, 30)],
        filename="k0sctl.yaml",
        message="for Windows workers with calico",
    ),
]


@pytest.mark.parametrize("case", VALID)
def test_valid(case: Valid) -> None:
    assert_valid(RULE, case)


@pytest.mark.parametrize("case", INVALID)
def test_invalid(case: Invalid) -> None:
    assert_invalid(RULE, case)


def test_inserted_entry_follows_the_quoting_of_sibling_entries() -> None:
    """Only `repository` is quoted; the image entries beside it are plain, so is the new one."""
    text = (
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  images:\n"
        '    repository: "registry.acme.corp"\n    coredns:\n'
        "      image: registry.acme.corp/k0sproject/coredns\n      version: 1.12.0\n"
    )
    (finding,) = lint(text, [RULE], k0s_version="v1.32.1+k0s.0")
    assert finding.fix is not None
    fixed = apply_text_edits(text, text_edits(finding.fix, text))
    assert fixed == text + (
        "    pushgateway:\n      image: registry.acme.corp/k0sproject/pushgateway-ttl\n"
        "      version: 1.4.0-k0s.0\n"
    )


def test_inserted_entry_follows_quoted_sibling_entries() -> None:
    text = (
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  images:\n"
        "    repository: registry.acme.corp\n    coredns:\n"
        "      image: 'registry.acme.corp/k0sproject/coredns'\n      version: '1.12.0'\n"
    )
    (finding,) = lint(text, [RULE], k0s_version="v1.32.1+k0s.0")
    assert finding.fix is not None
    fixed = apply_text_edits(text, text_edits(finding.fix, text))
    assert fixed.endswith(
        "    pushgateway:\n      image: 'registry.acme.corp/k0sproject/pushgateway-ttl'\n"
        "      version: '1.4.0-k0s.0'\n"
    )


@pytest.mark.parametrize(
    ("repository", "applicability", "unsafe_note"),
    [("registry.acme.corp", "safe", False), ("registry.acme.corp/mirror", "unsafe", True)],
)
def test_pushgateway_fix_is_unsafe_when_the_repository_has_a_path(
    repository: str, applicability: str, unsafe_note: bool
) -> None:
    text = REPOSITORY_ONLY.replace("registry.acme.corp", repository)
    (finding,) = lint(text, [RULE], k0s_version="v1.32.1+k0s.0")
    assert finding.fix is not None
    assert finding.fix.applicability.value == applicability
    mirrored = f"{repository}/k0sproject/pushgateway-ttl"
    title = f"write images.pushgateway.image: {mirrored}"
    if unsafe_note:
        title += (
            " (unsafe: releases that rewrite the pushgateway without the prefix check, "
            "v1.29.14 - v1.33.3, would add the repository path again)"
        )
    assert finding.fix.title == f"{title} and version 1.4.0-k0s.0"
    fixed = apply_text_edits(text, text_edits(finding.fix, text))
    assert fixed == text + f"    pushgateway:\n      image: {mirrored}\n      version: 1.4.0-k0s.0\n"


@pytest.mark.parametrize(
    ("repository", "applicability"), [("registry.acme.corp", "safe"), ("registry.acme.corp/m", "unsafe")]
)
def test_pushgateway_entry_without_image_gets_one(repository: str, applicability: str) -> None:
    text = (
        REPOSITORY_ONLY.replace("registry.acme.corp", repository)
        + "    pushgateway: {version: 1.4.0-k0s.0}\n"
    )
    (finding,) = lint(text, [RULE], k0s_version="v1.32.1+k0s.0")
    assert (finding.line, finding.column) == (6, 18)
    assert finding.fix is not None
    assert finding.fix.applicability.value == applicability
    assert finding.fix.title.startswith(
        f"write images.pushgateway.image: {repository}/k0sproject/pushgateway-ttl"
    )
    assert "and version" not in finding.fix.title
    fixed = apply_text_edits(text, text_edits(finding.fix, text))
    assert fixed.endswith(
        f"    pushgateway: {{version: 1.4.0-k0s.0, image: {repository}/k0sproject/pushgateway-ttl}}\n"
    )


def test_pushgateway_entry_that_is_no_mapping_gets_no_fix() -> None:
    text = REPOSITORY_ONLY + "    pushgateway: null\n"
    (finding,) = lint(text, [RULE], k0s_version="v1.32.1+k0s.0")
    assert finding.fix is None
    assert "does not redirect pushgateway (used with --enable-metrics-scraper)" in finding.message


FORGIVEN = """\
apiVersion: k0sctl.k0sproject.io/v1beta1
kind: Cluster
spec:
  hosts:
    - role: controller
  k0s:
    version: v1.36.3+k0s.2
    dynamicConfig: {dynamic}
    config:
      spec:
        podSecurityPolicy: {{defaultPolicy: 00-k0s-privileged}}
        images: {{repository: registry.acme.corp}}
        network:
          nodeLocalLoadBalancing: {{enabled: {enabled}{backend}}}
"""


@pytest.mark.parametrize(
    ("dynamic", "enabled", "backend", "component"),
    [
        ("false", "true", "", "nodeLocalLoadBalancing.envoyProxy"),
        ("false", "true", ", type: EnvoyProxy", "nodeLocalLoadBalancing.envoyProxy"),
        ("false", "true", ", type: Traefik", "nodeLocalLoadBalancing.traefik"),
        ("true", "true", "", None),  # dynamic config: the static config's images do not apply
        ("false", "false", "", None),
        ("false", "'true'", "", None),
    ],
)
def test_forgiven_decode_reports_the_backend_in_use(
    dynamic: str, enabled: str, backend: str, component: str | None
) -> None:
    text = FORGIVEN.format(dynamic=dynamic, enabled=enabled, backend=backend)
    found = lint(text, [RULE], filename="k0sctl.yaml")
    if component is None:
        assert found == []
        return
    (finding,) = found
    assert (finding.line, finding.column) == (11, 9)  # on the forgiven key
    assert f"does not redirect {component}: with repository registry.acme.corp" in finding.message
    assert "k0s stops decoding at spec.podSecurityPolicy" in finding.message
    assert finding.fix is None


def test_nllb_that_is_not_a_mapping_is_not_reported() -> None:
    text = FORGIVEN.format(dynamic="false", enabled="true", backend="").replace(
        "nodeLocalLoadBalancing: {enabled: true}", "nodeLocalLoadBalancing: on"
    )
    assert lint(text, [RULE], filename="k0sctl.yaml") == []


def test_findings_point_back_at_the_repository() -> None:
    pushgateway, pause = lint(REPOSITORY_ONLY, [RULE], k0s_version="v1.27.16+k0s.0")
    assert pause.message == (
        "k0s v1.27.16 pulls the pause image registry.k8s.io/pause:3.8 on every worker whatever "
        "spec.images.repository says (1.27 has no images.pause; it exists from v1.28.2)"
    )
    for found in (pushgateway, pause):
        (related,) = found.related
        assert (related.message, related.location.line, related.location.column) == (
            "spec.images.repository is set here",
            5,
            17,
        )


def test_the_pushgateway_finding_stays_on_the_repository_beside_a_forgiven_field() -> None:
    text = REPOSITORY_ONLY.replace("spec:\n", "spec:\n  podSecurityPolicy: {defaultPolicy: x}\n")
    (finding,) = lint(text, [RULE], k0s_version="v1.32.1+k0s.0")
    assert (finding.line, finding.column) == (6, 17)


def test_the_pushgateway_fix_applies_the_override_as_k0s_without_the_check_would() -> None:
    text = REPOSITORY_ONLY.replace("registry.acme.corp", "quay.io/k0sproject")
    (finding,) = lint(text, [RULE], k0s_version="v1.32.1+k0s.0")
    assert finding.fix is not None
    assert finding.fix.title.startswith(
        "write images.pushgateway.image: quay.io/k0sproject/k0sproject/pushgateway-ttl"
    )
