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
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from amm import buildstate, clock, generate, pages
from amm import directory_views as views
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
    stand = data.rules.stand
    limit = data.site.freshness["legal_months"]
    if views.months_old(views.PartialDate(stand.year, stand.month, stand.day), clock.today()) >= limit:
        _warn.warning("data/legal_rules.yaml: Stand %s ist älter als %d Monate – Regeln bitte prüfen. "
                      "(The legal rules were last checked more than %d months ago.)", stand, limit, limit)
    buildstate.set_current(data)
    return config


def _theme_env(config: MkDocsConfig) -> jinja2.Environment:
    # The theme's loader (overrides first) with autoescaping: data text is always escaped.
    return jinja2.Environment(loader=config.theme.get_env().loader, autoescape=True)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    data = buildstate.current()
    lang = _i18n(config).current_language
    try:
        return pages.expand(
            markdown, data=data, src_uri=page.file.src_uri, meta=page.meta, lang=lang,
            # a page without a translation shows German text: its legal texts stay German too
            text_lang=getattr(page.file, "locale", None) or lang, url=page.url, env=_theme_env(config),
            widget_env=generate.environment(Path(config.config_file_path).parent), today=clock.today())
    except DataErrors as exc:
        raise Abort("\n" + str(exc)) from None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Refuse active content that Markdown produced (e.g. an attribute list with on…=)."""
    if problems := pages.active_content(html, f"docs/{page.file.src_uri} (HTML)"):
        raise Abort("\n" + str(DataErrors(problems)))
    return html


def on_template_context(context, *, template_name: str, config: MkDocsConfig):
    context["amm_t"] = buildstate.current().ui.escaped(_i18n(config).current_language)
    return context
