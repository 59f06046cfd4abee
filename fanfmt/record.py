"""Slotted dataclasses that cost next to nothing to create at start-up.

``@record()`` makes the class ``@dataclass(frozen=True, slots=True)`` makes (``frozen=False``:
``@dataclass(slots=True)``; ``order=True`` as there): the same ``__init__``, ``repr``,
equality, hash, ``__match_args__``, pickling and fields, so that :func:`dataclasses.replace`
and :func:`dataclasses.fields` work on it. :func:`dataclasses.dataclass` compiles the source
of six methods for every class, about a millisecond each class; here the code compiled from
one class's source is kept between runs (:mod:`fanfmt.user_cache`), so a later run only
binds it.

>>> @record()
... class Point:
...     x: int
...     y: int = 0
>>> Point(1), Point(1) == Point(1, 0), hash(Point(2)) == hash(Point(2, 0))
(Point(x=1, y=0), True, True)

A class it does not know how to make (a base class not made here, ``ClassVar``, ``InitVar``,
``KW_ONLY``) is handed to :func:`dataclasses.dataclass` itself.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import sys
from collections.abc import Callable
from types import CodeType
from typing import Any, Generic, TypeVar, dataclass_transform

T = TypeVar("T")

_code: dict[str, CodeType] | None = None
_added = 0
_PREFIX = "records"


def _stamp() -> str:
    return f"{sys.version}|{sys.implementation.cache_tag}|2"


def _compiled(shape: str, source: Callable[[], str]) -> CodeType:
    """The code of ``source()`` for a class of ``shape``, kept between runs."""
    global _code, _added
    if _code is None:
        from fanfmt.user_cache import load_kept

        found = load_kept(_PREFIX, _stamp())
        _code = {k: v for k, v in found.items() if isinstance(v, CodeType)}
        atexit.register(_save)
    code = _code.get(shape)
    if code is None:
        code = builtins.compile(source(), "<record>", "exec")
        _code[shape] = code
        _added += 1
    return code


def _save() -> None:
    if _added and _code is not None:
        from fanfmt.user_cache import save_kept

        save_kept(_PREFIX, _stamp(), _code)


def _fields(cls: type, frozen: bool) -> list[dataclasses.Field[Any]] | None:
    """The class's fields, its base's first (a base made here, as frozen as it is), or None
    when it needs :func:`dataclasses.dataclass` itself."""
    if "__slots__" in cls.__dict__:
        return None
    found: list[dataclasses.Field[Any]] = []
    for base in cls.__bases__:
        if base is object or base is Generic:
            continue
        if found or base.__dict__.get("__record_frozen__") is not frozen:
            return None
        found = list(base.__dict__["__dataclass_fields__"].values())
    own = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 (the class's own, not its bases')
    for name, kind in own.items():
        if not isinstance(kind, str) or any(w in kind for w in ("ClassVar", "InitVar", "KW_ONLY")):
            return None
        value = cls.__dict__.get(name, dataclasses.MISSING)
        made: dataclasses.Field[Any] = (
            value if isinstance(value, dataclasses.Field) else dataclasses.field(default=value)
        )
        if made.kw_only is True or not made.init:
            return None
        made.name, made.type, made.kw_only = name, kind, False
        made._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
        found = [f for f in found if f.name != name] + [made]
    return found


def _source(fields: list[dataclasses.Field[Any]], frozen: bool, order: bool, post: bool) -> str:
    """The source of the methods, with defaults as ``_d_<name>`` and factories as ``_f_<name>``."""
    names = [f.name for f in fields]
    params, body = ["self"], []
    for f in fields:
        if f.default_factory is not dataclasses.MISSING:
            params.append(f"{f.name}=_HAS_FACTORY")
            value = f"_f_{f.name}() if {f.name} is _HAS_FACTORY else {f.name}"
        else:
            params.append(f.name if f.default is dataclasses.MISSING else f"{f.name}=_d_{f.name}")
            value = f.name
        body.append(
            f"  _set(self, {f.name!r}, {value})" if frozen else f"  self.{f.name} = {value}"
        )
    if post:
        body.append("  self.__post_init__()")
    shown = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in fields if f.repr)
    compared = [f.name for f in fields if f.compare]
    hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]

    def row(who: str, which: list[str]) -> str:
        return "(" + "".join(f"{who}.{n}," for n in which) + ")"

    lines = [
        "def __make__(cls, _set, _HAS_FACTORY, FrozenInstanceError, "
        + "".join(f"_d_{n}, _f_{n}, " for n in names)
        + "):",
        f" def __init__({', '.join(params)}):",
        *(body or ["  pass"]),
        " def __repr__(self):",
        f'  return self.__class__.__qualname__ + f"({shown})"',
        " def __eq__(self, other):",
        "  if other.__class__ is self.__class__:",
        f"   return {row('self', compared)} == {row('other', compared)}",
        "  return NotImplemented",
    ]
    made = ["__init__", "__repr__", "__eq__"]
    for name, op in (("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")):
        if order:
            lines += [
                f" def {name}(self, other):",
                "  if other.__class__ is self.__class__:",
                f"   return {row('self', compared)} {op} {row('other', compared)}",
                "  return NotImplemented",
            ]
            made.append(name)
    if frozen:
        lines += [
            " def __hash__(self):",
            f"  return hash({row('self', hashed)})",
            " def __setattr__(self, name, value):",
            f"  if type(self) is cls or name in {tuple(names)!r}:",
            '   raise FrozenInstanceError(f"cannot assign to field {name!r}")',
            "  super(cls, self).__setattr__(name, value)",
            " def __delattr__(self, name):",
            f"  if type(self) is cls or name in {tuple(names)!r}:",
            '   raise FrozenInstanceError(f"cannot delete field {name!r}")',
            "  super(cls, self).__delattr__(name)",
            " def __getstate__(self):",
            f"  return [{''.join(f'self.{n}, ' for n in names)}]",
            " def __setstate__(self, state):",
            f"  for name, value in zip({tuple(names)!r}, state):",
            "   _set(self, name, value)",
        ]
        made += ["__hash__", "__setattr__", "__delattr__", "__getstate__", "__setstate__"]
    lines.append(" return {" + ", ".join(f"{m!r}: {m}" for m in made) + "}")
    return "\n".join(lines) + "\n"


def _make(cls: type[T], frozen: bool, order: bool) -> type[T]:
    fields = _fields(cls, frozen)
    if fields is None:
        plain: type[T] = dataclasses.dataclass(frozen=frozen, slots=True, order=order)(cls)
        return plain
    names = [f.name for f in fields]
    space = {k: v for k, v in cls.__dict__.items() if k not in names}
    for k in ("__dict__", "__weakref__"):
        space.pop(k, None)
    inherited = {n for base in cls.__mro__[1:] for n in base.__dict__.get("__slots__", ())}
    space["__slots__"] = tuple(n for n in names if n not in inherited)
    space["__record_frozen__"] = frozen
    space["__match_args__"] = tuple(names)
    space["__dataclass_fields__"] = {f.name: f for f in fields}
    space["__dataclass_params__"] = dataclasses._DataclassParams(  # type: ignore[attr-defined]
        True, True, True, order, False, frozen
    )
    if not frozen and cls.__dict__.get("__hash__") is None:
        space["__hash__"] = None  # mutable and compared: unhashable, as with dataclass
    meta: Any = type(cls)
    made: type[T] = meta(cls.__name__, cls.__bases__, space)
    scope: dict[str, Any] = {"__builtins__": builtins}
    post = "__post_init__" in space
    shape = repr(
        (
            [
                (f.name, f.default is dataclasses.MISSING, f.default_factory is dataclasses.MISSING)
                for f in fields
            ],
            [(f.repr, f.compare, f.hash) for f in fields],
            frozen,
            order,
            post,
        )
    )
    exec(_compiled(shape, lambda: _source(fields, frozen, order, post)), scope)
    values: list[Any] = []
    for f in fields:
        values += [f.default, f.default_factory]
    has_factory = dataclasses._HAS_DEFAULT_FACTORY  # type: ignore[attr-defined]
    methods = scope["__make__"](
        made, object.__setattr__, has_factory, dataclasses.FrozenInstanceError, *values
    )
    for name, method in methods.items():
        own = cls.__dict__.get(name)
        if own is not None or (name != "__hash__" and name in cls.__dict__):
            continue  # the class's own method wins, as with dataclass
        method.__qualname__ = f"{made.__qualname__}.{name}"
        setattr(made, name, method)
    return made


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(*, frozen: bool = True, order: bool = False) -> Callable[[type[T]], type[T]]:
    """``@record()``: ``@dataclass(frozen=True, slots=True)``, made at no cost at start-up."""

    def make(cls: type[T]) -> type[T]:
        return _make(cls, frozen, order)

    return make


__all__ = ["record"]
