"""K0S103 repository-path-doubled: k0s adds a path-style spec.images.repository twice."""

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
    is_under,
    k0s_host,
    override_repository,
)

from ._image_messages import repository_here, usable_repository

PREFIX_CHECK_TAGS = "v1.31.12, v1.32.8, v1.33.4 and v1.34.1"


class RepositoryPathDoubled(Rule):
    """## What it does
    On k0s releases without the repository prefix check (before v1.31.12, v1.32.8, v1.33.4
    and v1.34.1; k0s #6230, fixed by PR #6243), flags a `spec.images.repository` with a path
    (`registry.acme.io/mirror`) that k0s applies twice:

    - an image written already under that repository is rewritten again:
      `registry.acme.io/mirror/coredns` becomes `registry.acme.io/mirror/mirror/coredns`;
    - with dynamic config (k0sctl `spec.k0s.dynamicConfig: true` or a controller with
      `--enable-dynamic-config`) k0s stores the rewritten config and decodes it a second
      time, so every rewritten image gets the path twice.

    ## Why is this bad?
    The doubled reference does not exist in the mirror: pods stay in `ImagePullBackOff`.

    ## Example
    ```yaml
    # k0s v1.32.7
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.io/mirror
        coredns:
          image: registry.acme.io/mirror/k0sproject/coredns
    ```

    ## Use instead
    ```yaml
    # k0s v1.32.7
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: registry.acme.io/mirror
        coredns:
          image: k0sproject/coredns
    ```
    k0s prepends the repository to an image without a registry host, once.

    ## Fix safety
    The fix removes the repository from the image (`k0sproject/coredns`), so that k0s adds
    it exactly once; every release, with or without the prefix check, then pulls the
    intended reference. It is safe. There is no fix for the dynamic config case but an
    upgrade to a release with the prefix check.

    ## Options
    None.
    """

    code = "K0S103"
    security_severity = 5.0
    name = "repository-path-doubled"
    severity = Severity.ERROR
    summary = "k0s adds a path-style spec.images.repository twice"
    tags = ("supply-chain", "images")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        repository = usable_repository(context)
        release = context.release
        if repository is None or release.prefix_check or not repository.has_path:
            return
        related = repository_here(self, document, repository)
        for image in context.images.images():
            if (
                image.image_node is None
                or image.templated
                or not is_under(image.written_image, repository.value)
            ):
                continue
            if not image.rewritten:
                continue
            rest = image.written_image[len(repository.value.rstrip("/")) + 1 :]
            fix = None
            if rest and not k0s_host(rest):
                fix = Fix(
                    f"write {rest}; k0s adds {repository.value} once",
                    Applicability.SAFE,
                    (ReplaceValue(image.image_node, rest),),
                )
            yield self.report(
                document,
                image.image_node,
                f"image {image.written_image} is already under repository {repository.value}; k0s "
                f"{release.name} adds the path again and pulls {image.uri} (k0s #6230; fixed in "
                f"{PREFIX_CHECK_TAGS})",
                fix=fix,
                related=related,
            )
        if document.dynamic_config:
            sample = override_repository(
                repository.value,
                context.images.image("images.coredns").image,
                prefix_check=False,
            )
            yield self.report(
                document,
                repository.node,
                f"with dynamic config k0s {release.name} decodes the stored config a second time and adds "
                f"repository {repository.value} again to every image (coredns: {sample}); k0s #6230, "
                f"fixed in {PREFIX_CHECK_TAGS}",
            )
