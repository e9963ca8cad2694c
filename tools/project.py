"""The project as tests and scripts see it: its folder, its languages (from mkdocs.yml) and the
browser the tests drive."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SUBPATH = "/amm-sub/"  # the tests host the site under a sub-path, as some operators will


def _languages() -> list[dict]:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]["languages"]
    raise AssertionError("mkdocs.yml has no i18n plugin")


LANGUAGES = _languages()
LANG_CODES = [lang["locale"] for lang in LANGUAGES]
DEFAULT_LANG = next(lang["locale"] for lang in LANGUAGES if lang.get("default"))
RTL = {"ar", "fa"}


def lang_prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANG else f"{lang}/"


#: Left out of project copies: the benchmark's Lighthouse cache (.cache, 186 MB), the virtual
#: environment, built sites and test output (copying them cost seconds per copy).
COPY_IGNORE = shutil.ignore_patterns(".venv", ".cache", "site", ".git", ".pytest_cache",
                                     "__pycache__", "*.egg-info", "test-artifacts", ".hypothesis",
                                     "node_modules")


@dataclass
class Build:
    site: Path
    output: str
    returncode: int


def run_build(project: Path, site_dir: Path, env: dict | None = None) -> Build:
    """`mkdocs build --strict` of `project` into `site_dir`."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, check=False,
        env={**os.environ, **(env or {})})
    return Build(site_dir, result.stdout + result.stderr, result.returncode)
