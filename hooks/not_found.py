"""One 404 page per language.

Every language build writes site/404.html, so the last language would win. This hook runs
in each language build before the i18n plugin starts the next one (priority -50): the
German 404 is kept at site/404.html, every other language's goes to site/<lang>/404.html.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

_default_404: bytes | None = None


@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    global _default_404
    i18n = config.plugins["i18n"]
    page = Path(config.site_dir) / "404.html"
    if not page.exists():
        return
    if i18n.current_language == i18n.default_language:
        _default_404 = page.read_bytes()
        return
    target = Path(config.site_dir) / i18n.current_language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(page.read_bytes())
    if _default_404 is not None:
        page.write_bytes(_default_404)
