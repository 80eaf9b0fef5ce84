from __future__ import annotations

import re
from collections.abc import Iterator

from k0slint.api import ConfigDocument, Finding, Rule, RuleContext, Severity, k0s_host

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def repository_problems(value: str) -> list[str]:
    """What is wrong with `value` as an image repository prefix, in words."""
    problems = []
    if value != value.strip():
        problems.append("leading or trailing whitespace")
    text = value.strip()
    if _SCHEME.match(text):
        problems.append(f"a URL scheme ({text.split('://', 1)[0]}://); image references have none")
        text = text.split("://", 1)[1]
    if any(ch.isspace() for ch in text):
        problems.append("whitespace inside")
    if text.endswith("/"):
        problems.append("a trailing '/' (k0s would pull e.g. <repository>/k0sproject/coredns with '//')")
    if "//" in text.rstrip("/"):
        problems.append("an empty path segment ('//')")
    segments = [segment for segment in text.strip("/").split("/") if segment]
    host = k0s_host(text.strip("/") + "/x") if segments else ""
    path = segments[1:] if host else segments
    if "@" in text:
        problems.append("a digest ('@...'); the repository is a prefix, not an image")
    elif any(":" in segment for segment in path):
        problems.append("a tag (':...') in the path; the repository is a prefix, not an image")
    if any(segment != segment.lower() for segment in path):
        problems.append("upper case in the path (image paths must be lower case)")
    return problems


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
    None. A templated repository (`${REGISTRY}`) is not checked.
    """

    code = "K0S105"
    name = "repository-malformed"
    severity = Severity.ERROR
    summary = "spec.images.repository is not a registry host with an optional path"
    tags = ("supply-chain", "images")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        repository = context.images.repository
        if repository is None or repository.templated or not repository.value:
            return
        problems = repository_problems(repository.value)
        if problems:
            yield self.report(
                document,
                repository.node,
                f"repository {repository.value!r} has {'; '.join(problems)}",
            )
