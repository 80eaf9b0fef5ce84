"""K0S107 chart-image-outside-repository: a helm chart or its image is outside spec.images.repository."""

import ipaddress
from collections.abc import Iterator
from typing import NamedTuple

from k0slint.api import (
    ConfigDocument,
    Finding,
    MappingNode,
    Node,
    Repository,
    Rule,
    RuleContext,
    ScalarNode,
    SequenceNode,
    Severity,
    YamlError,
    is_placeholder,
    k0s_host,
    string_scalar,
    walk_json,
    walk_tree,
    yaml_in_scalar,
)

from ._image_messages import repository_here, usable_repository


class ChartImage(NamedTuple):
    reference: str
    node: ScalarNode


def _string(node: Node | None) -> ScalarNode | None:
    scalar = string_scalar(node)
    return scalar if scalar is not None and str(scalar.value).strip() else None


def _lower_host(reference: str) -> str:
    host = k0s_host(reference)
    return host.lower() + reference[len(host) :] if host else reference


def under_repository(reference: str, repository: str) -> bool:
    prefix = _lower_host(repository.strip().rstrip("/"))
    return _lower_host(reference).startswith(prefix + "/")


def chart_images(root: Node) -> Iterator[ChartImage]:
    """Images named in helm values: `image: ref` and `image: {registry, repository}`."""
    default_registry = _string(walk_json(root, ("global", "imageRegistry")))
    for node, _ in walk_tree(root):
        image = node.get("image") if isinstance(node, MappingNode) else None
        if image is not None:
            yield from _image_setting(image, default_registry)


def _image_setting(value: Node, default_registry: ScalarNode | None) -> Iterator[ChartImage]:
    text = _string(value)
    if text is not None:
        yield ChartImage(str(text.value), text)
        return
    if not isinstance(value, MappingNode):
        return
    repository = _string(value.get("repository")) or _string(value.get("name"))
    if repository is None:
        return
    registry = _string(value.get("registry")) or default_registry
    if registry is not None and not k0s_host(str(repository.value)):
        yield ChartImage(f"{registry.value}/{repository.value}", registry)
    else:
        yield ChartImage(str(repository.value), repository)


def _domain(host: str) -> str:
    """The last two labels of a host name; the host itself for addresses and one-label names."""
    host = host.lower().split(":", 1)[0]
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return ".".join(host.split(".")[-2:])
    return host


class ChartImageOutsideRepository(Rule):
    """## What it does
    When `spec.images.repository` is set, looks at what `spec.extensions.helm` makes the
    cluster pull, which k0s never rewrites:

    - images in a chart's `values` (the YAML string is parsed; the finding points at the
      image inside the block, in file coordinates): `image: <ref>`, and
      `image: {registry, repository}` (with bitnami's `global.imageRegistry`);
    - OCI chart references (`chartname: oci://...`) and OCI helm repositories outside the
      repository;
    - HTTP(S) helm repositories on another domain than the repository's registry.

    ## Why is this bad?
    `spec.images.repository` applies to k0s's own components only (k0s helm extension
    controller renders `chartname` and `values` verbatim, pkg/component/controller/
    extensions_controller.go): a chart's images and the chart itself still come from the
    internet, which an air-gapped cluster cannot reach.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp
      extensions:
        helm:
          charts:
            - name: ingress
              chartname: oci://ghcr.io/nginxinc/charts/nginx-ingress
              namespace: ingress
              values: |
                controller:
                  image:
                    repository: ghcr.io/nginxinc/nginx-ingress
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp
      extensions:
        helm:
          charts:
            - name: ingress
              chartname: oci://registry.acme.corp/charts/nginx-ingress
              namespace: ingress
              values: |
                controller:
                  image:
                    repository: registry.acme.corp/nginxinc/nginx-ingress
    ```

    ## Fix safety
    No fix: where the chart and its images are mirrored is not k0slint's to guess.

    ## Options
    None. Placeholders are not judged (README "Placeholders"); a chart without any image setting uses the
    chart's own defaults, which k0slint cannot see.
    """

    code = "K0S107"
    security_severity = 7.0
    precision = "high"
    name = "chart-image-outside-repository"
    severity = Severity.ERROR
    summary = "A helm chart, chart repository or chart image is outside spec.images.repository"
    tags = ("supply-chain", "images", "helm")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        repository = usable_repository(context)
        if repository is None:
            return
        helm = walk_json(context.spec, ("extensions", "helm"))
        if not isinstance(helm, MappingNode):
            return
        related = repository_here(self, document, repository)
        for finding_node, message in [
            *self._charts(document, helm, repository),
            *self._repositories(helm, repository),
        ]:
            yield self.report(document, finding_node, message, related=related)

    def _charts(
        self, document: ConfigDocument, helm: MappingNode, repository: Repository
    ) -> Iterator[tuple[Node, str]]:
        charts = helm.get_json("charts")
        for chart in charts.items if isinstance(charts, SequenceNode) else []:
            name = _string(walk_json(chart, ("name",)))
            label = f"chart {name.value}" if name else "a chart"
            chartname = _string(walk_json(chart, ("chartname",)))
            if chartname is not None and str(chartname.value).startswith("oci://"):
                reference = str(chartname.value)[len("oci://") :]
                if not is_placeholder(reference) and not under_repository(reference, repository.value):
                    yield (
                        chartname,
                        (
                            f"{label} comes from {chartname.value}, outside repository {repository.value}; "
                            "k0s never rewrites chart references"
                        ),
                    )
            values = _string(walk_json(chart, ("values",)))
            if values is None:
                continue
            try:
                roots = yaml_in_scalar(values, document.text)
            except YamlError:
                continue
            for root in roots:
                for image in chart_images(root):
                    if is_placeholder(image.reference) or under_repository(image.reference, repository.value):
                        continue
                    yield (
                        image.node,
                        (
                            f"{label} pulls image {image.reference}, outside repository {repository.value}; "
                            "k0s never rewrites images in chart values"
                        ),
                    )

    @staticmethod
    def _repositories(helm: MappingNode, repository: Repository) -> Iterator[tuple[Node, str]]:
        entries = helm.get_json("repositories")
        registry_host = k0s_host(repository.value.strip("/") + "/") or repository.value.split("/", 1)[0]
        for entry in entries.items if isinstance(entries, SequenceNode) else []:
            url = _string(walk_json(entry, ("url",)))
            if url is None or is_placeholder(str(url.value)):
                continue
            text = str(url.value)
            if text.startswith("oci://"):
                if not under_repository(text[len("oci://") :], repository.value):
                    yield (
                        url,
                        (
                            f"helm repository {text} is outside repository {repository.value}; "
                            "k0s never rewrites chart sources"
                        ),
                    )
                continue
            from urllib.parse import urlsplit  # only for configs with helm repositories

            host = urlsplit(text).hostname or ""
            if host and _domain(host) != _domain(registry_host):
                yield (
                    url,
                    (
                        f"helm repository {text} is on {host}, not on the domain of repository "
                        f"{repository.value}; an air-gapped cluster cannot fetch charts from it"
                    ),
                )
