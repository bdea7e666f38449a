"""The text of each page of a PDF that Chromium prints (``page.pdf()``), without a PDF library.

Chromium's PDFs (Skia) are simple: uncompressed object syntax, FlateDecode content streams, and
text drawn in Type0 fonts whose glyph codes (hex strings, four digits each) a ToUnicode CMap
maps back to characters. This reads exactly that, enough for tests to find the words on each
page; it is no general PDF reader (no object streams, no encryption, no other encodings).
"""

from __future__ import annotations

import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_REF = re.compile(rb"(\d+) 0 R")
_TOKEN = re.compile(rb"/([\w.+-]+) [\d.]+ Tf|<([0-9A-Fa-f]*)>|\bET\b")


def _stream(body: bytes) -> bytes:
    head, _, rest = body.partition(b"stream")
    raw = rest.lstrip(b"\r\n").rsplit(b"endstream", 1)[0]
    return zlib.decompress(raw) if b"/FlateDecode" in head else raw


def _cmap(text: bytes) -> dict[int, str]:
    """Glyph code → characters, from the bfchar and bfrange sections of a ToUnicode CMap."""
    mapping: dict[int, str] = {}
    hexes = rb"<([0-9A-Fa-f]+)>\s*"
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for source, target in re.findall(hexes * 2, block):
            mapping[int(source, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, target in re.findall(hexes * 3, block):
            first = int(target, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


def _leaves(objects: dict[int, bytes], node: int) -> list[bytes]:
    """The pages under page tree ``node``, in order (the tree of a long document is nested)."""
    body = objects[node]
    if not re.search(rb"/Type /Pages\b", body):
        return [body]
    kids = re.search(rb"/Kids \[(.*?)\]", body, re.S)
    assert kids is not None
    return [page for kid in _REF.findall(kids.group(1)) for page in _leaves(objects, int(kid))]


def page_texts(data: bytes) -> list[str]:
    """The text of each page, in the order it is drawn; each text object ends a line."""
    objects = {int(m.group(1)): m.group(2) for m in _OBJECT.finditer(data)}
    catalog = next(body for body in objects.values() if re.search(rb"/Type /Catalog\b", body))
    root = re.search(rb"/Pages (\d+) 0 R", catalog)
    assert root is not None
    texts = []
    for page in _leaves(objects, int(root.group(1))):
        fonts: dict[bytes, dict[int, str]] = {}
        declared = re.search(rb"/Font <<(.*?)>>", page, re.S)
        for name, ref in re.findall(
            rb"/([\w.+-]+) (\d+) 0 R", declared.group(1) if declared else b""
        ):
            unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)])
            fonts[name] = _cmap(_stream(objects[int(unicode.group(1))])) if unicode else {}
        contents = re.search(rb"/Contents (?:\[(.*?)\]|(\d+) 0 R)", page, re.S)
        assert contents is not None
        refs = _REF.findall(contents.group(1)) if contents.group(1) else [contents.group(2)]
        out: list[str] = []
        for ref in refs:
            font: dict[int, str] = {}
            for token in _TOKEN.finditer(_stream(objects[int(ref)])):
                if token.group(1) is not None:
                    font = fonts.get(token.group(1), {})
                elif token.group(2) is not None:
                    codes = token.group(2)
                    out.extend(
                        font.get(int(codes[i : i + 4], 16), "\ufffd")
                        for i in range(0, len(codes), 4)
                    )
                else:
                    out.append("\n")
        texts.append("".join(out))
    return texts
