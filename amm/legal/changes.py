"""Dated legal changes (data/legal_changes.yaml): typed once, shown three ways.

- `<!-- changes:table -->`  the "what changed when" page (docs/recht/aenderungen*.md), oldest first
- `<!-- changes:recent -->` a short box with the newest changes on every page an entry names under
                            `pages` (hooks/site_data.py inserts it under the page title)
- an Atom feed (RFC 4287) per language the entries exist in: `aenderungen.atom` at the root of
  that language (site/aenderungen.atom, site/en/aenderungen.atom), linked from the changes page

An entry exists in a language when its title and text are written in it; German is required.
Texts are plain text and always escaped. Sections of law are ids from data/legal_rules.yaml
(norms), sources ids from data/sources.yaml.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Collection
from pathlib import Path
from typing import Annotated
from urllib.parse import urljoin

from pydantic import model_validator

from amm.core import clock
from amm.core.errors import Problem, rel
from amm.core.model import (Date, I18n, I18nAll, Id, Label, Model, NormRef, Page, SourceRef, Table, at_least_one,
                            duplicates, problem, raise_all, validate)
from amm.core.site import Source
from amm.core.yamlfile import load_yaml

#: the page that lists every change (its German docs path)
CHANGES_PAGE = "recht/aenderungen.md"
FEED_FILE = "aenderungen.atom"
#: how many changes the box on a status page shows
RECENT = 3
ATOM = "http://www.w3.org/2005/Atom"


class ChangeTexts(Table):
    """Interface texts of the changes page, the box and the feed, in every language."""

    recent_heading: I18nAll
    recent_more: I18nAll
    date: I18nAll
    change: I18nAll
    status: I18nAll
    feed_link: I18nAll
    feed_title: I18nAll


class Change(Model):
    entry_label = "Änderung"

    id: Id
    date: Date
    title: I18n
    text: I18n
    label: Label
    note: I18n = {}
    norms: list[NormRef] = []
    sources: Annotated[list[SourceRef], at_least_one(
        "Jede Änderung braucht mindestens eine Quelle mit Datum.", "Every change needs at least one dated source.",
        "sources: [kennung] – eine Kennung aus data/sources.yaml.")]
    pages: list[Page] = []

    @model_validator(mode="after")
    def _same_languages(self):
        if set(self.title) != set(self.text):
            raise_all([(("text",), problem("Titel und Text gibt es nicht in denselben Sprachen.",
                                           "Title and text are not written in the same languages.",
                                           "Für jede Sprache beides eintragen: title und text (fehlend: "
                                           + ", ".join(sorted(set(self.title) ^ set(self.text))) + ")."))])
        return self

    @property
    def languages(self) -> set[str]:
        return set(self.title) & set(self.text)

    @property
    def anchor(self) -> str:
        return "aenderung-" + self.id.replace("_", "-")


class Changes(Model):
    """data/legal_changes.yaml. Duplicate ids and the date order are checks of their own over the
    file as written, reported in the same run as the field problems."""

    texts: ChangeTexts
    changes: list[Change]  # oldest first

    def for_page(self, docs_path: str) -> list[Change]:
        """The newest changes that name this page, newest first."""
        return sorted((c for c in self.changes if docs_path in c.pages), key=lambda c: c.date,
                      reverse=True)[:RECENT]

    def pages(self) -> set[str]:
        return {p for c in self.changes for p in c.pages}

    def feed_languages(self) -> list[str]:
        return sorted({lang for c in self.changes for lang in c.languages})


def load_changes(path: Path, *, sources: dict[str, Source], norms: Collection[str] | None,
                 languages: list[str], docs: Path | None = None,
                 today: dt.date | None = None) -> tuple[Changes | None, list[Problem]]:
    """data/legal_changes.yaml; every problem with file, line, entry and field."""
    raw = load_yaml(path)
    file = rel(path)
    changes, problems = validate(raw, Changes, file, context={
        "languages": languages, "sources": sources, "norms": norms, "docs": docs, "today": today or clock.today()})
    problems += duplicates(raw.get("changes") if isinstance(raw, dict) else None, "Änderung", file)
    # date order over the file as written: reported together with the field problems
    items = [c for c in (raw.get("changes") if isinstance(raw, dict) else None) or []
             if isinstance(c, dict) and type(c.get("date")) is dt.date]
    for before, after in zip(items, items[1:]):
        if after["date"] < before["date"]:
            problems.append(Problem(
                file, f"Änderung {after.get('id')}", "date", "Die Änderungen stehen nicht in zeitlicher Reihenfolge.",
                "The changes are not in date order.",
                f"Den Eintrag vor „{before.get('id')}“ ({before['date'].isoformat()}) einsortieren.",
                after.line_of("date")))
    return changes, problems


def feed_path(lang: str, default_lang: str) -> str:
    """Site-relative path of the feed of one language."""
    return ("" if lang == default_lang else f"{lang}/") + FEED_FILE


def atom_feed(changes: Changes, lang: str, *, site_url: str, default_lang: str, site_name: str) -> bytes:
    """The Atom feed of one language: every change written in it, newest first."""
    from amm.core.markers import format_day

    entries = sorted((c for c in changes.changes if lang in c.languages), key=lambda c: c.date, reverse=True)
    page = urljoin(site_url, ("" if lang == default_lang else f"{lang}/") + CHANGES_PAGE[:-3] + "/")
    ET.register_namespace("", ATOM)

    def el(parent, tag, text=None, **attrs):
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    el(feed, "id", f"tag:arbeitsmarktmentoren-sachsen.de,2026:rechtsaenderungen:{lang}")
    el(feed, "title", changes.texts["feed_title"][lang])
    el(feed, "updated", _stamp(entries[0].date if entries else dt.date(2026, 1, 1)))
    el(el(feed, "author"), "name", site_name)
    el(feed, "link", rel="self", type="application/atom+xml",
       href=urljoin(site_url, feed_path(lang, default_lang)))
    el(feed, "link", rel="alternate", type="text/html", href=page)
    for change in entries:
        entry = el(feed, "entry")
        el(entry, "id", f"tag:arbeitsmarktmentoren-sachsen.de,2026:rechtsaenderung:{change.id}")
        el(entry, "title", f"{format_day(change.date, lang)}: {change.title[lang]}")
        el(entry, "updated", _stamp(change.date))
        el(entry, "link", rel="alternate", type="text/html", href=page + "#" + change.anchor)
        el(entry, "summary", change.text[lang], type="text")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def write_feeds(site_dir: Path, changes: Changes, *, site_url: str, default_lang: str, site_name: str) -> None:
    for lang in changes.feed_languages():
        target = site_dir / feed_path(lang, default_lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(atom_feed(changes, lang, site_url=site_url, default_lang=default_lang,
                                     site_name=site_name))


# -- the markers ------------------------------------------------------------------------------

def extensions(changes: Changes, *, rules, sources: dict[str, Source], lang: str, url_lang: str,
               default_lang: str, here: str, env) -> dict:
    """`<!-- changes:table -->` and `<!-- changes:recent -->` for one page."""
    from mkdocs.utils import get_relative_url

    from amm.core.urls import page_url
    from amm.core.markers import Extension, format_day

    t = {k: v.get(lang, v["de"]) for k, v in changes.texts.items()}
    legal_t = {k: v[lang] for k, v in rules.texts.items()}
    changes_href = get_relative_url(page_url(CHANGES_PAGE, url_lang, default_lang), here)

    def view(change: Change, cite) -> dict:
        text_lang = lang if lang in change.languages else "de"
        return {
            "id": change.id, "anchor": change.anchor, "date": format_day(change.date, lang),
            "iso": change.date.isoformat(), "lang": text_lang,
            "title": change.title[text_lang], "text": change.text[text_lang],
            "label": change.label, "label_text": legal_t[f"label_{change.label}"],
            "note": change.note.get(text_lang, ""),
            "norms": [rules.norms[n] for n in change.norms],
            "numbers": [(cite(s), s) for s in change.sources],
        }

    def render(ident: str | None, cite) -> str:
        if ident == "table":
            feed = get_relative_url(feed_path(url_lang, default_lang), here) if url_lang in \
                changes.feed_languages() else ""
            return env.get_template("partials/amm/changes-table.html").render(
                t=t, changes=[view(c, cite) for c in changes.changes], feed=feed)
        recent = changes.for_page(docs_path(here, url_lang, default_lang))
        if not recent:
            return ""
        return env.get_template("partials/amm/changes-recent.html").render(
            t=t, changes=[view(c, cite) for c in recent], more=changes_href)

    return {"changes": Extension(("table", "recent"), render, "data/legal_changes.yaml")}


def docs_path(url: str, lang: str, default_lang: str) -> str:
    """recht/duldung/ (or en/recht/duldung/) -> recht/duldung.md"""
    if lang != default_lang and url.startswith(f"{lang}/"):
        url = url[len(lang) + 1:]
    return url.rstrip("/") + ".md" if url else "index.md"
