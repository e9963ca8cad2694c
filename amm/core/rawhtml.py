"""Keep finished HTML blocks out of Markdown's way (build speed; the output stays the same).

Most of what Markdown gets on the legal and directory pages is HTML the build made itself
(tables of rules, project cards). Markdown does not change such a block: it only finds where
the block ends, with Python's HTML parser, twice per page (md_in_html and MkDocs' anchor
collector): about a fifth of a build's profile in November 2026. `stash` takes each top-level
HTML block out before Markdown runs and leaves a one-word paragraph in its place; `restore`
puts the blocks back into the rendered HTML exactly where Markdown would have put them.

A block is only taken out where Markdown's own rules certainly make it a raw block: it starts
at the beginning of a line after a blank line (or the start of the page) with a block-level tag,
its closing tag ends the paragraph, the comments, scripts and styles in it hold no "<" (the
parser would see no tags there, and neither does the count of open tags here), and the page has
no `markdown` attribute anywhere (md_in_html would render Markdown inside such an element). After
anything unclear (an unclosed block tag or comment in the text that stays), nothing further is
taken out, so Markdown sees the rest of the page as before.
"""

from __future__ import annotations

import html
import re
import secrets
from dataclasses import dataclass, field

#: Python-Markdown's block-level tags (markdown.Markdown.block_level_elements) without the
#: void ones and those whose content is not HTML (script, style, textarea, math).
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "canvas", "center", "colgroup", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "iframe", "legend", "li", "main", "map", "menu", "nav",
    "noscript", "object", "ol", "option", "output", "p", "pre", "progress", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "video"})
#: every tag name Python-Markdown treats as block-level but the void hr (an unclosed one in
#: the text that stays stops the stashing)
_ALL_BLOCK = BLOCK_TAGS | {"body", "group", "html", "math", "script", "style", "textarea"}

# Paragraphs are separated by lines of spaces only (Markdown's blank_line_re allows no tabs).
_SPLIT_RE = re.compile(r"(\n(?: *\n)+)")
_START_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])")
_MARKDOWN_ATTR_RE = re.compile(r"<[a-zA-Z][^>]*\smarkdown(?:\s*=|[\s/>])")
# what the count of open tags cannot see into: comments, CDATA, declarations, scripts, ...
_OPAQUE_RE = re.compile(r"<!|<\?|<script|<style|<textarea|<math", re.I)
# the content of a comment, script or style, where the HTML parser sees no tags
_HARMLESS_RE = re.compile(r"<!--[^<>]*?-->|<(script|style)\b[^<>]*>[^<]*</\1\s*>", re.I)
# a page's or a generated file's note in front of a block, on a line of its own
_LEADING_COMMENTS_RE = re.compile(r"(?:<!--[^\n<>]*?-->\n)+")
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])")
# (inside tags: in text, a double quote is always escaped)
_ID_RE = re.compile(r"\sid=\"([^\"]*)\"")
_NAME_RE = re.compile(r"<a\s(?:[^>]*?\s)?name=\"([^\"]*)\"")


@dataclass
class Stash:
    """The blocks taken out of one page: placeholder paragraph -> the HTML Markdown would emit."""

    blocks: dict[str, str] = field(default_factory=dict)

    def restore(self, rendered: str) -> tuple[str, list[str]]:
        """The rendered page with the blocks back in place, and the start of each block whose
        placeholder Markdown did not leave as a paragraph of its own (put back where the
        placeholder is; it should not happen: the caller warns)."""
        misplaced = []
        for token, block in self.blocks.items():
            placeholder = f"<p>{token}</p>"
            if rendered.endswith(placeholder):   # Markdown strips the end of its output
                block = block.rstrip("\n")
            if placeholder not in rendered:
                misplaced.append(block[:80])
                placeholder = token
            rendered = rendered.replace(placeholder, block, 1)
        return rendered, misplaced

    def anchor_ids(self) -> set[str]:
        """The id (and <a name>) values in the blocks, which MkDocs would have collected."""
        found = set()
        for block in self.blocks.values():
            found.update(_ID_RE.findall(block))
            if ' name="' in block:
                found.update(_NAME_RE.findall(block))
        return {html.unescape(i) if "&" in i else i for i in found}


def _block_end(text: str, tag: str) -> str:
    """Where the raw block that text starts with ends: "open" (after text), "end" (exactly at
    the end of text, trailing spaces and newlines aside), "early" (inside text: something follows
    its closing tag in the same paragraph)."""
    depth = 0
    for match in _TAG_RE.finditer(text):
        if match.group(2).lower() != tag:
            continue
        depth += -1 if match.group(1) else 1
        if depth == 0:
            close = text.find(">", match.end())
            return "end" if close != -1 and not text[close + 1:].strip() else "early"
    return "open"


def _closes(chunk: str) -> bool:
    """Whether a paragraph that stays in the Markdown leaves no block tag or comment open."""
    if "<" not in chunk:
        return True
    if "<!--" in chunk and chunk.count("<!--") != chunk.count("-->"):
        return False
    opened: dict[str, int] = {}
    for match in _TAG_RE.finditer(chunk):
        name = match.group(2).lower()
        if name in _ALL_BLOCK:
            opened[name] = opened.get(name, 0) + (-1 if match.group(1) else 1)
    return all(count <= 0 for count in opened.values())


def stash(markdown: str) -> tuple[str, Stash]:
    """The Markdown with its top-level raw HTML blocks replaced by placeholder paragraphs."""
    found = Stash()
    if "<" not in markdown or _MARKDOWN_ATTR_RE.search(markdown):
        return markdown, found
    parts = _SPLIT_RE.split(markdown)   # text, separator, text, separator, ...
    salt = secrets.token_hex(4)
    out: list[str] = []
    i = 0
    while i < len(parts):
        chunk = parts[i]
        # "<!-- note -->\n<div>": the note goes with the block (Markdown puts it right above)
        note = _LEADING_COMMENTS_RE.match(chunk)
        start = _START_RE.match(chunk, note.end() if note else 0)
        if start and start.group(1).lower() in BLOCK_TAGS:
            # the block may run over blank lines: take paragraphs until its tag is closed
            tag, j = start.group(1).lower(), i
            begin = start.start()
            while (where := _block_end("".join(parts[i:j + 1])[begin:], tag)) == "open" and j + 2 < len(parts):
                j += 2
            text = "".join(parts[i:j + 1])
            last = j + 1 == len(parts)
            end = text.rstrip() if last else text   # the page's last line ends with a newline
            if where != "end" or end != end.rstrip() or _OPAQUE_RE.search(_HARMLESS_RE.sub("", end[begin:])):
                out.extend(parts[i:])   # unclear: leave the rest to Markdown
                break
            token = f"ammraw{salt}x{len(found.blocks)}"
            # Markdown keeps a newline after a block that a blank line follows
            found.blocks[token] = end + ("" if last else "\n")
            out.append(token + text[len(end):])
            i = j + 1
            continue
        out.append(chunk)
        if not _closes(chunk):
            out.extend(parts[i + 1:])
            break
        i += 1
    return "".join(out), found
