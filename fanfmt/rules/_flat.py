"""Flatten a paragraph's inline nodes to one string, and back.

Rules that need to see across node boundaries (``*Hogwarts*'s``) work on a
string in which every non-text node stands as one OBJECT character::

    flatten((Text("a "), Emphasis((Text("b"),)), Text("'s")))
    → ("a \\ufffc's", [Emphasis((Text("b"),))])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from fanfmt.chars import OBJECT
from fanfmt.model import Container, Inline, Text


def flatten(children: tuple[Inline, ...]) -> tuple[str, list[Inline]]:
    """The string and the nodes its OBJECT characters stand for, in order."""
    parts: list[str] = []
    atoms: list[Inline] = []
    for node in children:
        if isinstance(node, Text):
            parts.append(node.text.replace(OBJECT, ""))
        else:
            parts.append(OBJECT)
            atoms.append(node)
    return "".join(parts), atoms


def unflatten(text: str, atoms: list[Inline]) -> tuple[Inline, ...]:
    """Inverse of :func:`flatten`."""
    out: list[Inline] = []
    it = iter(atoms)
    for i, piece in enumerate(text.split(OBJECT)):
        if i:
            out.append(next(it))
        if piece:
            out.append(Text(piece))
    return tuple(out)


def map_flat(children: tuple[Inline, ...], fn: Callable[[str], str]) -> tuple[Inline, ...]:
    """Rewrite the flattened string with ``fn`` (which must keep OBJECT characters), recursively.

    Returns ``children`` itself when nothing changed.
    """
    if len(children) == 1 and isinstance(children[0], Text):
        old = children[0].text
        new_text = fn(old)
        return children if new_text == old else (Text(new_text),)
    text, atoms = flatten(children)
    new_atoms: list[Inline] = []
    same = True
    for atom in atoms:
        if isinstance(atom, Container):
            inner = map_flat(atom.children, fn)
            if inner is not atom.children:
                atom = replace(atom, children=inner)
                same = False
        new_atoms.append(atom)
    new = fn(text)
    if new.count(OBJECT) != len(atoms):
        raise AssertionError("a text rule must keep every inline node")
    if same and new == text:
        return children
    return unflatten(new, new_atoms)
