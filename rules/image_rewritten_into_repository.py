"""K0S110 image-rewritten-into-repository: an image names another registry; k0s rewrites it there."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import ConfigDocument, Finding, Rule, RuleContext, Severity, is_under, shadowed_by_prefix

from ._image_messages import mirrored_image_fix, repository_here, usable_repository


class ImageRewrittenIntoRepository(Rule):
    """## What it does
    When `spec.images.repository` is set, flags every component image written in the
    config (`spec.images.*.image`, `spec.network.nodeLocalLoadBalancing.*.image.image`)
    that names another registry although k0s rewrites it into the repository: k0s applies
    the repository to explicit images too (`ClusterImages.UnmarshalJSON` in
    pkg/apis/k0s/v1beta1/images.go, every release), so the cluster pulls
    `<repository>/...`, not what the file says. k0s's own configuration docs show such a
    config.

    Images that k0s pulls as written, outside the repository, are K0S101's (an error).

    ## Why is this bad?
    The cluster pulls from the mirror, but the file says otherwise: audits, mirroring
    scripts and reviewers read `quay.io/...` and act on the wrong image.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: ghcr.io/mirantiscontainers
        coredns:
          image: quay.io/k0sproject/coredns
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: ghcr.io/mirantiscontainers
        coredns:
          image: ghcr.io/mirantiscontainers/k0sproject/coredns
    ```

    On releases without k0s's prefix check (before v1.31.12, v1.32.8, v1.33.4, v1.34.1) a
    repository with a path (`registry.acme.io/mirror`) leaves no way to write a rewritten
    image truthfully (the full mirrored path would be doubled, K0S103), so nothing is
    reported there. Strings that start with the repository without being under it are
    K0S104's.

    ## Fix safety
    The fix writes the image k0s pulls (the repository override applied by hand), which
    changes nothing the cluster pulls: safe.

    ## Options
    None. Placeholders (`${REGISTRY}`, `<registry>`) are not judged (README "Placeholders").
    """

    code = "K0S110"
    security_severity = 3.0
    name = "image-rewritten-into-repository"
    severity = Severity.WARNING
    summary = "An image names another registry; k0s rewrites it into spec.images.repository"
    tags = ("supply-chain", "images")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        repository = usable_repository(context)
        if repository is None:
            return
        release = context.release
        for image in context.images.images():
            if image.image_node is None or image.templated or image.skipped is not None:
                continue  # escapes: K0S101; kept by the prefix check: K0S104
            written = image.written_image
            if is_under(written, repository.value):
                continue  # K0S103 looks at doubled paths
            if release.prefix_check and shadowed_by_prefix(written, repository.value):
                continue  # K0S104's case
            if not release.prefix_check and repository.has_path:
                continue  # no spelling avoids the rewrite: the mirrored path would be doubled (K0S103)
            yield self.report(
                document,
                image.image_node,
                f"image {written} is outside repository {repository.value}; "
                f"k0s {release.name} rewrites it and pulls {image.uri}",
                fix=mirrored_image_fix(context, image, repository),
                related=repository_here(self, document, repository),
            )
