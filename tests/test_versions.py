from __future__ import annotations

import pytest

from k0slint.k0s.releases import load
from k0slint.k0s.versions import K0sVersion, VersionError, parse_version


@pytest.mark.parametrize(
    ("text", "tag", "noted"),
    [
        ("v1.32.1+k0s.0", "v1.32.1+k0s.0", False),
        ("1.32.1+k0s.0", "v1.32.1+k0s.0", False),
        ("v1.32.1", "v1.32.1+k0s.0", False),
        ("1.32", "v1.32.13+k0s.0", False),
        ("1.32.5", "v1.32.5+k0s.1", False),
        ("v1.36.3+k0s.1", "v1.36.3+k0s.1", False),
        ("v1.27.2-k0s.0", "v1.27.2+k0s.0", False),
        ("1.29.12", "v1.29.11+k0s.0", True),
        ("v1.34.0+k0s.0", "v1.34.1+k0s.0", True),  # never released: 1.34 began at v1.34.1
        ("v1.33.0", "v1.33.1+k0s.0", True),
        ("v1.28.0+k0s.0", "v1.28.2+k0s.0", True),
        ("v1.33.14+k0s.0", "v1.33.13+k0s.1", True),
        ("v1.36.9", "v1.36.3+k0s.2", True),
        ("v2.0", "v1.36.3+k0s.2", True),
        ("v1.22.2+k0s.1", "v1.26.0+k0s.0", True),
        ("1.26.2-rc.1+k0s.0", "v1.26.2+k0s.0", True),
    ],
)
def test_resolves_to_a_known_tag(text: str, tag: str, noted: bool) -> None:
    release, note = load().resolve(parse_version(text))
    assert release.tag == tag
    assert (note is not None) == noted


@pytest.mark.parametrize("text", ["foo", "1", "v1.32.1+k0s", "1.32+k0s.0", "latest", "v1.32.1.1"])
def test_garbage_is_refused(text: str) -> None:
    with pytest.raises(VersionError):
        parse_version(text)


def test_ordering_and_text() -> None:
    assert str(K0sVersion(1, 32, 1, 0)) == "v1.32.1+k0s.0"
    assert str(parse_version("1.32")) == "v1.32"


def test_every_tag_in_the_data_resolves_to_itself() -> None:
    data = load()
    assert len(data.tags) == 147
    for tag in data.tags:
        assert data.resolve(parse_version(tag))[0].tag == tag
