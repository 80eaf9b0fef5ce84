"""K0S009 unknown-suppression: an inline suppression names a rule that does not exist."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import Finding, Rule, Severity, SuppressionReport


class UnknownSuppression(Rule):
    """## What it does
    Flags a `# k0slint: disable=…` comment that names a rule code, prefix or name no
    installed rule has.

    ## Why is this bad?
    A typo in a suppression (`K0S10l`) suppresses nothing, and the real finding it meant to
    silence fails the build; a code of a rule pack that is not installed hints at a missing
    `require-plugins`.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: ghcr.io/acme  # k0slint: disable=K0S999
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: ghcr.io/acme
    ```

    ## Fix safety
    No fix.

    ## Options
    None.
    """

    code = "K0S009"
    name = "unknown-suppression"
    severity = Severity.WARNING
    summary = "An inline suppression names a rule that does not exist"
    tags = ("suppression",)

    def check_suppressions(self, report: SuppressionReport) -> Iterator[Finding]:
        for directive in report.directives:
            where = directive.location(report.path)
            for code in directive.codes:
                if not report.is_known(code):
                    yield Finding(self.code, self.name, self.severity, f"no rule is called {code!r}", where)
