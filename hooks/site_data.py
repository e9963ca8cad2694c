"""Load and validate data/*.yaml once per build; expand data markers in every page.

Runs after the i18n plugin's on_config (priority -110) so the current language is known.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from amm import buildstate, generate, markers
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
    buildstate.set_current(data)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    data = buildstate.current()
    lang = _i18n(config).current_language
    env = generate.environment(Path(config.config_file_path).parent)
    today = dt.date.today()
    widgets = {name: (lambda name=name: generate.widget(data, env, name, lang, page_url=page.url, today=today))
               for name in ("finder", "map")}
    try:
        return markers.expand(markdown, page_file=f"docs/{page.file.src_uri}", lang=lang,
                              site=data.site, ui=data.ui, env=env, widgets=widgets)
    except DataErrors as exc:
        raise Abort("\n" + str(exc)) from None


def on_template_context(context, *, template_name: str, config: MkDocsConfig):
    context["amm_t"] = buildstate.current().ui.for_language(_i18n(config).current_language)
    return context
