"""K0S104 repository-prefix-shadow: k0s's prefix check leaves an image outside the repository."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import ConfigDocument, Finding, Rule, RuleContext, Severity, shadowed_by_prefix

from ._image_messages import repository_here, usable_repository


class RepositoryPrefixShadow(Rule):
    """## What it does
    On k0s releases with the repository prefix check (v1.31.12+, v1.32.8+, v1.33.4+,
    v1.34.1+; k0s PR #6243), flags images that start with the `spec.images.repository`
    string without being under it. k0s compares strings, not paths: it leaves such an image
    unchanged, so it is pulled from where it was.

    - an explicit image: `ghcr.io/acmecorp/coredns` under repository `ghcr.io/acme`;
    - the defaults: repository `quay.io/k0s` is a string prefix of every
      `quay.io/k0sproject/...` default, so none of them is redirected.

    ## Why is this bad?
    The images escape the mirror without any sign in the config; on the releases before the
    prefix check the same config was redirected, so an upgrade silently changes where nodes
    pull from.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: quay.io/k0s
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: quay.io/k0s-mirror
    ```
    Choose a repository that is not a string prefix of the images it should redirect.

    ## Fix safety
    No fix: only a person knows which repository was meant.

    ## Options
    None.
    """

    code = "K0S104"
    security_severity = 7.5
    name = "repository-prefix-shadow"
    severity = Severity.ERROR
    summary = "k0s's string-prefix check leaves an image outside spec.images.repository"
    tags = ("supply-chain", "images")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        repository = usable_repository(context)
        release = context.release
        if repository is None or not release.prefix_check:
            return
        related = repository_here(self, document, repository)
        shadowed_defaults = []
        for image in context.images.images():
            if image.templated or not shadowed_by_prefix(image.written_image, repository.value):
                continue
            if image.image_node is None:
                shadowed_defaults.append(image)
                continue
            yield self.report(
                document,
                image.image_node,
                f"image {image.written_image} starts with repository {repository.value} but is not under "
                f"it: k0s {release.name} compares strings, leaves it unchanged and pulls {image.uri}",
                related=related,
            )
        if shadowed_defaults:
            names = ", ".join(image.component for image in shadowed_defaults)
            yield self.report(
                document,
                repository.node,
                f"repository {repository.value} is a string prefix of {len(shadowed_defaults)} default "
                f"image(s) ({names}, e.g. {shadowed_defaults[0].written_image}): k0s {release.name} "
                "leaves them unchanged, so they are not pulled from the repository",
            )
