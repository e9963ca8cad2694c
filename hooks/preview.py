"""The editors' preview (`make serve`) builds only the languages being looked at.

Every save under `mkdocs serve` rebuilds the site; with all seven languages an editor would
wait as long as for a full build. So under `mkdocs serve` only the languages named in
AMM_PREVIEW_LANGS are built (comma-separated codes, "all" for every language; the Makefile sets
it from `make serve LANGS=...`, default: German only). German, the default language, is always
built. Every preview page shows a banner naming the built languages and how to get all.
`mkdocs build` (`make build`, the tests, the benchmark) ignores the variable and builds all.
"""

from __future__ import annotations

import os

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

VARIABLE = "AMM_PREVIEW_LANGS"
DEFAULT = "de"

_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def preview_languages(setting: str, languages: list[str], default: str) -> list[str]:
    """The languages to build for a setting such as "de,ar" or "all" (order as configured)."""
    wanted = {code.strip() for code in setting.split(",") if code.strip()}
    if "all" in wanted:
        return list(languages)
    unknown = sorted(wanted - set(languages))
    if unknown:
        raise Abort(
            f"\n{VARIABLE}={setting}: {', '.join(unknown)} ist keine Sprache dieser Website "
            f"({', '.join(unknown)} is not a language of this site). Erlaubt / allowed: "
            f"{', '.join(languages)}, all – z. B. / e.g. `make serve LANGS=de,ar`.")
    return [code for code in languages if code in wanted or code == default]


@event_priority(50)  # before the i18n plugin's on_config (-100), which reads the build flags
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = config.plugins["i18n"]
    if not _serving or i18n.building:
        return config
    languages = [lang.locale for lang in i18n.config.languages]
    built = preview_languages(os.environ.get(VARIABLE, DEFAULT), languages, i18n.default_language)
    for lang in i18n.config.languages:
        lang.build = lang.locale in built
    return config


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """`amm_preview` for the banner in overrides/main.html: None when every language is built."""
    i18n = config.plugins["i18n"]
    built = i18n.build_languages
    every = [lang.locale for lang in i18n.config.languages]
    env.globals["amm_preview"] = None if built == every else {
        "built": built, "missing": [code for code in every if code not in built]}
    return env
