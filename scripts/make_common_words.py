"""Write tqrs/data/common_<lang>.txt, the common words of each language the spelling rule
reads as another language (tqrs.rules.spelling._OTHER_LANGUAGES), from the installed
pyspellchecker (tqrs.rules.spelling.common_words_of). Run it after upgrading pyspellchecker
or changing MIN_FOREIGN_FREQUENCY; tests/scoring/test_common_words.py says when it is due.

    PYTHONPATH=. python scripts/make_common_words.py"""

from importlib.metadata import version

from tqrs.rules.spelling import _OTHER_LANGUAGES, DATA_DIR, MIN_FOREIGN_FREQUENCY, common_words_of


def main() -> None:
    for lang in _OTHER_LANGUAGES:
        words = sorted(common_words_of(lang))
        path = DATA_DIR / f"common_{lang}.txt"
        head = (
            f"# Common words of '{lang}': those pyspellchecker {version('pyspellchecker')} "
            f"counts at least {MIN_FOREIGN_FREQUENCY} times (case folded).\n"
            "# Written by scripts/make_common_words.py; do not edit by hand.\n"
        )
        path.write_text(head + "".join(f"{w}\n" for w in words), encoding="utf-8")
        print(f"{path}: {len(words):,} words")


if __name__ == "__main__":
    main()
