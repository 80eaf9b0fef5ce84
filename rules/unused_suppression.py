"""K0S008 unused-suppression: an inline suppression suppresses nothing."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import Finding, Rule, Severity, SuppressionReport


class UnusedSuppression(Rule):
    """## What it does
    Flags a `# k0slint: disable…` comment that suppresses nothing: the finding it was written
    for is gone, or it names a rule that never fired there.

    ## Why is this bad?
    Stale suppressions hide the next real finding on that line and tell readers something
    that is no longer true.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp  # k0slint: disable=K0S105 fixed since
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp
    ```

    ## Fix safety
    No fix: k0slint leaves comments to their authors.

    ## Options
    None. A suppression that names only rules not enabled in this run is not reported.
    """

    code = "K0S008"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "An inline suppression suppresses nothing"
    tags = ("suppression", "unnecessary")

    def check_suppressions(self, report: SuppressionReport) -> Iterator[Finding]:
        for directive in report.directives:
            if directive.used or directive.kind == "enable":
                continue
            if directive.codes and not any(report.is_enabled(code) for code in directive.codes):
                continue
            what = ", ".join(directive.codes) or "every rule"
            message = f"this suppression of {what} suppresses nothing"
            yield Finding(self.code, self.name, self.severity, message, directive.location(report.path))
