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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from amm.core.errors import Problem
from amm.core.fields import Checker
from amm.core.site import Source
from amm.core.yamlfile import load_yaml
from amm.legal.rules import LABELS

TOP_FIELDS = ("texts", "changes")
CHANGE_FIELDS = ("id", "date", "title", "text", "label", "note", "norms", "sources", "pages")
TEXT_KEYS = ("recent_heading", "recent_more", "date", "change", "status", "feed_link", "feed_title")
#: the page that lists every change (its German docs path)
CHANGES_PAGE = "recht/aenderungen.md"
FEED_FILE = "aenderungen.atom"
#: how many changes the box on a status page shows
RECENT = 3
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Change:
    id: str
    date: dt.date
    title: dict[str, str]
    text: dict[str, str]
    label: str
    note: dict[str, str]
    norms: tuple[str, ...]
    sources: tuple[str, ...]
    pages: tuple[str, ...]

    @property
    def languages(self) -> set[str]:
        return set(self.title) & set(self.text)

    @property
    def anchor(self) -> str:
        return "aenderung-" + self.id.replace("_", "-")


@dataclass
class Changes:
    texts: dict[str, dict[str, str]]
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
                 today: dt.date | None = None) -> tuple[Changes, list[Problem]]:
    """data/legal_changes.yaml; every problem with file, line, entry and field."""
    chk = Checker(path, today)
    data = chk.mapping(load_yaml(path), "")
    chk.unknown(data, TOP_FIELDS, "")
    texts: dict[str, dict[str, str]] = {}
    tdata = chk.mapping(data.get("texts"), "texts", "texts")
    for key in TEXT_KEYS:
        entry = f"texts: {key}"
        text = chk.i18n_text(tdata, key, entry, languages)
        missing = [lang for lang in languages if text and lang not in text]
        if missing:
            chk.add(entry, key, "Der Text fehlt in: " + ", ".join(missing) + ".",
                    "The text is missing in: " + ", ".join(missing) + ".",
                    "Eine Zeile je Sprache eintragen (Oberflächentexte gibt es in allen Sprachen).", at=tdata)
        texts[key] = text
    chk.unknown(tdata, TEXT_KEYS, "texts")

    changes: list[Change] = []
    for cid, entry, cdata in chk.entries(data.get("changes"), "changes", "Änderung", CHANGE_FIELDS,
                                         numbered_by="Änderung"):
        date = chk.date(cdata, "date", entry, exact=True)
        title = chk.i18n_text(cdata, "title", entry, languages)
        text = chk.i18n_text(cdata, "text", entry, languages)
        if title and text and set(title) != set(text):
            chk.add(entry, "text", "Titel und Text gibt es nicht in denselben Sprachen.",
                    "Title and text are not written in the same languages.",
                    "Für jede Sprache beides eintragen: title und text (fehlend: "
                    + ", ".join(sorted(set(title) ^ set(text))) + ").", at=cdata)
        note = chk.i18n_text(cdata, "note", entry, languages, required=False)
        label = chk.choice(cdata, "label", entry, LABELS)
        norm_ids = tuple(str(v) for v in chk.listing(cdata.get("norms"), entry, "norms"))
        source_ids = tuple(str(v) for v in chk.listing(cdata.get("sources"), entry, "sources"))
        if not source_ids:
            chk.add(entry, "sources", "Jede Änderung braucht mindestens eine Quelle mit Datum.",
                    "Every change needs at least one dated source.",
                    "sources: [kennung] – eine Kennung aus data/sources.yaml.", at=cdata)
        if norms is not None:
            for norm in norm_ids:
                chk.reference(norm, norms, entry, "norms", "norm", "data/legal_rules.yaml (norms)")
        for sid in source_ids:
            chk.source(sid, sources, entry, "sources")
        pages = tuple(str(v) for v in chk.listing(cdata.get("pages"), entry, "pages"))
        for page in pages:
            if not page.endswith(".md") or (docs is not None and not (docs / page).is_file()):
                chk.add(entry, "pages", f"Die Seite docs/{page} gibt es nicht.",
                        f"The page docs/{page} does not exist.",
                        "Den Pfad einer vorhandenen Seite unter docs/ eintragen, z. B. recht/duldung.md.",
                        at=cdata)
        changes.append(Change(cid, date.first_day if date else dt.date(1900, 1, 1), title, text, label,
                              note, norm_ids, source_ids, pages))
    for before, after in zip(changes, changes[1:]):
        if after.date < before.date:
            chk.add(f"Änderung {after.id}", "date", "Die Änderungen stehen nicht in zeitlicher Reihenfolge.",
                    "The changes are not in date order.",
                    f"Den Eintrag vor „{before.id}“ ({before.date.isoformat()}) einsortieren.")
    return Changes(texts, changes), chk.problems


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
