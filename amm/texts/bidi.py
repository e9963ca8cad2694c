"""Left-to-right runs inside right-to-left pages: isolate them so they read correctly.

In an Arabic or Farsi page the Unicode bidi algorithm reorders neutral characters (spaces,
"§", ".", "/", "?") around Latin words: "§ 61 Abs. 2 AsylG" shows as "Abs. 2 AsylG 61 §", a
German title's question mark jumps to its front, a URL's slashes move. Isolating such a run as
left to right (<bdi dir="ltr">, or dir="ltr" on an element in another language) keeps it in
order and lets the surrounding right-to-left text flow around it as one unit.

`isolate(html)` rewrites a whole built page and leaves pages in left-to-right languages alone:
- every element with a `lang` of a left-to-right language and no `dir` gets dir="ltr"
  (sections of law, German terms, source titles, the language menu);
- in right-to-left text, every run that starts with a Latin letter, a digit or "§" and holds a
  Latin letter or "§" plus something other than letters and spaces ("§ 61 Abs. 2 AsylG",
  "BT-Drs. 21/1848", "arbeitsmarktmentoren-sachsen.de", "27. Februar 2024") is wrapped in
  <bdi dir="ltr">; so is a phone number. A text that is the whole content of its element and
  has no right-to-left letter is wrapped with its end punctuation ("Wer ist zuständig?").
  Plain runs of Latin words and spaces need no isolation and are left as they are; runs of
  digits alone (year ranges) keep the right-to-left reading order their readers expect.
Text inside scripts, styles, SVG, code, form options, the document head and elements that
already have a direction is never touched; attributes are never changed except for `dir`.
"""

from __future__ import annotations

import re

from amm.core.site import RTL_LANGUAGES

#: a page in pieces: (comment, CDATA or doctype) | (tag: closing "/", name, attributes, "/" of
#: <x/>) | (anything else in <>) | (text)
_PIECES = re.compile(r"(<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>)|(<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/?)>)"
                     r"|(<[^>]+>)|([^<]+)", re.S)
_ATTR_LANG = re.compile(r'\slang="([^"]*)"')
_ATTR_DIR = re.compile(r"\sdir=")
_HTML_LANG = re.compile(r'<html[^>]*\slang="([^"]+)"')

#: Elements whose text is never rewritten (no markup allowed inside, or not prose).
_SKIP = frozenset({"script", "style", "svg", "math", "code", "pre", "kbd", "samp", "textarea",
                   "option", "title", "head", "bdi", "bdo"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})

_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
#: A left-to-right run: starts with a Latin letter, digit or "§", may hold spaces and the
#: punctuation of citations, addresses and dates, ends with a letter, digit, "/" or ")".
_RUN = re.compile(
    rf"[{_LATIN}0-9§][{_LATIN}0-9§ \u00a0\u202f.,:;/_@&+#%'’()\-–]*[{_LATIN}0-9/)]|[{_LATIN}§]")
_NEEDS_ISOLATION = re.compile(rf"[^{_LATIN} ]")
_PHONE = re.compile(r"(?<![0-9])(?:\+|0)[0-9][0-9 /\-]{4,}[0-9](?![0-9])")
_WHOLE = re.compile(rf"^\s*[{_LATIN}0-9§]")
#: what every run and every phone number starts with
_LTR_START = re.compile(rf"[{_LATIN}0-9§+]")


def _is_rtl(lang: str) -> bool:
    return lang.split("-")[0].lower() in RTL_LANGUAGES


def _trim(run: str) -> str:
    """A run never ends with an unmatched ")" (it belongs to the surrounding text)."""
    while run.endswith(")") and run.count(")") > run.count("("):
        run = run[:-1].rstrip(" .,:;–-")
    if run.count("(") > run.count(")"):
        run = run[:run.rfind("(")].rstrip(" .,:;–-")
    return run


def _wrap(run: str) -> str:
    return f'<bdi dir="ltr">{run}</bdi>'


def _isolate_text(text: str, whole: bool) -> str:
    """Wrap the left-to-right runs of one text node (HTML-escaped text, entities intact)."""
    core = text.strip()
    if whole and core and not _RTL_LETTER.search(core) and _WHOLE.match(core) \
            and re.search(rf"[{_LATIN}§]", core) and _NEEDS_ISOLATION.search(core):
        start = text.index(core)
        return text[:start] + _wrap(core) + text[start + len(core):]
    out, pos = [], 0
    for match in _RUN.finditer(text):
        run = _trim(match.group(0))
        if not run:
            continue
        start = match.start()
        plain = re.sub(r"&[a-zA-Z]+;|&#[0-9]+;", "", run)
        if (re.search(rf"[{_LATIN}§]", plain) and _NEEDS_ISOLATION.search(plain)) or _PHONE.fullmatch(run):
            out.append(text[pos:start])
            out.append(_wrap(run))
            pos = start + len(run)
    if pos == 0:
        return _isolate_phones(text)
    out.append(text[pos:])
    return "".join(out)


def _isolate_phones(text: str) -> str:
    return _PHONE.sub(lambda m: _wrap(m.group(0)), text)


def isolate(html: str) -> str:
    """Isolate left-to-right runs in a right-to-left page (see module docstring)."""
    page_lang = _HTML_LANG.search(html)
    if not page_lang or not _is_rtl(page_lang.group(1)):
        return html
    pieces = _PIECES.findall(html)
    tokens = [piece[0] or piece[1] or piece[6] or piece[7] for piece in pieces]
    out: list[str] = []
    # stack of (tag name, whether text inside is left alone)
    stack: list[tuple[str, bool]] = []
    for i, (_special, token, closing, name, attrs, self_closing, _other, text) in enumerate(pieces):
        if text:
            if (stack and stack[-1][1]) or not _LTR_START.search(text):
                out.append(text)   # left alone, or no run can start in it (nothing to isolate)
                continue
            whole = (i > 0 and tokens[i - 1].startswith("<") and not tokens[i - 1].startswith("</")
                     and i + 1 < len(tokens) and tokens[i + 1].startswith("</"))
            out.append(_isolate_text(text, whole))
            continue
        if not token:   # a comment, doctype or something that is not a tag
            out.append(tokens[i])
            continue
        name = name.lower()
        if closing:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    break
            out.append(token)
            continue
        lang = _ATTR_LANG.search(attrs) if "lang=" in attrs else None
        has_dir = "dir=" in attrs and bool(_ATTR_DIR.search(attrs))
        if lang and not has_dir and name != "html" and not _is_rtl(lang.group(1)):
            token = token[: 1 + len(name)] + ' dir="ltr"' + token[1 + len(name):]
            has_dir = True
        if name not in _VOID and not self_closing:
            inside_skip = bool(stack) and stack[-1][1]
            ltr = has_dir and name != "html" and 'dir="rtl"' not in token
            stack.append((name, inside_skip or name in _SKIP or ltr))
        out.append(token)
    return "".join(out)
