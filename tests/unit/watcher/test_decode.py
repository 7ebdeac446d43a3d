"""Bounded decompression and charset detection."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest

from services.watcher.decode import (
    BadEncoding,
    ResponseTooLarge,
    decode_text,
    decoded_chunks,
    read_capped,
    sniff_charset,
)

TEXT = ("Торговля между Россией и Китаем выросла. " * 200).encode()


def chunked(data: bytes, size: int = 1000) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        (None, lambda d: d),
        ("identity", lambda d: d),
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", raw_deflate),
        ("br", brotli.compress),
        ("gzip, br", lambda d: brotli.compress(gzip.compress(d))),
        ("GZIP", gzip.compress),
    ],
)
def test_round_trip(encoding: str | None, encode: object) -> None:
    assert callable(encode)
    body = encode(TEXT)
    assert read_capped(chunked(body), encoding, len(TEXT)) == TEXT


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [("gzip", gzip.compress), ("br", brotli.compress), ("deflate", zlib.compress)],
)
def test_decompression_stops_at_the_limit(encoding: str, encode: object) -> None:
    assert callable(encode)
    bomb = encode(b"\0" * 5_000_000)
    with pytest.raises(ResponseTooLarge):
        read_capped(chunked(bomb, 65536), encoding, 1_000_000)


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_each_step_is_small_whatever_the_ratio(encoding: str) -> None:
    bomb = (
        gzip.compress(b"\0" * 5_000_000)
        if encoding == "gzip"
        else brotli.compress(b"\0" * 5_000_000)
    )
    sizes = [len(piece) for piece in decoded_chunks([bomb], encoding)]
    assert sum(sizes) == 5_000_000
    assert max(sizes) <= 2 * 64 * 1024  # brotli's limit is approximate


@pytest.mark.parametrize(("encoding", "body"), [("zstd", b"x"), ("gzip", b"not gzip at all")])
def test_bad_encodings(encoding: str, body: bytes) -> None:
    with pytest.raises(BadEncoding):
        read_capped([body], encoding, 1000)


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b"<html>", "text/html; charset=windows-1251", "cp1251"),
        (b"<html><meta charset='koi8-r'>", "text/html", "koi8-r"),
        (
            b'<html><meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
            None,
            "gb2312",
        ),
        (b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>', None, "iso8859-1"),
        (b"\xef\xbb\xbf<html>", "text/html; charset=latin-1", "utf-8"),  # a BOM wins
        (b"<html>", "text/html; charset=no-such-codec", "utf-8"),
        (b"<html>", None, "utf-8"),
    ],
)
def test_sniff_charset(body: bytes, content_type: str | None, expected: str) -> None:
    assert sniff_charset(body, content_type) == expected


def test_decode_text_replaces_undecodable_bytes() -> None:
    assert decode_text("Москва".encode("cp1251"), "text/html; charset=cp1251") == "Москва"
    assert decode_text(b"ok \xff", None) == "ok \ufffd"
