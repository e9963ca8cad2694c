"""Load and validate data/*.yaml once per build; expand data markers in every page.

Runs after the i18n plugin's on_config (priority -110) so the current language is known.
What a page gets (Stand line, notes, markers) and the page checks live in amm/pages.py, which
`make validate` runs too.
"""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from amm import build
from amm import pages
from amm.build import load_all
from amm.core import clock, rawhtml
from amm.core.errors import DataErrors
from amm.directory import pages as generate
from amm.legal import changes as legal_changes

# Warnings about placeholders must not fail `mkdocs build --strict`: a logger outside
# the "mkdocs" namespace is shown but not counted.
_warn = logging.getLogger("amm.placeholders")
if not _warn.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    _warn.addHandler(_handler)
    _warn.propagate = False


# counted by `mkdocs build --strict` (unlike _warn): a build must not publish such a page silently
_log = get_plugin_logger("site_data")


def _i18n(config: MkDocsConfig):
    return config.plugins["i18n"]


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory: MkDocs makes a new Jinja environment for each
    language build (and `mkdocs serve` for each rebuild), which would compile Material's
    templates again every time. Jinja compares the checksum of the template source before it
    uses an entry, so an edited template is compiled anew: this cache cannot go stale."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


# One cache per kind of environment: compiled code depends on the environment's settings
# (autoescaping, whitespace control), and the entries are keyed by template name only.
_theme_code = _CompiledTemplates()    # MkDocs' theme environments (one per language build)
_marker_code = _CompiledTemplates()
_widget_code = _CompiledTemplates()


class _Templates:
    """The Jinja environments of one build, made in on_config and used by every page and
    language of that build (not two new ones per page)."""

    markers: jinja2.Environment   # the theme's loader (overrides first), autoescaping
    widgets: jinja2.Environment   # templates/ (finder, map), see amm/directory/pages.py


_templates = _Templates()


def _check_writable(site_dir: Path) -> None:
    """A site folder that cannot be written ends the build with a message, not a traceback."""
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
        (site_dir / ".amm-write-test").write_bytes(b"")
        (site_dir / ".amm-write-test").unlink()
    except OSError as exc:
        raise Abort(f"\nKann nicht in {site_dir} schreiben ({exc.strerror}); die Website wurde nicht gebaut.\n"
                    f"(Cannot write to {site_dir}: {exc.strerror}; the site was not built.)\n"
                    "So beheben / How to fix: Schreibrechte prüfen oder mit --site-dir einen anderen Ordner "
                    "angeben.") from None


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
    _check_writable(Path(config.site_dir))
    for name in data.site.placeholders:
        _warn.warning(
            "data/site.yaml: %s ist noch ein Platzhalter (ZU ERGÄNZEN); die Website zeigt "
            "dort „Vom Betreiber noch zu ergänzen“. (%s is still a placeholder.)", name, name)
    _warn_stale_rules(data.rules, data.site.freshness["legal_months"], clock.today())
    if not config.site_url:
        _warn.warning(
            "SITE_URL ist nicht gesetzt: die Seiten erscheinen ohne absolute Adressen (keine "
            "canonical- und hreflang-Links, Sitemap mit relativen Pfaden, Projektseiten ohne QR-Code "
            "und gedruckte Adresse). Zum Veröffentlichen: SITE_URL=https://… make build. (SITE_URL is "
            "not set: no absolute addresses, no QR codes; set it to the public address to publish.)")
    build.set_current(data)
    # The theme's loader (overrides first) with autoescaping: data text is always escaped.
    _templates.markers = jinja2.Environment(loader=config.theme.get_env().loader, autoescape=True,
                                            bytecode_cache=_marker_code)
    _templates.widgets = generate.environment(root)
    _templates.widgets.bytecode_cache = _widget_code
    return config


def _warn_stale_rules(rules, months: int, today) -> None:
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
    """The marker templates' environment of this build (see _Templates)."""
    return _templates.markers


def _widget_env(config: MkDocsConfig) -> jinja2.Environment:
    """The finder/map templates' environment of this build (see _Templates)."""
    return _templates.widgets


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.bytecode_cache = _theme_code
    return env


#: the HTML blocks taken out of the page being rendered (amm/core/rawhtml.py), by id(page)
_stashed: dict[int, rawhtml.Stash] = {}


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    data = build.current()
    lang = _i18n(config).current_language
    try:
        markdown = pages.expand(
            markdown, data=data, src_uri=page.file.src_uri, meta=page.meta, lang=lang,
            # a page without a translation shows German text: its legal texts stay German too
            text_lang=getattr(page.file, "locale", None) or lang, url=page.url, env=_theme_env(config),
            widget_env=_widget_env(config), today=clock.today())
    except DataErrors as exc:
        raise Abort("\n" + str(exc)) from None
    # Markdown leaves finished HTML blocks as they are; it need not parse them (build time)
    markdown, _stashed[id(page)] = rawhtml.stash(markdown)
    return markdown


@event_priority(100)  # the HTML blocks go back before anything else reads the page's HTML
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put back the HTML blocks; refuse active content that Markdown produced (e.g. an
    attribute list with on…=)."""
    if (stash := _stashed.pop(id(page), None)) is not None:
        html, misplaced = stash.restore(html)
        page.present_anchor_ids = (page.present_anchor_ids or set()) | stash.anchor_ids()
        for start in misplaced:   # a developer's problem (amm/core/rawhtml.py), not an editor's
            _log.warning("docs/%s: Markdown did not keep the placeholder of an HTML block as a "
                         "paragraph; the block was put back in place, check the page: %s",
                         page.file.src_uri, start)
    if problems := pages.active_content(html, f"docs/{page.file.src_uri} (HTML)"):
        raise Abort("\n" + str(DataErrors(problems)))
    return html


def on_template_context(context, *, template_name: str, config: MkDocsConfig):
    context["amm_t"] = build.current().ui.escaped(_i18n(config).current_language)
    return context


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    """The changes page links its Atom feed in <head> (where the language has one)."""
    data = build.current()
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
    data = build.current()
    legal_changes.write_feeds(Path(config.site_dir), data.changes, site_url=config.site_url or "/",
                              default_lang=data.default_language, site_name=config.site_name)
