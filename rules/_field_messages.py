"""Phrasing shared by the unknown-field rules (part of the built-in pack)."""

from __future__ import annotations

from k0slint.api import (
    RuleContext,
    UnknownKey,
    find_elsewhere,
    format_path,
    introduced_in_patch,
    minors_with_field,
    suggest,
)


def field_name(key: UnknownKey) -> str:
    return format_path((*key.path, key.name))


def did_you_mean(context: RuleContext, key: UnknownKey) -> tuple[str | None, str]:
    """The field meant (in the same mapping), and a hint that may point elsewhere."""
    close = suggest(key.name, key.known)
    if close is not None:
        return close, f"; did you mean {close!r}?"
    elsewhere = find_elsewhere(key.name, context.schema, key.path)
    if elsewhere is not None:
        return None, f"; did you mean {format_path(elsewhere)!r}?"
    return None, ""


def field_existence(context: RuleContext, key: UnknownKey) -> str | None:
    """ "exists from v1.28.2" / "exists up to 1.27.x" when the field belongs to other releases."""
    patch = introduced_in_patch(context.release, key.path, key.name)
    if patch is not None:
        return f"exists from v{'.'.join(map(str, patch))}"
    minors = minors_with_field(key.path, key.name)
    if not minors:
        return None
    first = context.releases.resolve_minor(minors[0])
    if context.release.version.minor_key < first.version.minor_key:
        return f"exists from {first.name}"
    return f"exists up to {minors[-1]}.x"
