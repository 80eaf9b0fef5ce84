"""K0S105 repository-malformed: spec.images.repository is not a registry host with an optional path."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import (
    Applicability,
    ConfigDocument,
    Finding,
    Fix,
    ReplaceValue,
    Rule,
    RuleContext,
    Severity,
    clean_repository,
    repository_problems,
)


class RepositoryMalformed(Rule):
    """## What it does
    Checks that `spec.images.repository` is a registry host with an optional path, in the
    form an image reference starts with: no URL scheme (`https://`), no trailing or doubled
    `/`, no whitespace, no upper case in the path, no tag or digest.

    ## Why is this bad?
    k0s never validates the repository (no check in `ClusterImages.Validate()` nor in the
    CRD, k0s v1.26 - v1.36): it pastes the text into every image reference, so
    `https://registry.acme.corp` or `registry.acme.corp/` gives references that no runtime
    can pull (`registry.acme.corp//k0sproject/coredns`), on every node at once.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: https://registry.acme.corp/k0s/
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.corp/k0s
    ```

    ## Fix safety
    Removing the scheme, stray slashes and surrounding whitespace is safe: no runtime could
    use the old value. Lower-casing the path and removing a tag or digest are not done: a
    person has to say which repository was meant.

    ## Options
    None. A placeholder repository (`${REGISTRY}`, `<registry>`) is not judged (README
    "Placeholders").
    """

    code = "K0S105"
    security_severity = 5.0
    name = "repository-malformed"
    severity = Severity.ERROR
    summary = "spec.images.repository is not a registry host with an optional path"
    tags = ("supply-chain", "images")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        repository = context.images.repository
        if repository is None or repository.templated or not repository.value:
            return
        problems = repository_problems(repository.value)
        if not problems:
            return
        cleaned = clean_repository(repository.value)
        fix = None
        if cleaned != repository.value and cleaned and not repository_problems(cleaned):
            fix = Fix(f"write {cleaned}", Applicability.SAFE, (ReplaceValue(repository.node, cleaned),))
        yield self.report(
            document, repository.node, f"repository {repository.value!r} has {'; '.join(problems)}", fix=fix
        )
