"""K0S001 invalid-yaml: the file is not YAML that k0s could read."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import Finding, Location, Rule, Severity, UnreadableYaml


class InvalidYaml(Rule):
    """## What it does
    Reports a file that is not valid YAML, at the place where reading stops, and
    documents k0slint refuses to expand (aliases that blow up, absurd nesting).

    ## Why is this bad?
    k0s, k0sctl and k0smotron refuse the whole file: the node does not start, or
    `k0sctl apply` stops before it touches a host.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: "registry.acme.corp
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: "registry.acme.corp"
    ```

    ## Fix safety
    No fix: k0slint cannot know what was meant.

    ## Options
    None. A file that holds template syntax (`{{ }}`, `{% %}`) and does not parse is
    skipped with a note instead, since it is not YAML until it is rendered.
    """

    code = "K0S001"
    name = "invalid-yaml"
    severity = Severity.ERROR
    summary = "The file is not YAML that k0s could read"

    def check_unreadable(self, problem: UnreadableYaml) -> Iterator[Finding]:
        location = Location(problem.path, problem.line, problem.column, problem.line, problem.column + 1)
        yield Finding(self.code, self.name, self.severity, problem.message, location)
