"""amm/core/rawhtml.py: HTML blocks kept out of Markdown give the same page as before.

The oracle is Python-Markdown itself with the site's extensions (mkdocs.yml): each case is
converted once as it is and once stashed and restored; the two must be equal. The hand-written
expectations say which blocks are taken out (a case where nothing is taken out would pass the
comparison without testing anything).
"""

from __future__ import annotations

import markdown
import pytest

from amm.core import rawhtml

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "toc", "pymdownx.details"]

CASES = {
    # name: (Markdown, how many blocks are taken out)
    "table between paragraphs": (
        "# Titel\n\nText davor.\n\n<table>\n<tr><td>§ 61 AsylG</td></tr>\n</table>\n\nText danach.\n", 1),
    "block at the end of the page": ("Text.\n\n<div class=\"x\"><p>a</p></div>", 1),
    "block running over a blank line": (
        "<div class=\"card\">\n<p>eins</p>\n\n<p>zwei</p>\n</div>\n\n*betont*\n", 1),
    "nested blocks of the same tag": (
        "<div><div>innen</div>\n\n<div>zwei</div></div>\n\nText\n", 1),
    "note of a generated page above the block": (
        "<!-- Generated from data. -->\n<div class=\"amm-directory\">\n<h1>Projekt</h1>\n</div>\n\n"
        "<section><p>x</p></section>\n\nEnde.\n", 2),
    "two blocks and Markdown between": (
        "<ul><li>a</li></ul>\n\n- Liste\n- mit Markdown\n\n<dl><dt>b</dt><dd>c</dd></dl>\n", 2),
    "block ends the page with a newline": ("Text\n\n<table><tr><td>1</td></tr></table>\n", 1),
    "JSON data in a script of the block": (
        "<div class=\"amm-check\">\n<script type=\"application/json\">{\"a\": 1}</script>\n</div>\n\nText\n", 1),
    # left to Markdown:
    "markdown attribute on the page": (
        "<div markdown>\n*Markdown inside*\n</div>\n\n<table><tr><td>1</td></tr></table>\n", 0),
    "text after the closing tag": ("<div>a</div> und Text\n\n<p>b</p>\n", 0),
    "inline HTML in a paragraph": ("Ein <span>Wort</span> im Satz.\n\n<p>Block</p>\n", 1),
    "indented block (code)": ("Text\n\n    <div>code</div>\n", 0),
    "unclosed block: the rest stays": ("<div>\n<p>a</p>\n\n<table><tr><td>1</td></tr></table>\n", 0),
    "comment holding a tag": ("<div><!-- <p> --></div>\n\nText\n", 0),
    "spaces after the closing tag, then more": ("<table><tr><td>1</td></tr></table>  \n\nText\n", 0),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_stashed_page_renders_exactly_as_markdown_renders_it(name):
    text, blocks = CASES[name]
    expected = markdown.Markdown(extensions=EXTENSIONS).convert(text)
    stashed, stash = rawhtml.stash(text)
    assert len(stash.blocks) == blocks
    assert stash.restore(markdown.Markdown(extensions=EXTENSIONS).convert(stashed)) == (expected, [])


def test_markdown_no_longer_sees_the_block():
    stashed, _ = rawhtml.stash("Text.\n\n<table>\n<tr><td>1</td></tr>\n</table>\n\nMehr.\n")
    assert "<" not in stashed
    assert stashed.startswith("Text.\n\n") and stashed.endswith("\n\nMehr.\n")


def test_anchor_ids_in_the_blocks_are_known():
    _, stash = rawhtml.stash('<div id="kontakt"><h2 id="a&amp;b">x</h2><a name="alt">y</a>'
                             '<span data-id="nein" title="kein id=&quot;x&quot;">z</span></div>\n\nText\n')
    assert stash.anchor_ids() == {"kontakt", "a&b", "alt"}


def test_a_placeholder_markdown_did_not_keep_is_reported():
    _, stash = rawhtml.stash("<table><tr><td>1</td></tr></table>\n\nText\n")
    token = next(iter(stash.blocks))
    restored, misplaced = stash.restore(f"<ul><li>{token}</li></ul>\n<p>Text</p>")
    assert restored == "<ul><li><table><tr><td>1</td></tr></table>\n</li></ul>\n<p>Text</p>"
    assert misplaced == ["<table><tr><td>1</td></tr></table>\n"]
