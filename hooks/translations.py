"""Translations that stay true (logic in amm/texts/translations.py and amm/texts/glossary.py).

- A translated page whose German original changed after it was stamped shows a notice in the
  reader's language, with links to the German and (if current) the English version.
- A translated data text whose German text changed is marked where it is shown, and the build
  warns, naming file, line, entry and field.
- German administrative terms in translated pages are marked lang="de" (isolated in RTL pages);
  the first occurrence links to the glossary with its explanation as tooltip.
- Markers: <!-- glossary --> (the glossary page) and <!-- translations:status --> (the status
  page for the programme office).
"""

from __future__ import annotations

import html
import logging
from collections import defaultdict
from pathlib import Path

import jinja2

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from amm import build
from amm.core.site import RTL_LANGUAGES
from amm.core.urls import page_url
from amm.texts import glossary as G
from amm.texts import translations as T

# Shown, but not counted by --strict (see site_data.py): drift is part of normal editing.
_warn = logging.getLogger("amm.placeholders")

_state: dict = {}


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


@event_priority(-120)  # after hooks/site_data.py loaded the data (-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = config.plugins["i18n"]
    if i18n.building:
        return config
    data = build.current()
    root = _root(config)
    states = T.data_states(T.data_texts(root, data.languages), T.load_lock(root), data.languages,
                           data.default_language)
    by_text: dict = defaultdict(lambda: defaultdict(list))
    for s in states:
        if s.state in ("outdated", "unstamped"):
            by_text[s.text][s.state].append(s.lang)
    for text, found in by_text.items():
        where = f"{text.file}, Zeile {text.line}, Eintrag „{text.entry}“, Feld „{text.field}“"
        if found["outdated"]:
            langs = ", ".join(found["outdated"])
            _warn.warning("%s: Der deutsche Text wurde nach der Übersetzung geändert; veraltet: %s. "
                          "Übersetzung anpassen, dann: scripts/translations.py stamp %s:%s "
                          "(German text changed after its translation; outdated: %s)",
                          where, langs, text.file, text.path, langs)
        if found["unstamped"]:
            langs = ", ".join(found["unstamped"])
            _warn.warning("%s: Übersetzung ohne Stempel (%s): scripts/translations.py stamp %s:%s "
                          "(translation not stamped yet)", where, langs, text.file, text.path)
    # ui*.yaml texts are tracked (status page, warnings) but not marked: a marker inside a
    # button label would break the interface.
    marked = T.mark_outdated([data.directory, data.rules, data.recognition, data.notes, data.glossary],
                             T.outdated_translations(states))
    pages = T.page_states(Path(config.docs_dir), data.languages, data.default_language)
    for p in pages:
        if p.state == "outdated":
            _warn.warning("docs/%s: das deutsche Original wurde nach der Übersetzung geändert; nach dem "
                          "Anpassen: scripts/translations.py stamp docs/%s (translation outdated)",
                          p.translation, p.translation)
        elif p.state == "unstamped":
            _warn.warning("docs/%s: Übersetzung ohne Stempel: scripts/translations.py stamp docs/%s "
                          "(translation not stamped yet)", p.translation, p.translation)
    _state.update(pages=pages, page_state={(p.page, p.lang): p.state for p in pages}, data=states,
                  marked=marked,
                  # one environment per build for the two markers below (data text is escaped)
                  env=jinja2.Environment(loader=config.theme.get_env().loader, autoescape=True))
    return config


def _translation_of(page: Page, default: str) -> tuple[Path, Path] | None:
    """(translation file, German original) if the page is shown from a translation file."""
    locale = getattr(page.file, "locale", default)
    if locale == default or not page.file.abs_src_path:
        return None
    path = Path(page.file.abs_src_path)
    return path, path.with_name(path.name[: -len(f".{locale}.md")] + ".md")


@event_priority(10)  # before hooks/site_data.py expands the other markers
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files) -> str:
    if "<!-- glossary -->" not in markdown and "<!-- translations:status -->" not in markdown:
        return markdown
    data = build.current()
    lang = config.plugins["i18n"].current_language
    text_lang = getattr(page.file, "locale", None) or lang
    env = _state["env"]
    if "<!-- glossary -->" in markdown:
        docs = Path(config.docs_dir)
        terms = [{
            "id": t.id, "term": t.term, "explanation": t.explanation.get(text_lang) or t.explanation["de"],
            "norms": t.norms,
            "href": get_relative_url(page_url(t.page, lang, data.default_language), page.url) if t.page else "",
            "title": _title(docs, t.page, text_lang) if t.page else ("", ""),
        } for t in sorted(data.glossary.terms, key=lambda t: t.term)]
        rendered = env.get_template("partials/amm/glossary.html").render(
            terms=terms, t=data.ui.for_language(text_lang), lang=text_lang, rtl=text_lang in RTL_LANGUAGES)
        markdown = markdown.replace("<!-- glossary -->", rendered)
    if "<!-- translations:status -->" in markdown:
        rendered = env.get_template("partials/amm/translation-status.html").render(
            languages=[x for x in data.languages if x != data.default_language],
            pages=_page_rows(_state["pages"], lang, data.default_language, page.url),
            data=_data_rows(_state["data"]))
        markdown = markdown.replace("<!-- translations:status -->", rendered)
    return markdown


def _title(docs: Path, docs_path: str, lang: str) -> tuple[str, str]:
    """(title, its language) of a page: its translation's, else the German page's."""
    original = docs / docs_path
    for path, title_lang in ((T.translation_path(original, lang), lang), (original, "de")):
        if path.is_file():
            meta, body = T.split_front_matter(path.read_text(encoding="utf-8"))
            heading = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), "")
            return str(meta.get("title") or heading or docs_path), title_lang
    return docs_path, "de"


def _page_rows(pages: list[T.PageState], lang: str, default: str, here: str) -> list[dict]:
    rows: dict[str, dict] = {}
    for p in pages:
        row = rows.setdefault(p.page, {"page": p.page, "href": get_relative_url(page_url(p.page, lang, default), here),
                                       "cells": {}})
        row["cells"][p.lang] = p
    return list(rows.values())


def _data_rows(states: list[T.DataState]) -> list[dict]:
    """Per data file and language: how many texts are in which state; and every text to act on."""
    files: dict[str, dict] = {}
    for s in states:
        entry = files.setdefault(s.text.file, {"file": s.text.file, "counts": defaultdict(lambda: defaultdict(int)),
                                               "todo": {}})
        entry["counts"][s.lang][s.state] += 1
        if s.state in ("outdated", "unstamped"):
            entry["todo"].setdefault(s.text, defaultdict(list))[s.state].append(s.lang)
    return list(files.values())


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    data = build.current()
    lang = config.plugins["i18n"].current_language
    drift = {"outdated": False, "english": None}
    states = _state["page_state"]  # every translation's state, worked out once per build (on_config)
    found = _translation_of(page, data.default_language)
    # the German original, relative to docs/ (the page itself when it is shown from German)
    if found:
        original = found[1].relative_to(Path(config.docs_dir)).as_posix()
        drift["outdated"] = states.get((original, page.file.locale)) == "outdated"
    else:
        original = page.file.src_uri if getattr(page.file, "locale", None) == data.default_language else None
    # The English version, where it exists and is current, for the drift and the fallback notice.
    if lang != "en" and original is not None and states.get((original, "en")) == "current":
        drift["english"] = get_relative_url(page_url(original, "en", data.default_language), page.url)
    context["amm_drift"] = drift
    return context


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files) -> str:
    data = build.current()
    lang = config.plugins["i18n"].current_language
    if lang == data.default_language or data.glossary is None or not data.glossary.terms:
        return html_text
    if getattr(page.file, "locale", data.default_language) != lang:  # German fallback: nothing to mark
        return html_text
    glossary_url = page_url(G.PAGE, lang, data.default_language)
    out = G.mark_terms(html_text, data.glossary, lang=lang, rtl=lang in RTL_LANGUAGES,
                       href=lambda t: get_relative_url(glossary_url, page.url) + f"#{t.id}")
    for word in G.unmarked_words(out, data.glossary):
        _warn.warning("docs/%s: „%s“ enthält einen Glossarbegriff, ist aber nicht als deutsch markiert. "
                      "Die Form unter forms: in data/glossary.yaml ergänzen oder im Text "
                      "<span lang=\"de\">%s</span> schreiben. (German term not marked)",
                      page.file.src_uri, word, word)
    return out


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if T.OUTDATED_MARK not in output:
        return output
    t = build.current().ui.for_language(config.plugins["i18n"].current_language)
    marker = (f'<span class="amm-drift" title="{html.escape(t["drift_data_hint"])}">'
              f'{html.escape(t["drift_data_marker"])}</span>')
    return T.resolve_marks(output, marker)


@event_priority(-150)  # after every language was built (i18n, -100), before the search index (-200)
def on_post_build(config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building or not _state.get("marked"):
        return
    for path in Path(config.site_dir).rglob("*"):
        if path.suffix in (".json", ".vcf", ".xml", ".txt", ".js") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="ignore")
            stripped = T.strip_marks(text)
            if stripped != text:
                path.write_text(stripped, encoding="utf-8")
