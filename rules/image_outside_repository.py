"""K0S101 image-outside-repository: k0s pulls a component image from outside spec.images.repository."""

from __future__ import annotations

from collections.abc import Iterator

from k0slint.api import ConfigDocument, Finding, Rule, RuleContext, Severity, is_under

from ._image_messages import mirrored_image_fix, repository_here, usable_repository, why_not_rewritten


class ImageOutsideRepository(Rule):
    """## What it does
    When `spec.images.repository` is set, flags every component image written in the
    config (`spec.images.*.image`, `spec.network.nodeLocalLoadBalancing.*.image.image`)
    that k0s pulls as written, outside that repository, because the k0s release in use
    does not rewrite it: the pushgateway up to v1.29.13, v1.30.9, v1.31.5 and v1.32.1 and
    in all of 1.26 - 1.28 (k0s #5455, fixed by PR #5520), or the node-local load balancing
    image when k0s stops decoding at a field it forgives (k0s #3986).

    An image written outside the repository that k0s does rewrite (the cluster pulls from
    the mirror, the file names another registry) is K0S110's; a string that starts with the
    repository without being under it is K0S104's.

    ## Why is this bad?
    In an air-gapped or regulated network every image must come from the mirror. The node
    cannot pull this image, or pulls it from the internet, although the config sets a
    repository.

    ## Example
    ```yaml
    # k0s v1.32.1+k0s.0
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: ghcr.io/mirantiscontainers
        pushgateway:
          image: quay.io/k0sproject/pushgateway-ttl
    ```

    ## Use instead
    ```yaml
    # k0s v1.32.1+k0s.0
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        repository: ghcr.io/mirantiscontainers
        pushgateway:
          image: ghcr.io/mirantiscontainers/k0sproject/pushgateway-ttl
    ```

    ## Fix safety
    The fix writes the image k0s would pull from the repository (the repository override
    applied by hand). It is unsafe where the release lacks k0s's prefix check and the
    repository has a path: a later release that rewrites this component without the prefix
    check (v1.29.14 - v1.29.15, v1.30.10 - v1.30.14, v1.31.6 - v1.31.11, v1.32.2 - v1.32.7,
    v1.33.1 - v1.33.3) would add the path a second time.

    ## Options
    None. Placeholders (`${REGISTRY}`, `<registry>`) are not judged (README "Placeholders").
    """

    code = "K0S101"
    security_severity = 7.5
    name = "image-outside-repository"
    severity = Severity.ERROR
    summary = "k0s pulls a component image from outside spec.images.repository"
    tags = ("supply-chain", "images")

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        repository = usable_repository(context)
        if repository is None:
            return
        for image in context.images.images():
            if image.image_node is None or image.templated:
                continue
            if image.skipped not in ("release", "forgiven-decode-error"):
                continue  # rewritten (K0S110) or kept by the prefix check (K0S104)
            if is_under(image.written_image, repository.value):
                continue  # K0S103 looks at doubled paths
            yield self.report(
                document,
                image.image_node,
                f"image {image.written_image} escapes repository {repository.value}: k0s "
                f"{context.release.name} pulls {image.uri}; {why_not_rewritten(context, image)}",
                fix=mirrored_image_fix(context, image, repository),
                related=repository_here(self, document, repository),
            )
