"""An SVG cover, made safe: well-formed XML with an SVG root, and nothing that runs or fetches.

``clean_svg(b'<svg xmlns="http://www.w3.org/2000/svg" onload="go()"><script>go()</script>'
b'<rect width="2"/></svg>')`` →
``CleanSvg(data=b'<?xml version="1.0" encoding="UTF-8"?>\\n<svg xmlns="…"><rect width="2"/>'
b'</svg>\\n', removed=("<script>", "onload"))``

* refused (:class:`NotSvgError`, with the reason): bytes that are not well-formed XML, a
  root that is not ``<svg>`` in the SVG namespace (an HTML page), a DOCTYPE that declares
  anything (entities: the "billion laughs"), elements nested over 256 deep
* removed, and named in ``removed``: ``<script>``, ``<foreignObject>`` (HTML inside the
  image) and SVG Tiny's ``<handler>`` and ``<listener>``; every ``on…`` attribute; an
  ``href`` that is not ``#a-fragment`` or an embedded ``data:image/png`` (or JPEG, GIF,
  WebP); any value with a ``javascript:`` URL or CSS that loads from elsewhere (``url(…)``
  other than ``url(#…)``, ``@import``); an animation that changes a link or a handler
* dropped without a word: comments, processing instructions, and elements and attributes
  of other namespaces (an editor's own data, such as Inkscape's and RDF metadata)

The image is written anew from the parsed tree (UTF-8, the SVG namespace as the default),
so nothing the parser did not understand passes through.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
MAX_DEPTH = 256

_RUNS = frozenset({"script", "foreignObject", "handler", "listener"})
"""Elements (of any namespace) that run code or hold HTML."""
_ANIMATIONS = frozenset({"set", "animate", "animateColor", "animateMotion", "animateTransform"})
_DATA_IMAGE_RE = re.compile(r"^data:image/(?:png|jpeg|gif|webp)[;,]", re.IGNORECASE)
_SCRIPT_URL_RE = re.compile(r"(?:java|vb)script:", re.IGNORECASE)
_EXTERNAL_CSS_RE = re.compile(
    r"@import|url\(\s*['\"]?\s*(?!['\"\s#])|expression\s*\(|-moz-binding|behavior\s*:",
    re.IGNORECASE,
)
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f]+")


class NotSvgError(ValueError):
    """Why the bytes are not an SVG image fit for a cover: ``its root is <html>, not <svg>``."""


@dataclass(frozen=True, slots=True)
class CleanSvg:
    """The image written anew, and what was taken out of it (one entry per kind)."""

    data: bytes
    removed: tuple[str, ...]


def clean_svg(data: bytes) -> CleanSvg:
    """Parse ``data`` as SVG and write it anew without what could run or fetch (see above)."""
    _refuse_declarations(data)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise NotSvgError(f"not well-formed XML ({exc})") from None
    if root.tag != f"{{{SVG}}}svg":
        raise NotSvgError(f"its root is <{_local(root.tag)}>, not an SVG <svg>")
    removed: dict[str, None] = {}
    body: list[str] = []
    uses_xlink = any(k.startswith(f"{{{XLINK}}}") for e in root.iter() for k in e.attrib)
    namespaces = f' xmlns="{SVG}"' + (f' xmlns:xlink="{XLINK}"' if uses_xlink else "")
    _write(root, body, removed, namespaces, 0)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + "".join(body) + "\n"
    return CleanSvg(text.encode("utf-8"), tuple(removed))


def _refuse_declarations(data: bytes) -> None:
    """Refuse a DOCTYPE that declares anything, before the tree is built (no entity expands)."""
    import pyexpat

    parser = pyexpat.ParserCreate()

    def doctype(name: str, sysid: str | None, pubid: str | None, internal: int) -> None:
        if internal:
            raise NotSvgError("its DOCTYPE declares entities or elements (not allowed in a cover)")

    def entity(*args: Any) -> None:
        raise NotSvgError("it declares entities (not allowed in a cover)")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.NotationDeclHandler = entity
    try:
        parser.Parse(data, True)
    except pyexpat.ExpatError as exc:
        raise NotSvgError(f"not well-formed XML ({exc})") from None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def _dropped(elem: ET.Element, removed: dict[str, None]) -> bool:
    """True when ``elem`` and all inside it are left out (what is worth saying: in ``removed``)."""
    local = _local(elem.tag)
    if local in _RUNS:
        removed[f"<{local}>"] = None
        return True
    if _namespace(elem.tag) != SVG:
        return True  # an editor's data (Inkscape, RDF metadata): not part of the image
    if local in _ANIMATIONS:
        target = _local(elem.get("attributeName", "").strip()).lower()
        if target == "href" or target.startswith("on"):
            removed[f"<{local}> of {target}"] = None
            return True
    if local == "style" and _EXTERNAL_CSS_RE.search("".join(elem.itertext())):
        removed["<style> that loads from elsewhere"] = None
        return True
    return False


def _attributes(elem: ET.Element, removed: dict[str, None]) -> str:
    out: list[str] = []
    for key, value in elem.attrib.items():
        space, local = _namespace(key), _local(key)
        if space not in ("", XLINK, XML):
            continue  # an editor's data
        if local.lower().startswith("on"):
            removed[local] = None
            continue
        plain = _INVISIBLE_RE.sub("", value)
        if _SCRIPT_URL_RE.search(plain):
            removed["javascript: link"] = None
            continue
        if local == "href" and not (plain.startswith("#") or _DATA_IMAGE_RE.match(plain)):
            removed["link to elsewhere"] = None
            continue
        if _EXTERNAL_CSS_RE.search(value):
            removed["style that loads from elsewhere"] = None
            continue
        name = f"xlink:{local}" if space == XLINK else f"xml:{local}" if space == XML else local
        out.append(f' {name}="{_escape(value, attribute=True)}"')
    return "".join(out)


def _write(
    elem: ET.Element, out: list[str], removed: dict[str, None], extra: str, depth: int
) -> None:
    if depth > MAX_DEPTH:
        raise NotSvgError(f"its elements nest over {MAX_DEPTH} deep")
    local = _local(elem.tag)
    out.append(f"<{local}{extra}{_attributes(elem, removed)}")
    inner: list[str] = [_escape(elem.text)] if elem.text else []
    for child in elem:
        if not _dropped(child, removed):
            _write(child, inner, removed, "", depth + 1)
        if child.tail:
            inner.append(_escape(child.tail))
    if inner:
        out.append(">")
        out.extend(inner)
        out.append(f"</{local}>")
    else:
        out.append("/>")


_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;",
     "\r": "&#13;"}
)  # fmt: skip


def _escape(text: str, *, attribute: bool = False) -> str:
    return text.translate(_ATTRIBUTE_ESCAPES if attribute else _TEXT_ESCAPES)


__all__ = ["MAX_DEPTH", "CleanSvg", "NotSvgError", "clean_svg"]
