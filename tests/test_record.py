"""``@record()`` classes behave as the dataclasses they stand for."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import field

import pytest

from fanfmt import model
from fanfmt.record import record


@record()
class Point:
    """A point."""

    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list, compare=False, hash=False)


@dataclasses.dataclass(frozen=True, slots=True)
class PointDC:
    """A point."""

    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list, compare=False, hash=False)


@record(frozen=False)
class Tally:
    seen: int = 0
    names: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.seen += 1


@record(order=True)
class Rank:
    major: int
    minor: int = 0


def test_the_same_methods_as_a_dataclass() -> None:
    a, b = Point(1, tags=["x"]), PointDC(1, tags=["x"])
    assert repr(a) == repr(b).replace("PointDC", "Point")
    assert a == Point(1, 0)
    assert a != Point(2)
    assert a != b  # type: ignore[comparison-overlap]
    assert hash(a) == hash(b)
    assert Point.__match_args__ == PointDC.__match_args__ == ("x", "y", "tags")
    assert vars(Point)["__slots__"] == vars(PointDC)["__slots__"]
    assert Point(1).tags is not Point(1).tags  # a fresh list each time
    assert [f.name for f in dataclasses.fields(a)] == ["x", "y", "tags"]
    assert dataclasses.replace(a, y=5) == Point(1, 5)
    assert dataclasses.asdict(a) == {"x": 1, "y": 0, "tags": ["x"]}
    assert Point.__doc__ == "A point."


def test_frozen_pickled_and_copied() -> None:
    a = Point(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.x = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del a.x
    assert pickle.loads(pickle.dumps(a)) == a
    assert copy.deepcopy(a) == a
    assert copy.copy(a) == a


def test_mutable_and_ordered() -> None:
    t = Tally()
    assert t.seen == 1  # __post_init__ ran
    t.seen = 5
    assert t == Tally(4)  # 4, and one more in __post_init__
    with pytest.raises(TypeError):
        hash(t)
    assert Rank(1, 2) < Rank(2)
    assert sorted([Rank(2), Rank(1, 5)]) == [Rank(1, 5), Rank(2)]


def test_the_model_nodes_match_their_fields() -> None:
    p = model.Paragraph((model.Text("a"),), line=3)
    match p:
        case model.Paragraph(children, line):
            assert (children, line) == ((model.Text("a"),), 3)
    assert repr(model.Text("a")) == "Text(text='a')"
    assert model.Document(()).meta == model.Meta()
    assert not hasattr(p, "__dict__")


@record()
class Named:
    name: str
    on: bool = True


@record()
class Switch(Named):
    """A subclass: its base's fields first."""

    def flip(self) -> Switch:
        return dataclasses.replace(self, on=not self.on)


def test_a_subclass_takes_its_base_fields_in_order() -> None:
    assert Switch("a", False) == Switch(name="a", on=False)
    assert Switch("a").flip() == Switch("a", False)
    assert repr(Switch("a")) == "Switch(name='a', on=True)"


def test_a_subclass_has_only_its_own_slots() -> None:
    assert vars(Switch)["__slots__"] == ()
    assert not hasattr(Switch("a"), "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Switch("a").on = False  # type: ignore[misc]
