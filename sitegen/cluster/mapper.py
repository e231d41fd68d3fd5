"""``Mapper``: how grouping hands out pieces of work that do not depend on one another.

Grouping is pure, and so is each piece it hands out (splitting one topic, finding the
copies inside one event).  A ``Mapper`` computes ``[func(x) for x in items]``: in this
process by default, or on a build's worker processes, with the same result either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Mapper(Protocol):
    """``[func(x) for x in items]``, in the items' order, computed wherever suits."""

    def __call__(self, func: Callable[[T], R], items: Sequence[T], /) -> list[R]: ...


def in_process(func: Callable[[T], R], items: Sequence[T], /) -> list[R]:
    """The plain :data:`Mapper`: every item here and now."""
    return [func(x) for x in items]
