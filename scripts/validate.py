"""Check every data file (and the data markers in the pages) without building the site.

Editors run this after changing data/*.yaml: `make validate`. It reports every problem at once,
in German and English, with file, line, entry and field, and exits with 1 if there is one.
The build runs the same checks first.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from amm import directory_views as views  # noqa: E402
from amm import translations  # noqa: E402
from amm.errors import DataErrors, Problem  # noqa: E402
from amm.loader import load_all  # noqa: E402
from amm.markers import MARKER_RE  # noqa: E402


def languages() -> tuple[list[str], str]:
    class _Loader(yaml.SafeLoader):
        pass
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    codes = [lang["locale"] for lang in plugin["languages"]]
    default = next(lang["locale"] for lang in plugin["languages"] if lang.get("default"))
    return codes, default


def marker_problems(data) -> list[Problem]:
    known = {"fact": data.site.facts, "source": data.site.sources, "operator": data.site.operator,
             "link": data.site.links}
    problems = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        if "verzeichnis" in page.parts:
            continue
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for match in MARKER_RE.finditer(line):
                kind, ident = match.group(1), match.group(2)
                if kind in known and ident not in known[kind]:
                    problems.append(Problem(str(page.relative_to(ROOT)), f"Zeile {number}", match.group(0),
                                            f"„{ident}“ gibt es nicht.", f"'{ident}' does not exist.",
                                            "Eine vorhandene Kennung verwenden (siehe data/sources.yaml, data/site.yaml)."))
    return problems


def main() -> int:
    codes, default = languages()
    try:
        data = load_all(ROOT, codes, default)
        problems = marker_problems(data)
        if problems:
            raise DataErrors(problems)
    except DataErrors as exc:
        print(str(exc), file=sys.stderr)
        return 1
    today = dt.date.today()
    limit = data.site.freshness["contacts_months"]
    for name in data.site.placeholders:
        print(f"Hinweis: data/site.yaml: {name} ist noch ein Platzhalter (ZU ERGÄNZEN).")
    for item in list(data.directory.contacts.values()) + list(data.directory.projects.values()):
        if views.is_stale(item.verified_on, today, limit):
            print(f"Hinweis: {item.id} zuletzt geprüft {item.verified_on.iso()} (älter als {limit} Monate).")
    drift = Counter(s.state for s in translations.data_states(
        translations.data_texts(ROOT, codes), translations.load_lock(ROOT), codes, default))
    drift.update(p.state for p in translations.page_states(ROOT / "docs", codes, default))
    if drift["outdated"] or drift["unstamped"]:
        print(f"Hinweis: {drift['outdated']} Übersetzung(en) veraltet, {drift['unstamped']} ohne Stempel – "
              "siehe scripts/translations.py status.")
    print(f"Alles in Ordnung: {len(list((ROOT / 'data').rglob('*.*')))} Datendateien geprüft. "
          "(All data files are valid.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
