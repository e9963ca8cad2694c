"""Generate the directory pages before the files are collected, and the exports after the build.

Pages go to docs/verzeichnis/ as ordinary Markdown files (one per language), so the i18n plugin
handles them like hand-written pages: language switcher, fallback, search, sitemap.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from amm import build
from amm.core import clock
from amm.directory import pages as generate
from amm.directory import views

_warn = logging.getLogger("amm.placeholders")  # shown, but not counted by --strict (see site_data.py)


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_pre_build(config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:  # the first build generated every language already
        return
    data = build.current()
    built = config.plugins["i18n"].build_languages  # all, except in the preview (hooks/preview.py)
    if built != data.languages:
        data = dataclasses.replace(data, languages=[code for code in data.languages if code in built])
    today = clock.today()
    pages = generate.directory_pages(data, generate.environment(_root(config)),
                                     site_url=config.site_url or "", today=today)
    generate.write_pages(Path(config.docs_dir), pages)
    limit = data.site.freshness["contacts_months"]
    for item in list(data.directory.contacts.values()) + list(data.directory.projects.values()):
        if views.is_stale(item.verified_on, today, limit):
            _warn.warning("%s „%s“ wurde zuletzt am %s geprüft (älter als %d Monate). (last checked %s)",
                          type(item).__name__, item.id, item.verified_on.iso(), limit, item.verified_on.iso())


def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins["i18n"]
    if i18n.current_language != i18n.default_language:
        return
    data = build.current()
    generate.write_exports(Path(config.site_dir), data, _root(config), site_url=config.site_url or "/")
    generate.write_finder_data(Path(config.site_dir), data)


def on_serve(server, *, config: MkDocsConfig, builder):
    """`mkdocs serve` watches docs/ but not the generated docs/verzeichnis/: the build writes
    those pages itself, and watching them would start a second, useless rebuild after every
    change. (A folder added to docs/ while the preview runs is watched after a restart.)"""
    docs = Path(config.docs_dir)
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)
    for folder in sorted(p for p in docs.iterdir() if p.is_dir() and p.name != generate.FOLDER):
        server.watch(str(folder))
    return server
