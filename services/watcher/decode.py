"""Bounded decoding of response bodies: decompression in small steps, and text charsets."""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterable, Iterator

import brotli

from shared.constants import WATCHER_DECODE_STEP_BYTES
from shared.errors import InvalidInput

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SUPPORTED_ENCODINGS = ("gzip", "x-gzip", "deflate", "br", "identity")


class ResponseTooLarge(InvalidInput):
    """A body (after decompression) above the configured cap: cut off, never fully read."""


class BadEncoding(InvalidInput):
    """A Content-Encoding we did not ask for, or a corrupt compressed stream."""


def _inflate(chunks: Iterable[bytes], wbits: int) -> Iterator[bytes]:
    """zlib/gzip decompression that never produces more than one step of output at once."""
    decoder = zlib.decompressobj(wbits)
    for chunk in chunks:
        data = chunk
        while data:
            out = decoder.decompress(data, WATCHER_DECODE_STEP_BYTES)
            data = decoder.unconsumed_tail
            if out:
                yield out
            if decoder.eof:
                return


def _deflate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """HTTP "deflate" is zlib-wrapped by the RFC and raw by many servers; accept both."""
    iterator = iter(chunks)
    first = next(iterator, b"")
    raw = bool(first) and (first[0] & 0x0F) != 8  # zlib streams start with CM=8 (deflate)
    yield from _inflate(_prepend(first, iterator), -zlib.MAX_WBITS if raw else zlib.MAX_WBITS)


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _unbrotli(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Brotli in steps: after each limited step, drain with empty input until nothing comes out
    (can_accept_more_data() is no guide: it says True while output is still pending)."""
    decoder = brotli.Decompressor()
    for chunk in chunks:
        out = decoder.process(chunk, output_buffer_limit=WATCHER_DECODE_STEP_BYTES)
        while True:
            if out:
                yield out
            if decoder.is_finished():
                return
            if not out and decoder.can_accept_more_data():
                break
            out = decoder.process(b"", output_buffer_limit=WATCHER_DECODE_STEP_BYTES)


def _stage(encoding: str, chunks: Iterable[bytes]) -> Iterable[bytes]:
    if encoding in ("gzip", "x-gzip"):
        return _inflate(chunks, 16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return _deflate(chunks)
    if encoding == "br":
        return _unbrotli(chunks)
    if encoding == "identity":
        return chunks
    raise BadEncoding(f"unsupported content-encoding {encoding!r}")


def decoded_chunks(raw: Iterable[bytes], content_encoding: str | None) -> Iterable[bytes]:
    """The body as it was before the server's encodings (listed in the order applied)."""
    encodings = [e.strip().lower() for e in (content_encoding or "").split(",") if e.strip()]
    stream: Iterable[bytes] = raw
    for encoding in reversed(encodings):
        stream = _stage(encoding, stream)
    return stream


def read_capped(raw: Iterable[bytes], content_encoding: str | None, limit: int) -> bytes:
    """Decode and collect the body; raise ResponseTooLarge as soon as it exceeds `limit`."""
    parts: list[bytes] = []
    size = 0
    try:
        for piece in decoded_chunks(raw, content_encoding):
            size += len(piece)
            if size > limit:
                raise ResponseTooLarge(f"body exceeds {limit} bytes after decompression")
            parts.append(piece)
    except (zlib.error, brotli.error) as exc:
        raise BadEncoding(f"corrupt {content_encoding} body: {exc}") from exc
    return b"".join(parts)


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def header_charset(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return _known_codec(match.group(1)) if match else None


def sniff_charset(body: bytes, content_type: str | None) -> str:
    """The charset from the header, a BOM, a <meta> or an XML declaration; else UTF-8."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    found = header_charset(content_type)
    if found:
        return found
    head = body[:4096]
    for pattern in (_XML_ENCODING, _CHARSET):
        match = pattern.search(head)
        codec = _known_codec(match.group(1).decode("ascii", "replace")) if match else None
        if codec:
            return codec
    return "utf-8"


def decode_text(body: bytes, content_type: str | None) -> str:
    """Bytes to text in the document's own charset; undecodable bytes become U+FFFD."""
    charset = sniff_charset(body, content_type)
    text = body.decode(charset, errors="replace")
    return text.lstrip("\ufeff")
