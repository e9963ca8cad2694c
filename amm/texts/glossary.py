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
from dataclasses import dataclass
from pathlib import Path

from amm.core.errors import Problem
from amm.core.fields import Checker
from amm.core.yamlfile import load_yaml

TERM_FIELDS = ("id", "term", "forms", "explanation", "page", "norms")
#: the glossary page (docs/glossar.md and one translation per language)
PAGE = "glossar.md"


@dataclass(frozen=True)
class Term:
    id: str
    term: str                   # exactly as on German documents
    forms: tuple[str, ...]      # other German forms that count as the same term (plural, genitive)
    explanation: dict[str, str]
    page: str                   # the page that treats the term, relative to docs/
    norms: tuple[str, ...] = () # sections of law that define it (ids under norms in legal_rules.yaml)

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.term, *self.forms)


@dataclass
class Glossary:
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
                  norms: Collection[str] | None = None) -> tuple[Glossary, list[Problem]]:
    """data/glossary.yaml; every term needs an explanation in every language; its page must exist
    (`docs` None: not checked) and its norms must be known (`norms` None: not checked)."""
    chk = Checker(path)
    data = chk.mapping(load_yaml(path), "")
    chk.unknown(data, ("terms",), "")
    terms: list[Term] = []
    seen: dict[str, str] = {}
    for tid, entry, tdata in chk.entries(data.get("terms"), "terms", "Begriff", TERM_FIELDS, numbered_by="Begriff"):
        term = chk.text(tdata, "term", entry)
        forms = tuple(str(f).strip() for f in chk.listing(tdata.get("forms"), entry, "forms"))
        for spelling in (term, *forms):
            if spelling and not re.fullmatch(r"[\wÄÖÜäöüß][\wÄÖÜäöüß .-]*", spelling):
                chk.add(entry, "term", f"„{spelling}“ ist kein Begriff.", f"'{spelling}' is not a term.",
                        "Nur das deutsche Wort bzw. die Wortgruppe schreiben, ohne Satzzeichen.", at=tdata)
            elif spelling in seen:
                chk.add(entry, "term", f"„{spelling}“ steht schon beim Begriff {seen[spelling]}.",
                        f"'{spelling}' is already listed under term {seen[spelling]}.",
                        "Jede Schreibweise nur bei einem Begriff eintragen.", at=tdata)
            seen[spelling] = tid
        explanation = chk.i18n_text(tdata, "explanation", entry, languages)
        missing = [lang for lang in languages if explanation and lang not in explanation]
        if missing:
            chk.add(entry, "explanation", "Die Erklärung fehlt in: " + ", ".join(missing) + ".",
                    "The explanation is missing in: " + ", ".join(missing) + ".",
                    "Eine kurze Erklärung für jede Sprache eintragen (das Glossar zeigt sie in allen Sprachen).",
                    at=tdata)
        page = chk.text(tdata, "page", entry, required=False)
        if page and not page.endswith(".md"):
            chk.add(entry, "page", f"„{page}“ ist keine Seite.", f"'{page}' is not a page.",
                    "Den Pfad einer Seite unter docs/ eintragen, z. B. recht/duldung.md.", at=tdata)
        elif page and docs is not None and not (docs / page).is_file():
            chk.add(entry, "page", f"Die Seite docs/{page} gibt es nicht.", f"The page docs/{page} does not exist.",
                    "Den Pfad einer vorhandenen Seite unter docs/ eintragen, z. B. recht/duldung.md.", at=tdata)
        norm_ids = tuple(str(n) for n in chk.listing(tdata.get("norms"), entry, "norms"))
        if norms is not None:
            for norm in norm_ids:
                chk.reference(norm, norms, entry, "norms", "norm", "data/legal_rules.yaml (norms)")
        terms.append(Term(tid, term, forms, explanation, page, norm_ids))
    return Glossary(terms), chk.problems


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
