"""K0S205 helm-extension-invalid: a helm chart or repository lacks what k0s requires."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    ConfigDocument,
    Finding,
    MappingNode,
    Node,
    Rule,
    RuleContext,
    SequenceNode,
    Severity,
    walk_json,
)

from ._net import valid_release_name
from ._values import field_text, is_set

RELEASE_NAME = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$, at most 53 characters"


class HelmExtensionInvalid(Rule):
    """## What it does
    Runs k0s's checks of `spec.extensions.helm` (`HelmExtensions.Validate`,
    pkg/apis/k0s/v1beta1/extensions.go, all releases), reporting the first failing one per
    entry as k0s does:

    - every chart needs a `name` that is a valid helm release name (lower case, digits, `-`
      and `.`, at most 53 characters; helm `chartutil.ValidateReleaseName`), a `chartname`
      and a `namespace`;
    - every repository needs a `name` and a `url`.

    A chart `values` that is a mapping instead of a string is K0S002's.

    ## Why is this bad?
    k0s refuses the config: `spec: extensions: chart must have TargetNS field not empty`.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      extensions:
        helm:
          repositories:
            - name: metallb
          charts:
            - name: MetalLB
              chartname: metallb/metallb
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      extensions:
        helm:
          repositories:
            - name: metallb
              url: https://metallb.github.io/metallb
          charts:
            - name: metallb
              chartname: metallb/metallb
              namespace: metallb-system
    ```

    ## Fix safety
    No fix.

    ## Options
    None.
    """

    code = "K0S205"
    name = "helm-extension-invalid"
    severity = Severity.ERROR
    summary = "A helm chart or repository in spec.extensions.helm lacks what k0s requires"
    tags = ("validation", "helm")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        helm = walk_json(context.spec, ("extensions", "helm"))
        if not isinstance(helm, MappingNode):
            return
        for repository in _entries(helm.get_json("repositories")):
            problem = _repository_problem(repository)
            if problem:
                yield self.report(document, repository, problem)
        for chart in _entries(helm.get_json("charts")):
            problem, where = _chart_problem(chart)
            if problem:
                yield self.report(document, where, problem)


def _entries(node: Node | None) -> list[MappingNode]:
    items = node.items if isinstance(node, SequenceNode) else []
    return [item for item in items if isinstance(item, MappingNode)]


def _repository_problem(repository: MappingNode) -> str | None:
    if not is_set(repository.get_json("name")):
        return "a helm repository needs a name"
    if not is_set(repository.get_json("url")):
        return f"helm repository {field_text(repository, 'name')!r} needs a url"
    return None


def _chart_problem(chart: MappingNode) -> tuple[str | None, Node]:
    name_node = chart.get_json("name")
    if not is_set(name_node):
        return "a helm chart needs a name", chart
    name = field_text(chart, "name")
    if name and not valid_release_name(name):
        assert name_node is not None
        return f"chart name {name!r} is not a valid helm release name ({RELEASE_NAME})", name_node
    label = repr(name) if name else "a chart"
    if not is_set(chart.get_json("chartname")):
        return f"chart {label} needs a chartname", chart
    if not is_set(chart.get_json("namespace")):
        return f"chart {label} needs a namespace", chart
    return None, chart
