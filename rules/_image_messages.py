"""What the image rules say about the repository override, and the repository they speak of
(part of the built-in pack, not of the API)."""

from __future__ import annotations

from k0slint.api import (
    Applicability,
    ConfigDocument,
    EffectiveImage,
    Fix,
    RelatedLocation,
    ReplaceValue,
    Repository,
    Rule,
    RuleContext,
    override_repository,
)

FORGIVEN_DECODE = (
    "k0s stops decoding at {key} (a field it forgives afterwards) before it rewrites the "
    "node-local load balancing images (k0s issue #3986, unmerged fix PR #8018)"
)


def usable_repository(context: RuleContext) -> Repository | None:
    repository = context.images.repository
    return repository if repository is not None and repository.usable else None


def minor_name(context: RuleContext) -> str:
    version = context.release.version
    return f"{version.major}.{version.minor}"


def why_not_rewritten(context: RuleContext, image: EffectiveImage) -> str:
    """Why the repository override leaves `image` alone at this release."""
    if image.skipped == "forgiven-decode-error":
        forgiven = context.images.forgiven
        return FORGIVEN_DECODE.format(key=forgiven.name if forgiven else "a forgiven field")
    because = context.release.not_rewritten_because(image.field)
    fixed = context.releases.first_rewriting(context.release, image.field)
    if fixed is not None:
        return f"the repository override skips {image.component} before {fixed.name} ({because})"
    return (
        f"the repository override skips {image.component} in every {minor_name(context)} release ({because})"
    )


def repository_here(
    rule: Rule, document: ConfigDocument, repository: Repository
) -> tuple[RelatedLocation, ...]:
    return (rule.related(document, repository.node, "spec.images.repository is set here"),)


def mirrored_image_fix(context: RuleContext, image: EffectiveImage, repository: Repository) -> Fix:
    """Write the image k0s pulls (the repository override applied by hand) in place of `image`.

    Unsafe where the release lacks k0s's prefix check and the repository has a path: a later
    release that rewrites the component without the prefix check would add the path again."""
    assert image.image_node is not None
    mirrored = override_repository(repository.value, image.written_image, prefix_check=False)
    if repository.has_path and not context.release.prefix_check:
        return Fix(
            f"write {mirrored} (unsafe: a later release that rewrites {image.component} without the "
            "prefix check would add the repository path again)",
            Applicability.UNSAFE,
            (ReplaceValue(image.image_node, mirrored),),
        )
    return Fix(f"write {mirrored}", Applicability.SAFE, (ReplaceValue(image.image_node, mirrored),))
