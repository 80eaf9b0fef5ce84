from __future__ import annotations

import textwrap

import pytest

from k0slint.k0s.documents import ConfigDocument, DocumentKind, recognise
from k0slint.yaml.nodes import MappingNode, walk
from k0slint.yaml.parse import parse_documents


def configs(text: str, path: str = "file.yaml") -> list[ConfigDocument]:
    text = textwrap.dedent(text)
    return list(recognise(path, text, parse_documents(text)))


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec: {}\n", "clusterconfig", "ClusterConfig"),
        ("apiVersion: k0s.k0sproject.io/v1beta1\nkind: Cluster\n", "clusterconfig", "Cluster"),
        ("apiVersion: k0s.k0sproject.io/v1beta1\nkind: clusterconfig\n", "clusterconfig", "clusterconfig"),
        ("apiVersion: k0s.k0sproject.io/v1beta1\n", "clusterconfig", ""),
        ("apiVersion: k0sctl.k0sproject.io/v1beta1\nkind: Cluster\n", "k0sctl", "Cluster"),
        (
            "apiVersion: controlplane.cluster.x-k8s.io/v1beta2\nkind: K0sControlPlane\n",
            "k0smotron",
            "K0sControlPlane",
        ),
        ("apiVersion: k0smotron.io/v1beta1\nkind: Cluster\n", "k0smotron", "Cluster"),
    ],
)  # fmt: skip
def test_recognised_kinds(text: str, kind: str, name: str) -> None:
    (config,) = configs(text)
    assert (config.kind.value, config.kind_name) == (kind, name)


@pytest.mark.parametrize(
    "text",
    [
        "apiVersion: v1\nkind: ConfigMap\ndata: {k0s.yaml: x}\n",
        "apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\n",
        "- just\n- a list\n",
        "plain scalar\n",
        "spec:\n  replicas: 3\n",
        "",
    ],
)
def test_other_yaml_is_skipped_silently(text: str) -> None:
    assert configs(text) == []


def test_near_miss_api_versions_are_clusterconfigs_k0s_still_reads() -> None:
    (config,) = configs("apiVersion: k0s.sh/v1beta1\nkind: ClusterConfig\nspec: {}\n")
    assert config.kind is DocumentKind.CLUSTER_CONFIG and not config.api_version_ok


def test_clusterconfig_without_api_version_by_shape() -> None:
    text = "spec:\n  network:\n    provider: kuberouter\n"
    (config,) = configs(text, "homelab/k0s-config.yaml")
    assert not config.api_version_ok
    assert configs(text, "deploy.yaml") == []


@pytest.mark.parametrize(
    "text",
    [
        # a custom resource of k0s's API group: another kind, a spec of its own
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: Test\nspec:\n  replicas: 3\n  foo: bar\n",
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: Test\nmetadata: {name: x}\n",
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: Test\nspec: {}\n",
    ],
)
def test_other_resources_of_the_k0s_api_group_are_not_configs(text: str) -> None:
    assert configs(text, "k0s.yaml") == []


@pytest.mark.parametrize(
    "text",
    [
        # a ClusterConfig under a misspelt kind is still one: its spec says so (K0S005 flags the kind)
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfg\nspec:\n  network: {provider: calico}\n",
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: Config\nspec:\n  API: {}\n",  # keys in any case
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: CLUSTER\n",
    ],
)
def test_a_clusterconfig_shaped_spec_or_a_config_kind_is_a_config(text: str) -> None:
    (config,) = configs(text)
    assert config.kind is DocumentKind.CLUSTER_CONFIG


def test_a_skipped_clusterconfig_without_api_version_earns_a_note() -> None:
    text = "kind: ClusterConfig\n---\nspec:\n  network:\n    provider: kuberouter\n---\nspec: {replicas: 3}\n"
    notes: list[str] = []
    found = list(recognise("inttest/config.yaml", text, parse_documents(text), notes))
    assert found == []
    assert notes == [
        "inttest/config.yaml:3:1: skipped a document that looks like a ClusterConfig without apiVersion, "
        "as the file is not named *k0s*; add apiVersion: k0s.k0sproject.io/v1beta1 to lint it"
    ]
    notes.clear()
    assert len(list(recognise("inttest/k0s.yaml", text, parse_documents(text), notes))) == 1
    assert notes == []


def test_k0sctl_embedded_config_and_version() -> None:
    (config,) = configs(
        """\
        apiVersion: k0sctl.k0sproject.io/v1beta1
        kind: Cluster
        spec:
          k0s:
            version: v1.32.1+k0s.0
            dynamicConfig: true
            config:
              spec:
                images: {repository: r.example.com}
        """
    )
    assert config.version_node is not None and config.version_node.value == "v1.32.1+k0s.0"
    assert config.dynamic_config
    repository = walk(config.spec, ("images", "repository"))
    assert repository is not None
    assert repository.path == ("spec", "k0s", "config", "spec", "images", "repository")
    assert (repository.line, repository.column) == (9, 30)


MERGE_FILE = """\
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
spec:
  images:
    repository: second.example.com
    coredns: {image: from-second}
  network: {provider: calico}
  storage: {type: kine}
---
apiVersion: k0sctl.k0sproject.io/v1beta1
kind: Cluster
spec:
  k0s:
    config:
      spec:
        images:
          repository: inline.example.com
          konnectivity: {image: from-inline}
        network: null
        workerProfiles: [{name: a}]
---
apiVersion: K0S.k0sproject.io/v1beta1
kind: clusterCONFIG
spec:
  images: {pushgateway: {image: from-third}, coredns: {image: from-third}}
  workerProfiles: [{name: b}]
  telemetry: {enabled: false}
---
apiVersion: k0s.k0sproject.io/v1beta1
kind: Cluster
spec:
  images: {repository: not-merged.example.com}
"""


def test_k0sctl_merges_clusterconfig_documents_like_dig_merge() -> None:
    found = configs(MERGE_FILE, "k0sctl.yaml")
    # The Cluster comes last: everything is merged into it by then.
    assert [(c.kind.value, c.document) for c in found] == [("clusterconfig", 3), ("k0sctl", 1)]
    cluster = found[1]
    assert cluster.merged_documents == (0, 2)
    assert isinstance(cluster.spec, MappingNode)
    assert cluster.spec.to_data() == {
        "images": {
            "repository": "inline.example.com",
            "konnectivity": {"image": "from-inline"},
            "coredns": {"image": "from-second"},
            "pushgateway": {"image": "from-third"},
        },
        "network": None,
        "workerProfiles": [{"name": "a"}],
        "storage": {"type": "kine"},
        "telemetry": {"enabled": False},
    }
    coredns = walk(cluster.spec, ("images", "coredns", "image"))
    assert coredns is not None and (coredns.doc, coredns.line) == (0, 6)
    assert coredns.path == ("spec", "images", "coredns", "image")


def test_k0sctl_without_inline_config_takes_the_documents() -> None:
    found = configs(
        """\
        apiVersion: k0sctl.k0sproject.io/v1beta1
        kind: Cluster
        spec: {hosts: []}
        ---
        apiVersion: k0s.k0sproject.io/v1beta1
        kind: ClusterConfig
        spec: {images: {repository: r.example.com}}
        """
    )
    (cluster,) = found
    assert walk(cluster.spec, ("images", "repository")).value == "r.example.com"  # type: ignore[union-attr]


def test_k0smotron_embeddings() -> None:
    (config,) = configs(
        """\
        apiVersion: controlplane.cluster.x-k8s.io/v1beta1
        kind: K0smotronControlPlane
        spec:
          version: v1.27.2-k0s.0
          k0sConfig:
            apiVersion: k0s.k0sproject.io/v1beta1
            kind: ClusterConfig
            spec: {images: {repository: r.example.com}}
        """
    )
    assert config.version_node is not None and config.version_node.value == "v1.27.2-k0s.0"
    assert config.spec is not None and "images" in config.spec


def test_large_files_are_not_held_when_no_k0sctl_is_possible() -> None:
    text = "".join(
        f"---\napiVersion: k0s.k0sproject.io/v1beta1\nmetadata: {{name: c{i}}}\n" for i in range(50)
    )
    documents = parse_documents(text)
    stream = recognise("big.yaml", text, documents)
    first = next(stream)
    assert first.document == 0
    # The generator has not read past the first document.
    assert next(documents).index == 1


def test_config_embedded_in_a_literal_block_keeps_file_positions() -> None:
    (config,) = configs(
        """\
        - hosts: all
          tasks:
            - blockinfile:
                path: /etc/k0s/k0s.yaml
                block: |
                  # managed by ansible
                  apiVersion: k0s.k0sproject.io/v1beta1
                  kind: ClusterConfig
                  spec:
                    images:
                      repository: registry.acme.corp
        """
    )
    repository = walk(config.spec, ("images", "repository"))
    assert repository is not None
    assert (repository.line, repository.column) == (11, 27)
    assert repository.path == (
        0,
        "tasks",
        0,
        "blockinfile",
        "block",
        "spec",
        "images",
        "repository",
    )


def test_unparseable_embedded_text_is_ignored() -> None:
    text = "data:\n  k0s.yaml: |\n    apiVersion: k0s.k0sproject.io/v1beta1\n    spec: [{{ .Values.spec }\n"
    assert configs(text) == []
