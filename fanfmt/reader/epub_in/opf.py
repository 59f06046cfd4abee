"""An EPUB's package, read: ``container.xml`` → the OPF → metadata, spine order, contents.

``read_package(archive)`` → a :class:`Package`::

    Package(title="The Lamp at Gull Point", authors=("Ada Quill",), language="en",
            subjects=("Drama", "Mystery"), description="…", published="2020-05-01",
            updated="2020-06-02", source="http://test1.com?sid=1001", series="", …,
            spine=("OEBPS/title_page.xhtml", "OEBPS/file0001.xhtml", …),
            titles={"OEBPS/file0001.xhtml": "Chapter 1: The Lamp", …},
            cover="OEBPS/images/cover.jpg")

EPUB 2 and 3 alike: ``opf:role`` and ``refines`` roles, ``opf:event`` dates, calibre's
``calibre:series`` and EPUB 3's ``belongs-to-collection``, the EPUB 3 navigation document
and the EPUB 2 NCX, ``properties="cover-image"`` and ``<meta name="cover">``.

XML is parsed by the standard library's expat after a first pass that refuses any DOCTYPE
declaring entities or elements (no entity is ever expanded: the "billion laughs"); nothing
is fetched (an external DTD is never read).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from fanfmt.errors import InputError
from fanfmt.reader.epub_in.archive import EpubArchive, resolve

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
NCX = "http://www.daisy.org/z3986/2005/ncx/"
XHTML_TYPES = frozenset({"application/xhtml+xml", "text/html"})
_URL_RE = re.compile(r"^https?://", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Package:
    """What the package document says (see the module docstring)."""

    opf: str
    title: str = ""
    authors: tuple[str, ...] = ()
    language: str = ""
    subjects: tuple[str, ...] = ()
    description: str = ""
    published: str = ""
    updated: str = ""
    source: str = ""
    publisher: str = ""
    series: str = ""
    series_index: int | None = None
    spine: tuple[str, ...] = ()
    """The spine's XHTML documents, as zip names, in reading order."""
    titles: dict[str, str] = field(default_factory=dict)
    """Zip name → the first contents entry that leads to it."""
    cover: str = ""
    """The cover image's zip name, or ``""``."""
    typed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The facts fanfmt keeps as ``<meta name="fanfmt:rating" content="…">`` (a book it
    made): ``{"rating": ("Teen And Up Audiences",), "fandoms": ("Naruto",)}``."""
    identifier: str = ""
    """The book's own identifier (the ``dc:identifier`` the package names as unique)."""


def parse_xml(data: bytes, what: str) -> ET.Element:
    """``data`` as an XML tree; a DOCTYPE that declares anything, or bad XML: ``InputError``."""
    import pyexpat

    parser = pyexpat.ParserCreate()

    def doctype(name: str, sysid: str | None, pubid: str | None, internal: int) -> None:
        if internal:
            raise InputError(f"{what}: its DOCTYPE declares entities (not allowed in an EPUB)")

    def entity(*args: Any) -> None:
        raise InputError(f"{what}: it declares entities (not allowed in an EPUB)")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    try:
        parser.Parse(data, True)
        return ET.fromstring(data)
    except (pyexpat.ExpatError, ET.ParseError) as exc:
        raise InputError(f"{what}: not well-formed XML ({exc})") from None


def _text(elem: ET.Element) -> str:
    return " ".join("".join(elem.itertext()).split())


def container_rootfile(archive: EpubArchive) -> str:
    """The zip name of the package document ``META-INF/container.xml`` names."""
    where = f"{archive.source}: META-INF/container.xml"
    if not archive.has("META-INF/container.xml"):
        opfs = [n for n in archive.names() if n.lower().endswith(".opf")]
        if len(opfs) == 1:  # a book without its container: its one package
            return opfs[0]
        raise InputError(f"{archive.source}: not an EPUB (no META-INF/container.xml)")
    root = parse_xml(archive.read("META-INF/container.xml"), where)
    for elem in root.iter(f"{{{CONTAINER}}}rootfile"):
        path = resolve("", elem.get("full-path", ""))
        if path and archive.has(path):
            return path
    raise InputError(f"{where}: names no package document the EPUB holds")


def read_package(archive: EpubArchive) -> Package:
    """Read the package document and its contents (see the module docstring)."""
    opf = container_rootfile(archive)
    root = parse_xml(archive.read(opf), f"{archive.source}: {opf}")
    metadata = root.find(f"{{{OPF}}}metadata")
    manifest = root.find(f"{{{OPF}}}manifest")
    spine = root.find(f"{{{OPF}}}spine")
    if manifest is None or spine is None:
        raise InputError(f"{archive.source}: {opf} has no manifest or no spine")
    items = {item.get("id", ""): item for item in manifest.iter(f"{{{OPF}}}item") if item.get("id")}
    order: list[str] = []
    for ref in spine.iter(f"{{{OPF}}}itemref"):
        item = items.get(ref.get("idref", ""))
        if item is None or item.get("media-type", "") not in XHTML_TYPES:
            continue
        name = resolve(opf, item.get("href", ""))
        if name and archive.has(name) and name not in order:
            order.append(name)
    facts = _metadata(metadata) if metadata is not None else {}
    return Package(
        opf=opf,
        identifier=_identifier(metadata, root.get("unique-identifier", "")),
        spine=tuple(order),
        titles=_titles(archive, opf, items, spine),
        cover=_cover(archive, opf, items, metadata),
        **facts,
    )


def _metadata(metadata: ET.Element) -> dict[str, Any]:
    refines: dict[str, dict[str, str]] = {}
    names: dict[str, str] = {}
    properties: list[tuple[str, str, str]] = []  # (property, id, text)
    typed: dict[str, list[str]] = {}
    for meta in metadata.iter(f"{{{OPF}}}meta"):
        if meta.get("refines"):
            target = meta.get("refines", "").lstrip("#")
            refines.setdefault(target, {})[meta.get("property", "")] = _text(meta)
        elif meta.get("name"):
            name, content = meta.get("name", ""), " ".join(meta.get("content", "").split())
            names.setdefault(name, content)
            if name.startswith("fanfmt:") and content:
                typed.setdefault(name.removeprefix("fanfmt:"), []).append(content)
        elif meta.get("property"):
            properties.append((meta.get("property", ""), meta.get("id", ""), _text(meta)))
    out: dict[str, Any] = {}
    titles = [_text(e) for e in metadata.iter(f"{{{DC}}}title") if _text(e)]
    out["title"] = titles[0] if titles else ""
    authors = []
    for e in metadata.iter(f"{{{DC}}}creator"):
        role = e.get(f"{{{OPF}}}role") or refines.get(e.get("id", ""), {}).get("role", "")
        if role in ("", "aut") and _text(e):
            authors.append(_text(e))
    out["authors"] = tuple(dict.fromkeys(authors))
    languages = [_text(e) for e in metadata.iter(f"{{{DC}}}language") if _text(e)]
    out["language"] = languages[0] if languages else ""
    subjects = [_text(e) for e in metadata.iter(f"{{{DC}}}subject") if _text(e)]
    out["subjects"] = tuple(dict.fromkeys(subjects))
    descriptions = ["".join(e.itertext()).strip() for e in metadata.iter(f"{{{DC}}}description")]
    out["description"] = next((d for d in descriptions if d), "")
    for e in metadata.iter(f"{{{DC}}}date"):
        event = e.get(f"{{{OPF}}}event", "")
        value = _text(e)
        if event in ("", "publication", "original-publication") and not out.get("published"):
            out["published"] = value
        elif event == "modification" and not out.get("updated"):
            out["updated"] = value
    if not out.get("published"):
        out["published"] = names.get("fanfmt:published", "")
    if not out.get("updated"):
        out["updated"] = names.get("fanfmt:updated", "")
    sources = [_text(e) for e in metadata.iter(f"{{{DC}}}source") if _text(e)]
    urls = [_text(e) for e in metadata.iter(f"{{{DC}}}identifier") if _URL_RE.match(_text(e))]
    out["source"] = next(iter(sources + urls), "")
    publishers = [_text(e) for e in metadata.iter(f"{{{DC}}}publisher") if _text(e)]
    out["publisher"] = publishers[0] if publishers else ""
    series, index = names.get("calibre:series", ""), names.get("calibre:series_index", "")
    if not series:
        for prop, ident, text in properties:
            if prop == "belongs-to-collection" and text:
                series, index = text, refines.get(ident, {}).get("group-position", "")
                break
    out["series"] = series
    out["series_index"] = _index(index) if series else None
    out["typed"] = {k: tuple(dict.fromkeys(v)) for k, v in typed.items()}
    return out


def _identifier(metadata: ET.Element | None, unique: str) -> str:
    """The ``dc:identifier`` whose id the package's ``unique-identifier`` names, else the
    first one, else ``""``."""
    if metadata is None:
        return ""
    found = [(e.get("id", ""), _text(e)) for e in metadata.iter(f"{{{DC}}}identifier") if _text(e)]
    named = [text for ident, text in found if unique and ident == unique]
    return next(iter(named + [text for _, text in found]), "")


def _index(text: str) -> int | None:
    """``"2"``, ``"2.0"`` → 2; ``"1.5"``, ``""`` → None (fanfmt's index is a whole number)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() and value >= 1 else None


def _titles(
    archive: EpubArchive, opf: str, items: dict[str, ET.Element], spine: ET.Element
) -> dict[str, str]:
    """Zip name → contents title, from the EPUB 3 navigation document, else the NCX."""
    titles: dict[str, str] = {}
    nav = next((i for i in items.values() if "nav" in i.get("properties", "").split()), None)
    if nav is not None:
        name = resolve(opf, nav.get("href", ""))
        if name and archive.has(name):
            _nav_titles(archive.read(name), name, titles)
    if titles:
        return titles
    ncx = items.get(spine.get("toc", ""))
    if ncx is None:
        ncx = next(
            (i for i in items.values() if i.get("media-type") == "application/x-dtbncx+xml"), None
        )
    if ncx is not None:
        name = resolve(opf, ncx.get("href", ""))
        if name and archive.has(name):
            root = parse_xml(archive.read(name), f"{archive.source}: {name}")
            for point in root.iter(f"{{{NCX}}}navPoint"):
                label = point.find(f"{{{NCX}}}navLabel")
                content = point.find(f"{{{NCX}}}content")
                if label is None or content is None:
                    continue
                target = resolve(name, content.get("src", ""))
                if target and _text(label):
                    titles.setdefault(target, _text(label))
    return titles


def _nav_titles(data: bytes, name: str, titles: dict[str, str]) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    navs = soup.find_all("nav")
    toc = next((n for n in navs if "toc" in str(n.get("epub:type", "")).split()), None)
    for link in (toc or soup).find_all("a", href=True):
        target = resolve(name, str(link["href"]))
        text = " ".join(link.get_text().split())
        if target and text:
            titles.setdefault(target, text)


def _cover(
    archive: EpubArchive, opf: str, items: dict[str, ET.Element], metadata: ET.Element | None
) -> str:
    """The cover image: ``properties="cover-image"``, else ``<meta name="cover">``."""
    chosen = next(
        (i for i in items.values() if "cover-image" in i.get("properties", "").split()), None
    )
    if chosen is None and metadata is not None:
        for meta in metadata.iter(f"{{{OPF}}}meta"):
            if meta.get("name") == "cover":
                chosen = items.get(meta.get("content", ""))
                break
    if chosen is None or not chosen.get("media-type", "").startswith("image/"):
        return ""
    name = resolve(opf, chosen.get("href", ""))
    return name if name and archive.has(name) else ""


__all__ = ["Package", "container_rootfile", "parse_xml", "read_package"]
