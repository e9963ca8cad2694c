"""Check every data file and every page (front matter, markers, scripts) without building the site.

Editors run this after changing data/*.yaml: `make validate`. It reports every problem at once,
in German and English, with file, line, entry and field, and exits with 1 if there is one.
The build runs the same checks (amm/build.py, amm/pages.py).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from amm.core import clock  # noqa: E402
from amm import pages  # noqa: E402
from amm.texts import translations  # noqa: E402
from amm.build import load_all  # noqa: E402
from amm.core.errors import DataErrors  # noqa: E402
from amm.directory import views  # noqa: E402


def languages() -> tuple[list[str], str]:
    class _Loader(yaml.SafeLoader):
        pass
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    codes = [lang["locale"] for lang in plugin["languages"]]
    default = next(lang["locale"] for lang in plugin["languages"] if lang.get("default"))
    return codes, default


def main() -> int:
    codes, default = languages()
    try:
        data = load_all(ROOT, codes, default)
        problems = pages.check_pages(ROOT, data)
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
    drift = Counter(s.state for s in translations.data_states(
        translations.data_texts(ROOT, codes), translations.load_lock(ROOT), codes, default))
    drift.update(p.state for p in translations.page_states(ROOT / "docs", codes, default))
    if drift["outdated"] or drift["unstamped"]:
        print(f"Hinweis: {drift['outdated']} Übersetzung(en) veraltet, {drift['unstamped']} ohne Stempel – "
              "siehe scripts/translations.py status.")
    print(f"Alles in Ordnung: {len(list((ROOT / 'data').rglob('*.*')))} Datendateien und alle Seiten geprüft. "
          "(All data files and pages are valid.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
