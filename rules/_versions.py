"""Which k0s releases have a behaviour (part of the built-in pack)."""

from __future__ import annotations

from k0slint.api import Release


def since(release: Release, *firsts: str) -> bool:
    """Whether `release` has a change first released in `firsts` ("1.31.13", ..., "1.34.1"):
    the listed patch of its own minor, or any release of a minor after the last listed."""
    version = release.version
    mine = (version.major, version.minor, version.patch or 0)
    thresholds = [tuple(int(part) for part in first.split(".")) for first in firsts]
    for threshold in thresholds:
        if threshold[:2] == mine[:2]:
            return mine >= threshold
    return mine[:2] > max(threshold[:2] for threshold in thresholds)
