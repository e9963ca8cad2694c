"""Fill in the service worker (sw.js) once every language has been built: amm/offline.py."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

from amm.offline import write_service_worker

log = get_plugin_logger("offline")


@event_priority(-150)
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins["i18n"]
    if i18n.building:
        return
    languages = [lang.locale for lang in i18n.config.languages]
    version = write_service_worker(Path(config.site_dir), languages, i18n.default_language)
    log.info("offline copy: version %s", version)
