"""A wrapper for credentials so that printing, logging or formatting one never shows it."""


class Secret:
    """Holds a credential; `str`, `repr` and f-strings show `****`. Use `.reveal()` to send it."""

    __slots__ = ("_value",)

    def __init__(self, value: str):
        self._value = value

    def reveal(self) -> str:
        return self._value

    def hint(self) -> str:
        """The last 4 characters, for a settings page to say which key is set."""
        return f"****{self._value[-4:]}" if len(self._value) > 8 else "****"

    def __repr__(self) -> str:
        return "Secret('****')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __eq__(self, other) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self):
        raise TypeError("a Secret is not pickled")

    def __bool__(self) -> bool:
        return bool(self._value)
