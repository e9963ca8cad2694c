"""Where a clean build spends its time, without a profiler's overhead: runs `mkdocs build` in
this process with timers around every hook and plugin event, Markdown, the theme templates and
the file copying, and prints the split as JSON (for scripts/benchmark.py).

Times are exclusive (a nested part is not counted twice: the i18n plugin builds the other
languages inside its on_post_build, and a hook's time is not the theme's). "cpu" is this
process's CPU time; Pagefind runs as a child process, so its CPU time is given apart.
Usage: python scripts/build_phases.py SITE_DIR [mkdocs build options, e.g. --strict]
"""

from __future__ import annotations

import functools
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_wall: dict[str, float] = defaultdict(float)
_cpu: dict[str, float] = defaultdict(float)
_calls: dict[str, int] = defaultdict(int)
_stack: list[list] = []   # [label, wall start, cpu start, child wall, child cpu]


def timed(label: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        _stack.append([label, time.perf_counter(), time.process_time(), 0.0, 0.0])
        try:
            return function(*args, **kwargs)
        finally:
            name, wall0, cpu0, child_wall, child_cpu = _stack.pop()
            wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
            _wall[name] += wall - child_wall
            _cpu[name] += cpu - child_cpu
            _calls[name] += 1
            if _stack:
                _stack[-1][3] += wall
                _stack[-1][4] += cpu
    return wrapper


def _origin(method) -> str:
    module = getattr(method, "__module__", "") or ""
    if module.startswith("mkdocs_static_i18n"):
        return "i18n plugin"
    return f"hooks/{module}.py" if "." not in module else module.split(".")[0]


def install() -> None:
    from mkdocs import plugins
    from mkdocs.commands import build
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    original_register = plugins.PluginCollection._register_event

    def register(self, event_name, method, plugin_name=None):
        label = f"{_origin(method)}: on_{event_name}"
        return original_register(self, event_name, timed(label, method), plugin_name=plugin_name)

    plugins.PluginCollection._register_event = register
    Page.render = timed("Markdown (Page.render: Python-Markdown and MkDocs' link checks)", Page.render)
    Page.read_source = timed("MkDocs: read page sources", Page.read_source)
    build._build_page = timed("theme templates (Material's Jinja, per page) and writing pages",
                              build._build_page)
    build._build_theme_template = timed("theme templates (404, sitemap)", build._build_theme_template)
    build.get_navigation = timed("MkDocs: navigation", build.get_navigation)
    Files.copy_static_files = timed("MkDocs: copy static files", Files.copy_static_files)
    build.build = timed("MkDocs: everything else (config, files, nav, validation)", build.build)


def main() -> int:
    site_dir, options = sys.argv[1], sys.argv[2:]
    install()
    from mkdocs.__main__ import cli

    started, cpu0 = time.perf_counter(), time.process_time()
    try:
        cli.main(["build", "-q", "--site-dir", site_dir, *options], standalone_mode=False)
    except SystemExit as exc:   # pragma: no cover (a failed build)
        if exc.code:
            return int(exc.code)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "wall": time.perf_counter() - started, "cpu": time.process_time() - cpu0,
        "children_cpu": children.ru_utime + children.ru_stime,
        "parts": sorted(([label, _wall[label], _cpu[label], _calls[label]] for label in _wall),
                        key=lambda row: -row[1])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
