"""Index the finished site with Pagefind, once, after every language has been built.

The i18n plugin builds the other languages inside its own on_post_build (priority -100);
this hook runs after it (-200) and skips the nested language builds. It also runs under
`mkdocs serve`, which builds into a temporary folder.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("pagefind")

#: seconds the last Pagefind run took (read by the benchmark)
last_duration: float = 0.0


#: Pagefind's --glob gets one argument: beyond this length it reads every page itself.
_GLOB_LIMIT = 100_000


def _only_marked(site: Path) -> list[str]:
    """--glob naming the pages with data-pagefind-body (hooks/page_notices.py), which are all
    Pagefind indexes once any page has it. Without it Pagefind would also read and parse every
    other page (466 of 847 on 2026-11-30: German fallback pages in the other languages, pages
    with search_exclude) and leave them out; the index is the same. Empty (Pagefind's own
    glob) where no page has it, the list is too long or a path holds a glob character."""
    marked = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")
                    if b"data-pagefind-body" in path.read_bytes())
    pattern = "{" + ",".join(marked) + "}"
    if not marked or len(pattern) > _GLOB_LIMIT or any(c in pattern[1:-1] for c in "{}[]*?\\"):
        return []
    return ["--glob", pattern]


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    global last_duration
    if config.plugins["i18n"].building:
        return
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", config.site_dir, *_only_marked(Path(config.site_dir))],
        capture_output=True, text=True, check=False)
    last_duration = time.perf_counter() - started
    if result.returncode != 0:
        raise Abort(f"Pagefind could not index {config.site_dir}:\n{result.stdout}\n{result.stderr}")
    summary = [ln.strip() for ln in result.stdout.splitlines() if "Indexed" in ln]
    log.info("search index built in %.2f s (%s)", last_duration, "; ".join(summary))
