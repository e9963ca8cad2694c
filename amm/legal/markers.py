"""The legal markers, expanded from data/legal_rules.yaml (see amm/legal/rules.py):

    <!-- law:ID -->       a section of law, linked to its text (ids under `norms`)
    <!-- box:ROW -->      the fact box of one status/situation (ids under `rows`)
    <!-- legal:matrix --> the overview matrix of all rows and columns
    <!-- legal:mentee --> the short overview for mentees (job, training, self-employment)
    <!-- legal:check -->  the decision aid "Arbeitsmarktzugang-Check"

Every cell is rendered by the same template (partials/amm/legal.html), so the matrix, the
boxes and the check show the same words for the same rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from amm.core import urls
from amm.core.site import newest
from amm.core.markers import Extension, format_day
from amm.legal.rules import NOT_COVERED, Cell, Rules

LEGAL_VIEWS = ("matrix", "mentee", "check")
MENTEE_COLUMNS = ("job", "training", "self_employment")
DATA_FILE = "data/legal_rules.yaml"




class _View:
    """Turns rules into template values for one page in one language."""

    def __init__(self, rules: Rules, lang: str, here: str, default_lang: str, url_lang: str):
        self.rules, self.lang, self.here, self.default = rules, lang, here, default_lang
        self.url_lang = url_lang
        self.t = {k: v[lang] for k, v in rules.texts.items()}

    def day(self, value) -> str:
        return format_day(value, self.lang)

    def href(self, docs_path: str) -> str:
        return urls.href(docs_path, lang=self.url_lang, default_lang=self.default, here=self.here)

    def cell(self, cell: Cell, cite: Callable[[str], int] | None) -> dict[str, Any]:
        """One rule: value, note, sections of law, label; sources numbered (cite) or inline."""
        value = self.rules.values[cell.value]
        if cell.value == NOT_COVERED:
            label_text = self.t["label_not_covered"]
            date_text = self.t["stand"].replace("{date}", self.day(cell.checked))
        else:
            label_text = self.t[f"label_{cell.label}"]
            date = newest(self.rules.sources, cell.sources)
            date_text = (self.t["source_date"].replace("{date}", self.day(date))
                         if cell.label != "confirmed" and date else "")
        return {
            "id": cell.id,
            "column": self.rules.columns.get(cell.column, {}).get(self.lang, ""),
            "value": value["label"][self.lang],
            "tone": value["tone"],
            "note": cell.note.get(self.lang, ""),
            "norms": [self.rules.norms[n] for n in cell.cite],
            "label": cell.label,
            "label_text": label_text,
            "date_text": date_text,
            "state_text": self.t["law_state"].replace(
                "{states}", self.rules.states[cell.state].label[self.lang]) if cell.state else "",
            "numbers": [(cite(s), s) for s in cell.sources] if cite else [],
            "sources": [] if cite else [
                {"title": self.rules.sources[s].title, "url": self.rules.sources[s].url,
                 "date": self.day(self.rules.sources[s].date)} for s in cell.sources],
        }

    def row(self, row_id: str) -> dict[str, Any]:
        row = self.rules.rows[row_id]
        return {"id": row.id, "name": row.name[self.lang], "href": self.href(row.page)}


def extensions(rules: Rules, *, lang: str, default_lang: str, here: str, env: Environment,
               url_lang: str | None = None, apply_html=None) -> dict[str, Extension]:
    """The legal marker kinds for one page. `lang` is the language of the page's text (German
    on a page shown untranslated), `url_lang` the language build it is in (links stay in it),
    `here` the page's site-relative URL. `apply_html` (a callable returning markup) fills the
    check's "apply at" slot: the district chooser and its Ausländerbehörden (data/offices.yaml)."""
    view = _View(rules, lang, here, default_lang, url_lang or lang)
    macros = "partials/amm/legal.html"

    def law(ident: str | None, cite) -> str:
        return env.get_template("partials/amm/legal-law.html").render(norm=rules.norms[ident])

    def box(ident: str | None, cite) -> str:
        row = rules.rows[ident]
        return env.get_template("partials/amm/legal-box.html").render(
            macros=macros, t=view.t, row=view.row(ident),
            cells=[view.cell(c, cite) for c in row.cells.values()])

    def legal(ident: str | None, cite) -> str:
        if ident == "matrix":
            return env.get_template("partials/amm/legal-matrix.html").render(
                macros=macros, t=view.t, columns=[rules.columns[c][lang] for c in rules.columns],
                rows=[{**view.row(r.id), "cells": [view.cell(c, cite) for c in r.cells.values()]}
                      for r in rules.rows.values()])
        if ident == "mentee":
            return env.get_template("partials/amm/legal-mentee.html").render(
                macros=macros, t=view.t,
                columns=[rules.columns[c][lang] for c in MENTEE_COLUMNS],
                rows=[{**view.row(r.id), "cells": [view.cell(r.cells[c], None) for c in MENTEE_COLUMNS]}
                      for r in rules.rows.values()])
        return _check(rules, view, env, macros, apply_html() if apply_html else "")

    return {
        "law": Extension(tuple(rules.norms), law, DATA_FILE),
        "box": Extension(tuple(rules.rows), box, DATA_FILE),
        "legal": Extension(LEGAL_VIEWS, legal, DATA_FILE),
    }


def _check(rules: Rules, view: _View, env: Environment, macros: str, apply_html: str = "") -> str:
    lang = view.lang
    questions = [{
        "id": q.id, "text": q.text[lang], "hint": q.hint[lang] if q.hint else "",
        "options": [{"id": o.id, "label": o.label[lang]} for o in q.options],
    } for q in rules.check.questions.values()]
    cells = [view.cell(c, None) for r in rules.rows.values() for c in r.cells.values()]
    specials = [{
        "id": s.id, "title": s.title[lang], "text": s.text[lang],
        "cell": view.cell(Cell.model_construct(value="not_applicable", note={}, cite=s.cite, label=s.label,
                                               sources=s.sources), None),
    } for s in rules.check.specials.values()]
    return env.get_template("partials/amm/legal-check.html").render(
        macros=macros, t=view.t, questions=questions, cells=cells, specials=specials,
        rows=[view.row(r) for r in rules.rows], mentor_href=view.href("mentor-finden.md"),
        overview_href=view.href("recht/uebersicht.md"), data=rules.browser_data(lang),
        apply_html=Markup(apply_html))


def stand_line(rules: Rules, page: str, lang: str) -> dict[str, str]:
    """What a legal page shows under its title: the oldest check of its rules and, where the page
    has fact boxes, the legal states they describe ("Rechtsstand: nach GEAS, ab 12.06.2026")."""
    t = {k: v[lang] for k, v in rules.texts.items()}
    cells = rules.cells_of_page(page)
    stand = t["stand"].replace("{date}", format_day(rules.oldest_check(cells or None), lang))
    states = "; ".join(s.label[lang] for s in rules.states_of(cells)) if cells else ""
    return {"stand": stand, "law_state": t["law_state"].replace("{states}", states) if states else ""}
