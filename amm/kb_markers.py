"""Markers of the recognition and practice-notes sections:

    <!-- recognition:table -->   "Wer ist zuständig?": every competent body with its profession
                                 groups, region, contact data from the sources, label and sources
    <!-- recognition:lookup -->  the lookup by profession group (works without JavaScript)
    <!-- notes:index -->         all practice notes, grouped by topic, with a tag filter
    <!-- notes:for -->           the notes whose tags point to this page; hooks/site_data.py
                                 inserts it on every legal page and every page a tag points to

Sources join the page's numbered list; sections of law link to their text (amm/legal.py norms).
Texts missing in the page's language are shown in German, marked lang="de".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from mkdocs.utils import get_relative_url

from amm.legal import Rules
from amm.legal_markers import page_url
from amm.markers import Extension, format_day
from amm.notes import TAG_KINDS, Note, Notes
from amm.recognition import Body, Recognition, newest
from amm.sitedata import Source

RECOGNITION_VIEWS = ("table", "lookup")
NOTES_VIEWS = ("index", "for")
INDEX_PAGE = "aus-der-praxis.md"
FINDER_PAGE = "anerkennung/zustaendige-stellen.md"


def _pick(texts: dict[str, str], lang: str) -> dict[str, str]:
    """A text in the page's language, else German: {'text': ..., 'lang': ...}."""
    if lang in texts:
        return {"text": texts[lang], "lang": lang}
    return {"text": texts.get("de", ""), "lang": "de"}


class _View:
    def __init__(self, *, lang: str, url_lang: str, default_lang: str, here: str,
                 sources: dict[str, Source], rules: Rules, ui: dict[str, str]):
        self.lang, self.url_lang, self.default, self.here = lang, url_lang, default_lang, here
        self.sources, self.rules, self.t = sources, rules, ui
        self.legal_t = {k: v[lang] for k, v in rules.texts.items()}

    def href(self, docs_path: str) -> str:
        return get_relative_url(page_url(docs_path, self.url_lang, self.default), self.here)

    def is_here(self, docs_path: str) -> bool:
        return page_url(docs_path, self.url_lang, self.default) == self.here

    def label(self, label: str, source_ids: tuple[str, ...]) -> dict[str, str]:
        date = newest(self.sources, source_ids)
        date_text = (self.legal_t["source_date"].replace("{date}", format_day(date, self.lang))
                     if label != "confirmed" and date else "")
        return {"label": label, "text": self.legal_t[f"label_{label}"], "date": date_text}

    def body(self, body: Body, recognition: Recognition, cite: Callable[[str], int]) -> dict[str, Any]:
        return {
            "id": body.id, "name": body.name, "role": body.role,
            "groups": [recognition.groups[g].name[self.lang] for g in body.groups],
            "area": _pick(body.area, self.lang), "task": _pick(body.task, self.lang),
            "note": _pick(body.note, self.lang) if body.note else None,
            "website": body.website, "email": body.email, "postal": body.postal,
            "label": self.label(body.label, body.sources),
            "numbers": [(cite(s), s) for s in body.sources],
        }

    def note(self, note: Note, notes: Notes, cite: Callable[[str], int]) -> dict[str, Any]:
        return {
            "id": note.id, "title": _pick(note.title, self.lang), "text": _pick(note.text, self.lang),
            "norms": [self.rules.norms[n] for n in note.norms],
            "numbers": [(cite(s), s) for s in note.sources],
            "tags": [{"kind": kind, "id": tid, "label": notes.tags[kind][tid].label[self.lang],
                      "href": self.href(notes.tags[kind][tid].page)}
                     for kind in TAG_KINDS for tid in note.tags.get(kind, ())],
            "data": {kind: " ".join(note.tags.get(kind, ())) for kind in TAG_KINDS},
        }


def extensions(*, recognition: Recognition | None, notes: Notes | None, rules: Rules,
               sources: dict[str, Source], ui: dict[str, str], lang: str, url_lang: str,
               default_lang: str, here: str, env: Environment) -> dict[str, Extension]:
    """The marker kinds for one page (see module docstring); `lang` is the language of the page's
    text, `url_lang` the language build it is in, `here` the page's site-relative URL."""
    view = _View(lang=lang, url_lang=url_lang, default_lang=default_lang, here=here,
                 sources=sources, rules=rules, ui=ui)
    out: dict[str, Extension] = {}

    if recognition is not None:
        def recognition_view(ident: str | None, cite) -> str:
            if ident == "table":
                return env.get_template("partials/amm/recognition-table.html").render(
                    t=ui, lt=view.legal_t, lang=lang,
                    bodies=[view.body(b, recognition, cite) for b in recognition.bodies
                            if b.role == "decides"],
                    advisers=[view.body(b, recognition, cite) for b in recognition.advising()])
            groups = [{
                "id": g.id, "name": g.name[lang], "regulated": g.regulated,
                "bodies": [view.body(b, recognition, cite) for b in recognition.deciding(g.id)],
            } for g in recognition.groups.values()]
            return env.get_template("partials/amm/recognition-lookup.html").render(
                t=ui, lt=view.legal_t, lang=lang, groups=groups,
                advisers=[view.body(b, recognition, cite) for b in recognition.advising()],
                table_href=None if view.is_here(FINDER_PAGE) else view.href(FINDER_PAGE))

        out["recognition"] = Extension(RECOGNITION_VIEWS, recognition_view, "data/recognition.yaml")

    if notes is not None:
        def notes_view(ident: str | None, cite) -> str:
            if ident == "index":
                first_topic: dict[str, list[dict]] = {tid: [] for tid in notes.tags["topic"]}
                for note in notes.notes:
                    first_topic[note.tags["topic"][0]].append(view.note(note, notes, cite))
                groups = [{"id": tid, "label": notes.tags["topic"][tid].label[lang],
                           "href": view.href(notes.tags["topic"][tid].page), "notes": items}
                          for tid, items in first_topic.items() if items]
                filters = [{"kind": kind, "label": ui[f"notes_filter_{kind}"],
                            "options": [{"id": tid, "label": tag.label[lang]}
                                        for tid, tag in notes.tags[kind].items()]}
                           for kind in TAG_KINDS]
                return env.get_template("partials/amm/notes-index.html").render(
                    t=ui, lang=lang, groups=groups, filters=filters, total=len(notes.notes))
            page = next((p for p in sorted(notes.pages()) if view.is_here(p)), None)
            items = [view.note(n, notes, cite) for n in notes.for_page(page)] if page else []
            if not items:
                return ""
            return env.get_template("partials/amm/notes-for.html").render(
                t=ui, lang=lang, notes=items, index_href=view.href(INDEX_PAGE))

        out["notes"] = Extension(NOTES_VIEWS, notes_view, "data/practice_notes.yaml")
    return out
