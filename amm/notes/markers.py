"""Markers of the practice notes:

    <!-- notes:index -->   all practice notes, grouped by topic, with a tag filter
    <!-- notes:for -->     the notes whose tags point to this page; amm/pages.py inserts it on every
                           legal page and every page a tag points to

Sources join the page's numbered list; sections of law link to their text (data/legal_rules.yaml
norms). Texts missing in the page's language are shown in German, marked lang="de".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment

from amm.core import urls
from amm.core.markers import Extension, pick
from amm.legal.rules import Rules
from amm.notes.model import TAG_KINDS, Note, Notes

VIEWS = ("index", "for")
INDEX_PAGE = "aus-der-praxis.md"


def extension(notes: Notes, *, rules: Rules, ui: dict[str, str], lang: str, url_lang: str,
              default_lang: str, here: str, env: Environment) -> Extension:
    """The `notes` marker kind for one page; `lang` is the language of the page's text,
    `url_lang` the language build it is in, `here` the page's site-relative URL."""

    def href(docs_path: str) -> str:
        return urls.href(docs_path, lang=url_lang, default_lang=default_lang, here=here)

    def note(item: Note, cite: Callable[[str], int]) -> dict[str, Any]:
        return {
            "id": item.id, "title": pick(item.title, lang), "text": pick(item.text, lang),
            "norms": [rules.norms[n] for n in item.norms],
            "numbers": [(cite(s), s) for s in item.sources],
            "tags": [{"kind": kind, "id": tid, "label": notes.tags[kind][tid].label[lang],
                      "href": href(notes.tags[kind][tid].page)}
                     for kind in TAG_KINDS for tid in item.tags.get(kind, ())],
            "data": {kind: " ".join(item.tags.get(kind, ())) for kind in TAG_KINDS},
        }

    def render(ident: str | None, cite) -> str:
        if ident == "index":
            first_topic: dict[str, list[dict]] = {tid: [] for tid in notes.tags["topic"]}
            for item in notes.notes:
                first_topic[item.tags["topic"][0]].append(note(item, cite))
            groups = [{"id": tid, "label": notes.tags["topic"][tid].label[lang],
                       "href": href(notes.tags["topic"][tid].page), "notes": items}
                      for tid, items in first_topic.items() if items]
            filters = [{"kind": kind, "label": ui[f"notes_filter_{kind}"],
                        "options": [{"id": tid, "label": tag.label[lang]}
                                    for tid, tag in notes.tags[kind].items()]}
                       for kind in TAG_KINDS]
            return env.get_template("partials/amm/notes-index.html").render(
                t=ui, lang=lang, groups=groups, filters=filters, total=len(notes.notes))
        page = next((p for p in sorted(notes.pages())
                     if urls.page_url(p, url_lang, default_lang) == here), None)
        items = [note(n, cite) for n in notes.for_page(page)] if page else []
        if not items:
            return ""
        return env.get_template("partials/amm/notes-for.html").render(
            t=ui, lang=lang, notes=items, index_href=href(INDEX_PAGE))

    return Extension(VIEWS, render, "data/practice_notes.yaml")
