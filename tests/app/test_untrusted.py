"""app.untrusted against an independent CommonMark renderer (markdown-it-py): what `md()`
makes of hostile text renders as that text and nothing else. GFM's autolinks and Streamlit's
own directives are checked in Chromium (tests/browser/test_untrusted_text.py)."""

import html
import random
import string

from markdown_it import MarkdownIt

from app.untrusted import WORD_JOINER, badge_text, md

HOSTILE = [
    "![x](http://127.0.0.1:9/beacon.png)",
    '<img src="http://127.0.0.1:9/b.png" onerror="alert(1)">',
    "[link](javascript:alert(1)) <http://127.0.0.1:9/a> <script>alert(1)</script>",
    "**bold** _em_ `code` ~~strike~~ # heading\n- item\n> quote\n1. one",
    "[ref][1]\n\n[1]: http://127.0.0.1:9/ref",
    "a \\*not emphasis\\* \\\\ backslashes \\",
    "&amp; &lt;b&gt; &#60;img&#62; &copy;",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "line one  \nline two\n\n    indented code",
]
RENDER = MarkdownIt("commonmark")


def _rendered_text(markdown: str) -> str:
    out = RENDER.render(markdown)
    assert out.startswith("<p>") and out.endswith("</p>\n"), out  # one plain paragraph
    inner = out[3:-5]
    assert "<" not in inner.replace("&lt;", ""), out  # no element at all
    return html.unescape(inner).replace(WORD_JOINER, "")


def test_md_renders_as_exactly_the_text_written():
    for text in HOSTILE:
        assert _rendered_text(md(text)) == " ".join(text.splitlines()).strip(), text


def test_md_on_random_punctuation_soup():
    rng = random.Random(7)
    alphabet = string.punctuation + string.ascii_letters + " \t\r\n" + "    "
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        if not text.strip():
            continue
        assert _rendered_text(md(text)) == " ".join(text.splitlines()).strip(), text


def test_md_breaks_what_gfm_would_link():
    escaped = md("see http://a.example/x, www.b.example and c@d.example")
    for joined in ("http" + WORD_JOINER + "\\:", "www" + WORD_JOINER + "\\.", WORD_JOINER + "\\@"):
        assert joined in escaped


def test_badge_text_keeps_words_and_drops_markup():
    assert badge_text("LLM: compatible · gpt-4o-mini") == "LLM: compatible · gpt-4o-mini"
    assert badge_text("offline judge — no credentials configured") == (
        "offline judge — no credentials configured"
    )
    hostile = badge_text("![x](http://h/b.png) [l](javascript:x) :material/home: **b**")
    assert not set("[]()*<>!") & set(hostile)
    assert "://" not in hostile and ":material/" not in hostile
