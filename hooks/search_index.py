"""Index the finished site with Pagefind, once, after every language has been built.

The i18n plugin builds the other languages inside its own on_post_build (priority -100);
this hook runs after it (-200) and skips the nested language builds. It also runs under
`mkdocs serve`, which builds into a temporary folder.
"""

from __future__ import annotations

import subprocess
import sys
import time

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("pagefind")

#: seconds the last Pagefind run took (read by the benchmark)
last_duration: float = 0.0


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    global last_duration
    if config.plugins["i18n"].building:
        return
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", config.site_dir],
        capture_output=True, text=True, check=False)
    last_duration = time.perf_counter() - started
    if result.returncode != 0:
        raise Abort(f"Pagefind could not index {config.site_dir}:\n{result.stdout}\n{result.stderr}")
    summary = [ln.strip() for ln in result.stdout.splitlines() if "Indexed" in ln]
    log.info("search index built in %.2f s (%s)", last_duration, "; ".join(summary))
