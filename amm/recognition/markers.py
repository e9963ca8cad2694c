"""Markers of the recognition section:

    <!-- recognition:table -->   "Wer ist zuständig?": every competent body with its profession
                                 groups, region, contact data from the sources, label and sources
    <!-- recognition:lookup -->  the lookup by profession group (works without JavaScript)

Sources join the page's numbered list. Texts missing in the page's language are shown in German,
marked lang="de".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment

from amm.core import urls
from amm.core.markers import Extension, format_day, pick
from amm.core.site import Source, newest
from amm.legal.rules import Rules
from amm.recognition.model import Body, Recognition

VIEWS = ("table", "lookup")
FINDER_PAGE = "anerkennung/zustaendige-stellen.md"


def extension(recognition: Recognition, *, rules: Rules, sources: dict[str, Source], ui: dict[str, str],
              lang: str, url_lang: str, default_lang: str, here: str, env: Environment) -> Extension:
    """The `recognition` marker kind for one page; `lang` is the language of the page's text,
    `url_lang` the language build it is in, `here` the page's site-relative URL."""
    legal_t = {k: v[lang] for k, v in rules.texts.items()}

    def label(name: str, source_ids: tuple[str, ...]) -> dict[str, str]:
        date = newest(sources, source_ids)
        date_text = (legal_t["source_date"].replace("{date}", format_day(date, lang))
                     if name != "confirmed" and date else "")
        return {"label": name, "text": legal_t[f"label_{name}"], "date": date_text}

    def body(item: Body, cite: Callable[[str], int]) -> dict[str, Any]:
        return {
            "id": item.id, "name": item.name, "role": item.role,
            "groups": [recognition.groups[g].name[lang] for g in item.groups],
            "area": pick(item.area, lang), "task": pick(item.task, lang),
            "note": pick(item.note, lang) if item.note else None,
            "website": item.website, "email": item.email, "postal": item.postal,
            "label": label(item.label, item.sources),
            "numbers": [(cite(s), s) for s in item.sources],
        }

    def render(ident: str | None, cite) -> str:
        # Sources are numbered in reading order: the deciding bodies first, then the advisers.
        if ident == "table":
            bodies = [body(b, cite) for b in recognition.bodies if b.role == "decides"]
            return env.get_template("partials/amm/recognition-table.html").render(
                t=ui, lt=legal_t, lang=lang, bodies=bodies,
                advisers=[body(b, cite) for b in recognition.advising()])
        groups = [{
            "id": g.id, "name": g.name[lang], "regulated": g.regulated,
            "bodies": [body(b, cite) for b in recognition.deciding(g.id)],
        } for g in recognition.groups.values()]
        advisers = [body(b, cite) for b in recognition.advising()]
        here_is_finder = urls.page_url(FINDER_PAGE, url_lang, default_lang) == here
        return env.get_template("partials/amm/recognition-lookup.html").render(
            t=ui, lt=legal_t, lang=lang, groups=groups, advisers=advisers,
            table_href=None if here_is_finder else urls.href(FINDER_PAGE, lang=url_lang,
                                                             default_lang=default_lang, here=here))

    return Extension(VIEWS, render, "data/recognition.yaml")
