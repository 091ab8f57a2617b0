"""The shipped lists of other languages' common words (tqrs/data/common_<lang>.txt) are what
the installed pyspellchecker gives (scripts/make_common_words.py writes them)."""

import pytest

from tqrs.rules import spelling


@pytest.mark.parametrize("index, lang", list(enumerate(spelling._OTHER_LANGUAGES)))
def test_shipped_common_words_are_pyspellcheckers(index, lang):
    shipped = spelling._other_languages()[index]
    assert shipped == spelling.common_words_of(lang), (
        f"tqrs/data/common_{lang}.txt differs from pyspellchecker's words: run "
        "scripts/make_common_words.py"
    )
