"""Expand the small markers authors place in Markdown from the site data.

    <!-- fact:ID -->       a programme figure from data/site.yaml, formatted for the page language;
                           its source is listed under <!-- sources -->
    <!-- source:ID -->     a numbered reference to a source
    <!-- sources -->       the list of every source the page cited, with dates
    <!-- operator:FIELD --> the operator's details, or a visible placeholder notice
    <!-- feedback -->      the feedback e-mail address as a link, or a placeholder notice
    <!-- link:ID -->       an official URL from data/site.yaml (usable inside Markdown links)
    <!-- finder -->, <!-- map --> the mentor finder and the district map (hooks/site_data.py)

Other modules add marker kinds of their own (see `Extension`; amm/legal/markers.py adds the
legal ones). Their sources, if any, join the page's numbered source list.

One fact lives in one place: pages never retype figures, addresses or URLs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment

from amm.core.errors import DataErrors, Problem
from amm.core.site import PLACEHOLDER, Site, UiTexts

KINDS = ("fact", "source", "sources", "operator", "feedback", "link")
# Anything shaped like a marker is checked, so a typo (<!-- fakt:x -->) stops the build
# instead of silently vanishing as an HTML comment.
MARKER_RE = re.compile(r"<!--\s*([a-z]+)(?::([a-z0-9_]+))?\s*-->")
_COMMENT_RE = re.compile(r"<!--(.*?)(-->|\Z)", re.S)
_MARKER_SHAPED_RE = re.compile(r"([A-Za-z_-]+)\s*(?::\s*(\S*))?")


def malformed(markdown: str, page_file: str, kinds: Collection[str]) -> list[Problem]:
    """HTML comments that look like markers but are not written as one (upper case, spaces, no
    id characters), and a comment that is never closed: both would vanish silently."""
    problems = []
    for match in _COMMENT_RE.finditer(markdown):
        text = match.group(0)
        if not match.group(2) or "<!--" in match.group(1):  # never closed, or closed by a later comment
            problems.append(Problem(
                page_file, f"Markierung „{text[:40].strip()}…“", "",
                "Der Kommentar <!-- wird nie mit --> geschlossen: alles danach wäre unsichtbar.",
                "The comment <!-- is never closed with -->: everything after it would be invisible.",
                "Die Markierung mit --> abschließen, z. B. <!-- fact:mentors -->."))
            continue
        shaped = _MARKER_SHAPED_RE.fullmatch(match.group(1).strip())
        if MARKER_RE.fullmatch(text) or not shaped:
            continue
        if shaped.group(1).lower() in kinds or shaped.group(2) is not None:
            problems.append(Problem(
                page_file, f"Markierung {text}", "",
                "Die Markierung ist fehlerhaft geschrieben und würde unsichtbar verschwinden.",
                "The marker is malformed and would vanish silently.",
                "Nur Kleinbuchstaben, Ziffern und _, ohne Leerzeichen um den Doppelpunkt: "
                "<!-- art:kennung -->, z. B. <!-- fact:mentors -->."))
    return problems


@dataclass(frozen=True)
class Extension:
    """A marker kind added by another module.

    `ids` are the identifiers the marker accepts (None: the marker takes no identifier);
    `render(ident, cite)` returns the HTML, where `cite(source_id)` adds a source to the
    page's numbered list and returns its number; `data_file` is named in error messages.
    """

    ids: Collection[str] | None
    render: Callable[[str | None, Callable[[str], int]], str]
    data_file: str


@dataclass
class _PageState:
    cited: list[str] = field(default_factory=list)

    def cite(self, source_id: str) -> int:
        if source_id not in self.cited:
            self.cited.append(source_id)
        return self.cited.index(source_id) + 1


def pick(texts: dict[str, str], lang: str) -> dict[str, str]:
    """A text in the page's language, else German: {'text': ..., 'lang': ...} (the template marks
    German shown in another language's page with lang="de")."""
    if lang in texts:
        return {"text": texts[lang], "lang": lang}
    return {"text": texts.get("de", ""), "lang": "de"}


def format_value(value: int | str, lang: str) -> str:
    """A fact for the page: a number formatted for the language, a text escaped (never HTML)."""
    return format_decimal(value, locale=lang) if isinstance(value, int) else html.escape(value)


def format_day(day, lang: str) -> str:
    """A date for people: a datetime.date, or a PartialDate as precise as its source."""
    if hasattr(day, "format"):
        return day.format(lang)
    return format_date(day, format="long", locale=lang)


def expand(markdown: str, *, page_file: str, lang: str, site: Site, ui: UiTexts,
           env: Environment, extensions: Mapping[str, Extension] | None = None) -> str:
    """Return the Markdown with every marker replaced; unknown ids stop the build."""
    state = _PageState()
    problems: list[Problem] = []
    texts = ui.for_language(lang)
    extensions = extensions or {}
    sources = site.sources
    kinds = KINDS + tuple(extensions)

    def bad(kind: str, ident: str | None, known, data_file: str = "data/site.yaml") -> str:
        problems.append(Problem(
            page_file, f"Markierung <!-- {kind}:{ident} -->", "",
            f"„{ident}“ gibt es in {data_file} nicht.",
            f"'{ident}' does not exist in {data_file}.",
            "Eine dieser Kennungen verwenden: " + ", ".join(sorted(known)) + "."))
        return ""

    def replace(match: re.Match) -> str:
        kind, ident = match.group(1), match.group(2)
        if kind not in kinds:
            problems.append(Problem(
                page_file, f"Markierung {match.group(0)}", "",
                f"Die Markierung „{kind}“ gibt es nicht.", f"There is no marker '{kind}'.",
                "Erlaubt sind: " + ", ".join(kinds) + " (siehe README)."))
            return ""
        if kind in extensions:
            ext = extensions[kind]
            if (ext.ids is None) != (ident is None) or (ident is not None and ident not in ext.ids):
                return bad(kind, ident, ext.ids or ["(ohne Kennung: <!-- " + kind + " -->)"],
                           ext.data_file)
            return ext.render(ident, state.cite)
        if kind == "fact":
            fact = site.facts.get(ident or "")
            if fact is None:
                return bad(kind, ident, site.facts)
            state.cite(fact.source)
            return format_value(fact.value, lang)
        if kind == "source":
            if ident not in sources:
                return bad(kind, ident, sources, "data/sources.yaml")
            number = state.cite(ident)
            return env.get_template("partials/amm/cite.html").render(number=number, id=ident)
        if kind == "operator":
            if ident not in site.operator:
                return bad(kind, ident, site.operator.keys())
            return _value_or_placeholder(env, site.operator[ident], texts)
        if kind == "feedback":
            return env.get_template("partials/amm/email.html").render(
                address=site.feedback_email, placeholder=PLACEHOLDER, t=texts)
        if kind == "link":
            if ident not in site.links:
                return bad(kind, ident, site.links.keys())
            return html.escape(site.links[ident])
        return "\x00SOURCES\x00"  # filled in once every citation on the page is known

    problems += malformed(markdown, page_file, kinds)
    out = MARKER_RE.sub(replace, markdown)
    if state.cited and "\x00SOURCES\x00" not in out:
        problems.append(Problem(
            page_file, "", "",
            "Die Seite zitiert Quellen, zeigt aber keine Quellenliste.",
            "The page cites sources but has no list of sources.",
            "Am Ende der Seite eine Zeile <!-- sources --> einfügen."))
    if problems:
        raise DataErrors(problems)
    if "\x00SOURCES\x00" in out:
        rendered = env.get_template("partials/amm/sources.html").render(
            sources=[sources[s] for s in state.cited], t=texts, lang=lang, format_day=format_day)
        out = out.replace("\x00SOURCES\x00", rendered)
    return out


def _value_or_placeholder(env: Environment, value: str, texts: dict[str, str]) -> str:
    return env.get_template("partials/amm/value.html").render(
        value=value, placeholder=PLACEHOLDER, t=texts)
