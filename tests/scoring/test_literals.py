"""tqrs.rules.literals.any_of: one search answers whether any of the words is in a text."""

import random

import pytest

from tqrs.rules.literals import any_of


@pytest.mark.parametrize(
    ("words", "text", "found"),
    [
        (("password", "lock"), "my account is locked", True),  # "lock" inside "locked"
        (("password", "lock"), "pass the word", False),
        (("pass", "password"), "passw", True),  # the prefix word alone is enough
        ((" vp,", "vp of"), "the vp, called", True),
        ((" vp,", "vp of"), "the vp called", False),
        (("a.b", "x*"), "axb x", False),  # no character is a pattern's metacharacter
        (("a.b", "x*"), "a.b", True),
        (("Lock",), "lock", False),  # case-sensitive, as `in`
        ((), "anything", False),
    ],
)
def test_any_of_answers_as_in_does(words, text, found):
    assert bool(any_of(words).search(text)) is found


def test_any_of_agrees_with_in_on_random_text():
    rng = random.Random(5)
    alphabet = "ab c.-'"
    for _ in range(300):
        words = ["".join(rng.choices(alphabet, k=rng.randint(1, 4))) for _ in range(6)]
        pattern = any_of(words)
        for _ in range(20):
            text = "".join(rng.choices(alphabet, k=rng.randint(0, 12)))
            assert bool(pattern.search(text)) is any(w in text for w in words), (words, text)


def test_an_empty_word_is_refused():
    with pytest.raises(ValueError):
        any_of(["a", ""])
