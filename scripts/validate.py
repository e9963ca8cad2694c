"""Check every data file and every page (front matter, markers, scripts) without building the site.

Editors run this after changing data/*.yaml: `make validate`. It reports every problem at once,
in German and English, with file, line, entry and field, and exits with 1 if there is one.
The build runs the same checks (amm/loader.py, amm/pages.py).
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import jinja2
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from amm import clock  # noqa: E402
from amm import directory_views as views  # noqa: E402
from amm.errors import DataErrors, Problem  # noqa: E402
from amm.loader import load_all  # noqa: E402
from amm import generate, pages  # noqa: E402


def languages() -> tuple[list[str], str]:
    class _Loader(yaml.SafeLoader):
        pass
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    codes = [lang["locale"] for lang in plugin["languages"]]
    default = next(lang["locale"] for lang in plugin["languages"] if lang.get("default"))
    return codes, default


def page_url(src_uri: str, lang: str, default: str) -> str:
    """The site-relative URL MkDocs (with mkdocs-static-i18n, directory URLs) gives a page."""
    path = src_uri[: -len(".md")]
    path = "" if path in ("index", "") else (path[: -len("/index")] + "/" if path.endswith("/index") else path + "/")
    return ("" if lang == default else f"{lang}/") + path


def page_problems(data, codes: list[str], default: str) -> list[Problem]:
    """The build's page checks (amm/pages.py) on every written page under docs/, each in the
    language it is written in."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")), autoescape=True)
    widget_env = generate.environment(ROOT)
    today = clock.today()
    problems: list[Problem] = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        src = path.relative_to(ROOT / "docs").as_posix()
        if src.startswith("verzeichnis/"):  # generated from the data (amm/generate.py)
            continue
        stem, _, suffix = path.name[: -len(".md")].rpartition(".")
        lang = suffix if stem and suffix in codes else default
        src_uri = src if lang == default else src.replace(f".{lang}.md", ".md")
        try:
            meta, markdown = pages.front_matter(path.read_text(encoding="utf-8"), f"docs/{src}")
            pages.expand(markdown, data=data, src_uri=src_uri, meta=meta, lang=lang, text_lang=lang,
                         url=page_url(src_uri, lang, default), env=env, widget_env=widget_env, today=today)
        except DataErrors as exc:
            problems += [p if p.file != f"docs/{src_uri}" else dataclasses.replace(p, file=f"docs/{src}")
                         for p in exc.problems]
    return problems


def main() -> int:
    codes, default = languages()
    try:
        data = load_all(ROOT, codes, default)
        problems = page_problems(data, codes, default)
        if problems:
            raise DataErrors(problems)
    except DataErrors as exc:
        print(str(exc), file=sys.stderr)
        return 1
    today = clock.today()
    limit = data.site.freshness["contacts_months"]
    for name in data.site.placeholders:
        print(f"Hinweis: data/site.yaml: {name} ist noch ein Platzhalter (ZU ERGÄNZEN).")
    for item in list(data.directory.contacts.values()) + list(data.directory.projects.values()):
        if views.is_stale(item.verified_on, today, limit):
            print(f"Hinweis: {item.id} zuletzt geprüft {item.verified_on.iso()} (älter als {limit} Monate).")
    print(f"Alles in Ordnung: {len(list((ROOT / 'data').rglob('*.*')))} Datendateien geprüft. "
          "(All data files are valid.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
