from __future__ import annotations

import codecs

import pytest

from k0slint.yaml.source import SourceError, decode

TEXT = "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\n"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (TEXT.encode(), "utf-8", b""),
        (codecs.BOM_UTF8 + TEXT.encode(), "utf-8", codecs.BOM_UTF8),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE),
        (TEXT.encode("utf-16-le"), "utf-16-le", b""),
        (TEXT.encode("utf-16-be"), "utf-16-be", b""),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be"],
)
def test_decodes_and_round_trips(data: bytes, encoding: str, bom: bytes) -> None:
    source = decode("k0s.yaml", data)
    assert source.text == TEXT
    assert (source.encoding, source.bom) == (encoding, bom)
    assert source.encode(source.text) == data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"spec:\n  api: \xff\xfe\xfa\n" * 2,
            r"2:8: not valid UTF-8 text \(byte 0xff at offset 13\)",
        ),
        (b"\x00\x00\xfe\xff" + "a".encode("utf-32-be"), "UTF-32"),
        (b"spec: x\x00\x01\x02", "1:8: binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not valid UTF-8"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16"),
    ],
    ids=["bad-utf8", "utf32", "nul", "png", "lone-surrogate"],
)
def test_refuses_what_k0s_cannot_read(data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        decode("k0s.yaml", data)
