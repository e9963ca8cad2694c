"""The glossary of German administrative terms (data/glossary.yaml) and how translated pages
mark them.

Translations keep these German words on purpose: they are written on people's documents. In a
translated page every occurrence is marked as German (`lang="de"`) and, in right-to-left pages,
isolated (`dir="ltr"`), so screen readers pronounce it as German and it reads in the right order
inside Arabic or Farsi; the first occurrence links to its glossary entry, with the short
explanation as tooltip.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, WithJsonSchema

from amm.core.errors import Problem, rel
from amm.core.model import I18nAll, Id, Model, NormRef, Page, Text, duplicates, problem, validate
from amm.core.yamlfile import load_yaml

#: the glossary page (docs/glossar.md and one translation per language)
PAGE = "glossar.md"


_WORD = r"[\wÄÖÜäöüß][\wÄÖÜäöüß .-]*"


def _word(value: str) -> str:
    if not re.fullmatch(_WORD, value):
        raise problem(f"„{value}“ ist kein Begriff.", f"'{value}' is not a term.",
                      "Nur das deutsche Wort bzw. die Wortgruppe schreiben, ohne Satzzeichen.")
    return value


Word = Annotated[Text, AfterValidator(_word), WithJsonSchema({"type": "string", "pattern": f"^{_WORD}$"})]


class Term(Model):
    entry_label = "Begriff"

    id: Id
    term: Word                      # exactly as on German documents
    forms: list[Word] = []          # other German forms that count as the same term (plural, genitive)
    explanation: I18nAll
    page: Page = ""                 # the page that treats the term, relative to docs/
    norms: list[NormRef] = []       # sections of law that define it (ids under norms in legal_rules.yaml)

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.term, *self.forms)


class Glossary(Model):
    """data/glossary.yaml."""

    terms: list[Term]

    def by_spelling(self) -> dict[str, Term]:
        return {s: t for t in self.terms for s in t.spellings}

    def pattern(self) -> re.Pattern:
        """Any spelling as a whole Latin-script word, the longest first (Ausbildungsduldung before
        Duldung); a letter of another script may touch it (Arabic و "and" is written joined)."""
        words = sorted(self.by_spelling(), key=len, reverse=True)
        return re.compile(rf"(?<![{_LATIN}-])(" + "|".join(re.escape(w) for w in words) + rf")(?![{_LATIN}-])")

    def inflected(self) -> re.Pattern:
        """A term with a German ending the glossary does not list (Duldungen, Jobcenters)."""
        words = sorted(self.by_spelling(), key=len, reverse=True)
        return re.compile(rf"(?<![{_LATIN}-])(?:" + "|".join(re.escape(w) for w in words)
                          + rf")(?:{_ENDINGS})(?![{_LATIN}-])")


_LATIN = "A-Za-z0-9ÄÖÜäöüß"
_ENDINGS = "en|es|ns|n|s|e"


def load_glossary(path: Path, languages: list[str], docs: Path | None = None,
                  norms: Collection[str] | None = None) -> tuple[Glossary | None, list[Problem]]:
    """data/glossary.yaml; every term needs an explanation in every language; its page must exist
    (`docs` None: not checked) and its norms must be known (`norms` None: not checked). Duplicate
    ids and spellings are checks of their own, after the fields."""
    raw = load_yaml(path)
    file = rel(path)
    glossary, problems = validate(raw, Glossary, file,
                                  context={"languages": languages, "docs": docs, "norms": norms})
    problems += duplicates(raw.get("terms") if isinstance(raw, dict) else None, "Begriff", file)
    seen: dict[str, str] = {}
    for term, item in zip(glossary.terms, raw["terms"]) if glossary else ():
        for spelling in term.spellings:
            if spelling in seen:
                problems.append(Problem(
                    file, f"Begriff {term.id}", "term", f"„{spelling}“ steht schon beim Begriff {seen[spelling]}.",
                    f"'{spelling}' is already listed under term {seen[spelling]}.",
                    "Jede Schreibweise nur bei einem Begriff eintragen.", item.line_of("term")))
            seen[spelling] = term.id
    return glossary, problems


# --- marking terms in the HTML of a translated page --------------------------------------

#: an HTML text in pieces: (a comment, or anything else in <>) | (a tag: its "/" if closing, its
#: name) | (text)
_PIECES = re.compile(r"(<!--.*?-->|<(?![/]?[a-zA-Z])[^>]+>)|(<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>)|([^<]+|<)", re.S)
_LANG_DE = re.compile(r'\slang="de')
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})
#: no marking inside these (code is code; svg/script/style are not text for people; an option
#: holds plain text only)
_SKIP = frozenset({"code", "pre", "script", "style", "svg", "kbd", "samp", "textarea", "title", "select", "option",
                   "optgroup", "datalist"})
#: no link inside these (a link in a link is invalid; headings and summaries stay plain)
_NO_LINK = frozenset({"a", "button", "summary", "label", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "dt"})


def _walk_text(html: str, on_text: Callable[[str, bool], str]) -> str:
    """Call on_text(text, no_link) for every text node that may hold a term; keep the rest as it is.

    Left alone: text inside code and inside an element already marked lang="de" (marked by an
    editor, or a German fallback page). `no_link`: inside a link, heading or summary.
    """
    out: list[str] = []
    stack: list[tuple[str, bool, bool]] = []  # (tag, skip, no_link)
    for other, tag, closing, name, text in _PIECES.findall(html):
        if text:
            skip, no_link = stack[-1][1:] if stack else (False, False)
            out.append(text if skip else on_text(text, no_link))
            continue
        if not tag:   # a comment, or "<" and ">" around something that is not a tag
            out.append(other)
            continue
        out.append(tag)
        name = name.lower()
        if closing:
            while stack:
                if stack.pop()[0] == name:
                    break
        elif name not in _VOID and not tag.rstrip(">").endswith("/"):
            skip, no_link = stack[-1][1:] if stack else (False, False)
            skip = skip or name in _SKIP or ('lang="de' in tag and bool(_LANG_DE.search(tag)))
            stack.append((name, skip, no_link or name in _NO_LINK))
    return "".join(out)


def mark_terms(html: str, glossary: Glossary, *, lang: str, rtl: bool, href: Callable[[Term], str]) -> str:
    """Mark every glossary term in the page; the first occurrence outside a link explains it."""
    spellings = glossary.by_spelling()
    pattern = glossary.pattern()
    explained: set[str] = set()
    direction = ' dir="ltr"' if rtl else ""

    def on_text(text: str, no_link: bool) -> str:
        def replace(match: re.Match) -> str:
            term = spellings[match.group(1)]
            marked = f'<span class="amm-term" lang="de"{direction}>{match.group(1)}</span>'
            if no_link or term.id in explained:
                return marked
            explained.add(term.id)
            title = htmllib.escape(term.explanation.get(lang) or term.explanation["de"], quote=True)
            return f'<a class="amm-term-link" href="{href(term)}" title="{title}">{marked}</a>'
        return pattern.sub(replace, text)

    # A term in a text node is a term in the page (the lookarounds treat "<" and ">" like the
    # end of a text): a page without any is returned as it is, without walking its tags.
    return _walk_text(html, on_text) if pattern.search(html) else html


def unmarked_words(html: str, glossary: Glossary) -> list[str]:
    """German forms of a glossary term in the page that are not marked as German.

    Run on the HTML after mark_terms: what is left is a form the glossary does not list
    (Duldungen, Ausländerbehörden), which a screen reader would read in the page's language.
    Compounds (Anerkennungspartnerschaft) are words of their own, not forms of a term.
    """
    inflected = glossary.inflected()
    found: list[str] = []

    def on_text(text: str, _no_link: bool) -> str:
        found.extend(m.group(0) for m in inflected.finditer(htmllib.unescape(text) if "&" in text else text))
        return text
    # as in mark_terms: no such form in the whole page (entities decoded), none in its text
    if inflected.search(htmllib.unescape(html) if "&" in html else html):
        _walk_text(html, on_text)
    return list(dict.fromkeys(found))
