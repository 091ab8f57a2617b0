"""tqrs.lazy.cached_property: computed on the first read, then read from the instance."""

from dataclasses import dataclass

from tqrs.lazy import cached_property


class Counted:
    def __init__(self):
        self.calls = 0

    @cached_property
    def value(self) -> int:
        """The doc."""
        self.calls += 1
        return 41 + self.calls


@dataclass(frozen=True)
class Frozen:
    text: str

    @cached_property
    def upper(self) -> str:
        return self.text.upper()


def test_computed_once_and_kept_in_the_instance():
    c = Counted()
    assert c.value == 42
    assert c.value == 42
    assert c.calls == 1
    assert c.__dict__["value"] == 42


def test_each_instance_its_own_value():
    a, b = Counted(), Counted()
    a.calls = 5
    assert a.value == 47
    assert b.value == 42


def test_on_a_frozen_dataclass_and_on_the_class():
    f = Frozen("ab")
    assert f.upper == "AB"
    assert f == Frozen("ab")  # the kept value is not a field
    assert isinstance(Counted.value, cached_property)
    assert Counted.value.__doc__ == "The doc."
