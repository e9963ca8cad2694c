"""Load and validate data/*.yaml once per build; expand data markers in every page.

Runs after the i18n plugin's on_config (priority -110) so the current language is known.
Legal pages (under docs/recht/ or with `legal: true`) get the "Stand" date and the
disclaimer under their title, rendered from data/legal_rules.yaml.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import jinja2

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from amm import buildstate, changes as legal_changes, generate, kb_markers, legal_markers, markers
from amm.errors import DataErrors
from amm.loader import load_all

# Warnings about placeholders must not fail `mkdocs build --strict`: a logger outside
# the "mkdocs" namespace is shown but not counted.
_warn = logging.getLogger("amm.placeholders")
if not _warn.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    _warn.addHandler(_handler)
    _warn.propagate = False


def _i18n(config: MkDocsConfig):
    return config.plugins["i18n"]


@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = _i18n(config)
    if i18n.building:  # nested language builds reuse what the first build loaded
        return config
    root = Path(config.config_file_path).parent
    languages = [lang.locale for lang in i18n.config.languages]
    try:
        data = load_all(root, languages, i18n.default_language)
    except DataErrors as exc:
        raise Abort("\n" + str(exc)) from None
    for name in data.site.placeholders:
        _warn.warning(
            "data/site.yaml: %s ist noch ein Platzhalter (ZU ERGÄNZEN); die Website zeigt "
            "dort „Vom Betreiber noch zu ergänzen“. (%s is still a placeholder.)", name, name)
    _warn_stale_rules(data.rules, data.site.freshness["legal_months"], _today())
    buildstate.set_current(data)
    return config


def _today() -> dt.date:
    """Today, injectable for tests and previews (amm.clock reads AMM_TODAY where it exists)."""
    try:
        from amm import clock  # added by issue 11
    except ImportError:
        return dt.date.today()
    return clock.today()


def _warn_stale_rules(rules, months: int, today: dt.date) -> None:
    """One warning per row: rules checked too long ago, rules written for a law that has changed."""
    old, changed = rules.stale(today, months)
    for kind, cells in (("old", old), ("changed", changed)):
        by_row: dict[str, list[str]] = {}
        for cell in cells:
            by_row.setdefault(cell.row, []).append(cell.column)
        for row, columns in by_row.items():
            if kind == "old":
                _warn.warning("data/legal_rules.yaml, rows: %s (%s): zuletzt geprüft vor mehr als %d Monaten – "
                              "Regeln prüfen und checked setzen. (Rules last checked more than %d months ago.)",
                              row, ", ".join(columns), months, months)
            else:
                state = rules.states[rules.rows[row].cells[columns[0]].state]
                _warn.warning("data/legal_rules.yaml, rows: %s (%s): beschreibt das Recht bis %s (%s); das Gesetz "
                              "hat sich seitdem geändert – am neuen Gesetzestext prüfen. (Rule written for a law "
                              "that has since changed.)", row, ", ".join(columns), state.until.isoformat(), state.id)


def _theme_env(config: MkDocsConfig) -> jinja2.Environment:
    # The theme's loader (overrides first) with autoescaping: data text is always escaped.
    return jinja2.Environment(loader=config.theme.get_env().loader, autoescape=True)


def _is_legal(page: Page) -> bool:
    return page.file.src_uri.startswith("recht/") or bool(page.meta.get("legal"))


def _with_stand(markdown: str, html: str) -> str:
    """Put the Stand line and the disclaimer right under the page title (the first # line)."""
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: number + 1] + ["", html, ""] + lines[number + 1:])
    return html + "\n\n" + markdown


def _with_notes(markdown: str) -> str:
    """Put the practice notes for this page before its source list (or at the end)."""
    if "<!-- notes:" in markdown:
        return markdown
    if "<!-- sources -->" in markdown:
        return markdown.replace("<!-- sources -->", "<!-- notes:for -->\n\n<!-- sources -->", 1)
    return markdown.rstrip("\n") + "\n\n<!-- notes:for -->\n"


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    data = buildstate.current()
    lang = _i18n(config).current_language
    # A page without a translation shows German text: its legal texts stay German too.
    text_lang = getattr(page.file, "locale", None) or lang
    env = _theme_env(config)
    extensions = legal_markers.extensions(data.rules, lang=text_lang, url_lang=lang,
                                          default_lang=data.default_language, here=page.url, env=env)
    widget_env = generate.environment(Path(config.config_file_path).parent)
    today = dt.date.today()
    for name in ("finder", "map"):
        extensions[name] = markers.Extension(
            None, lambda _ident, _cite, name=name: "\n\n" + generate.widget(
                data, widget_env, name, lang, page_url=page.url, today=today) + "\n\n", "data/projects.yaml")
    extensions.update(kb_markers.extensions(
        recognition=data.recognition, notes=data.notes, rules=data.rules, sources=data.site.sources,
        ui=data.ui.for_language(text_lang), lang=text_lang, url_lang=lang,
        default_lang=data.default_language, here=page.url, env=env))
    extensions.update(legal_changes.extensions(
        data.changes, rules=data.rules, sources=data.site.sources, lang=text_lang, url_lang=lang,
        default_lang=data.default_language, here=page.url, env=env))
    tagged = data.notes is not None and any(
        legal_markers.page_url(p, lang, data.default_language) == page.url for p in data.notes.pages())
    if _is_legal(page) or tagged:
        markdown = _with_notes(markdown)
    docs_path = legal_changes.docs_path(page.url, lang, data.default_language)
    if docs_path in data.changes.pages() and "<!-- changes:recent -->" not in markdown:
        # under the title (and, on legal pages, under the Stand line inserted next)
        markdown = _with_stand(markdown, "<!-- changes:recent -->")
    if _is_legal(page):
        markdown = _with_stand(markdown, env.get_template("partials/amm/legal-stand.html").render(
            **legal_markers.stand_line(data.rules, docs_path, text_lang),
            disclaimer=data.rules.texts["disclaimer"][text_lang]))
    try:
        return markers.expand(markdown, page_file=f"docs/{page.file.src_uri}", lang=lang,
                              site=data.site, ui=data.ui, env=env, extensions=extensions)
    except DataErrors as exc:
        raise Abort("\n" + str(exc)) from None


def on_template_context(context, *, template_name: str, config: MkDocsConfig):
    context["amm_t"] = buildstate.current().ui.for_language(_i18n(config).current_language)
    return context


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    """The changes page links its Atom feed in <head> (where the language has one)."""
    data = buildstate.current()
    lang = _i18n(config).current_language
    if page.file.src_uri.split(".")[0] == legal_changes.CHANGES_PAGE[:-3] and \
            lang in data.changes.feed_languages():
        context["amm_feed"] = {
            "href": _relative_feed(page.url, lang, data.default_language),
            "title": data.changes.texts["feed_title"][lang]}
    return context


def _relative_feed(here: str, lang: str, default: str) -> str:
    from mkdocs.utils import get_relative_url
    return get_relative_url(legal_changes.feed_path(lang, default), here)


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    """Write the Atom feeds once, after every language is built (the i18n plugin builds the other
    languages inside its own on_post_build at -100)."""
    if _i18n(config).building:
        return
    data = buildstate.current()
    legal_changes.write_feeds(Path(config.site_dir), data.changes, site_url=config.site_url or "/",
                              default_lang=data.default_language, site_name=config.site_name)
