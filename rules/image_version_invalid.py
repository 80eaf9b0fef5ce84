"""K0S108 image-version-invalid: an image or version gives a reference k0s refuses or no runtime can pull."""

from __future__ import annotations

import re
from collections.abc import Iterator

from k0slint.api import (
    ConfigDocument,
    EffectiveImage,
    Finding,
    Rule,
    RuleContext,
    Severity,
    k0s_host,
    name_problem,
)

# What a container runtime takes after `image:` — a tag with an optional digest — whatever
# the k0s release checks (ImageSpec.Validate, pkg/apis/k0s/v1beta1/images.go, v1.31.1+).
RUNTIME_VERSION = re.compile(
    r"[\w][\w.-]{0,127}(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?\Z", re.ASCII
)
DIGEST_FIRST_TAGS = "v1.27.16, v1.28.12, v1.29.7, v1.30.3 and v1.31.1"


def _validated(context: RuleContext, field: str) -> bool:
    """k0s checks NLLB image specs in every release, spec.images ones from v1.31.1 (PR #4817)."""
    return field.startswith("network.") or context.release.imagespecs_validated


def version_problem(context: RuleContext, image: EffectiveImage) -> str | None:
    version = image.written_version
    if _validated(context, image.field):
        if context.release.version_pattern.match(version):
            return None
        if "@" in version and not context.release.version_digest:
            return (
                f"version {version!r}: k0s {context.release.name} refuses a digest in the version "
                f"(allowed from {DIGEST_FIRST_TAGS})"
            )
        return (
            f"version {version!r} does not match k0s {context.release.name}'s version pattern "
            f"{context.release.version_pattern.pattern}"
        )
    if RUNTIME_VERSION.match(version):
        return None
    return f"version {version!r} makes {image.written_image}:{version}, which is not an image reference"


def image_problem(image: EffectiveImage) -> str | None:
    text = image.written_image
    if not text.strip():
        return "image is empty"
    if text != text.strip():
        return f"image {text!r} has leading or trailing whitespace"
    name = text[len(k0s_host(text)) :]
    if "@" in name:
        return (
            f"image {text} carries a digest; k0s appends ':<version>', giving {text}:{image.written_version}"
        )
    if ":" in name.rsplit("/", 1)[-1]:
        return (
            f"image {text} carries a tag; k0s appends ':<version>', giving {text}:{image.written_version}; "
            "put the tag in version"
        )
    problem = name_problem(text)
    if problem is not None:
        return f"image {text!r} is not a name a container runtime can pull: {problem}"
    return None


class ImageVersionInvalid(Rule):
    """## What it does
    Checks each image written in the config the way k0s builds its reference,
    `<image>:<version>`:

    - `version` must match the version pattern of the k0s release in use: a tag, and a
      `@sha256:...` digest only from v1.27.16, v1.28.12, v1.29.7, v1.30.3 and v1.31.1; a
      digest alone (`sha256:...`) is never valid. Releases before v1.31.1 do not check
      `spec.images.*` (k0s PR #4817) but still build the reference: a version no runtime
      accepts is reported there too;
    - `image` must not carry a tag or digest itself (`quay.io/x/coredns:1.12` becomes
      `quay.io/x/coredns:1.12:1.12.0`), must not be empty and must not have surrounding
      whitespace;
    - `image` must be a name of the OCI distribution reference grammar
      (github.com/distribution/reference, which containerd parses with): an optional
      registry host with an optional port, then lower-case path components of letters and
      digits joined by `.`, `_`, `__` or `-` (`quay.io/Coredns`, `quay.io/k0s project/x`
      and a name holding a line break are not). k0s never checks the name (it checks only
      the version, against the same package's tag and digest patterns), so k0s starts and
      the node fails to pull.

    ## Why is this bad?
    From v1.31.1 k0s refuses to start with such a config
    (`images.coredns.version: Invalid value: ...: must match regular expression`); before,
    the node tries to pull a reference that does not exist.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        coredns:
          image: quay.io/k0sproject/coredns:1.12.0
          version: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      images:
        coredns:
          image: quay.io/k0sproject/coredns
          version: 1.12.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    ```

    ## Fix safety
    No fix: which tag belongs with a digest, or which spelling of a name was meant, is the
    author's to say. No fix of any rule writes an image or repository that breaks this
    grammar: such a fix is not offered, and the finding says why.

    ## Options
    None. Placeholders (`${VERSION}`, `<registry>/coredns`) are not judged (README "Placeholders").
    """

    code = "K0S108"
    name = "image-version-invalid"
    severity = Severity.ERROR
    summary = "An image or version gives a reference k0s refuses or no runtime can pull"
    tags = ("images",)

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        for image in context.images.images():
            if image.templated:
                continue
            if image.image_node is not None:
                problem = image_problem(image)
                if problem is not None:
                    yield self.report(document, image.image_node, problem)
            if image.version_node is not None:
                problem = version_problem(context, image)
                if problem is not None:
                    yield self.report(document, image.version_node, problem)
