"""Pause Python's cycle collector while building large trees that hold no cycles.

Reading a chapter and rendering it make hundreds of thousands of small objects (nodes,
tuples, block views) and no reference cycles, which plain reference counting frees.
The cycle collector still walks every live object from time to time while they pile
up, for nothing, and the longer the story the more often (the CHANGELOG has what it
cost)::

    with gc_paused():
        doc = read_text(text)   # the same document, made faster

The collector is switched back on when the block ends (if it was on before), so
other work never runs without it. Only code that makes no cycles belongs inside.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Switch the cycle collector off for the block, and back on after it if it was on."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
