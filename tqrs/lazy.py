"""`cached_property` without the lock of Python 3.11's.

functools.cached_property in Python 3.11 takes one lock shared by every instance of the class
on each first read (removed in 3.12: it did not make the computation happen once anyway). The
readers of a ticket's texts (tqrs.rules.text.TicketText, journal entries) make several such
reads a ticket, each ~2 us dearer with the lock. This one computes the value on the first read
and keeps it in the instance's __dict__, where later reads find it without calling back here
(a non-data descriptor), as functools' does; two threads reading the same instance for the
first time at once may both compute it (the value is a pure function of the instance)."""

from collections.abc import Callable
from typing import Any


class cached_property:  # noqa: N801 - the name of the functools decorator it replaces
    __slots__ = ("__doc__", "func", "name")

    def __init__(self, func: Callable[[Any], Any]):
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value
