"""Record which German text a translation translates, and show what is out of date.

    scripts/translations.py stamp docs/recht/duldung.ar.md        a page brought up to date
    scripts/translations.py stamp data/legal_rules.yaml:rows.duldung.cells.job.note [--lang ar]
                                                                  one data text (all or some languages)
    scripts/translations.py stamp data/legal_rules.yaml [--lang ar]  every text of one data file
    scripts/translations.py stamp --all                           every translation not stamped yet
    scripts/translations.py stamp --all --force                   re-stamp everything (initial state)
    scripts/translations.py status                                what is outdated, unstamped, missing

Pages keep the stamp in their front matter (`translated_from:`), data texts in
data/translations.lock.yaml. Stamp only after the translation matches the German text again.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from amm.texts import translations as T  # noqa: E402
from validate import languages  # noqa: E402


def _stamp(args: argparse.Namespace, root: Path, codes: list[str]) -> int:
    docs = root / "docs"
    if args.all:
        count = 0
        for original in T.german_pages(docs, codes):
            for lang in codes:
                path = T.translation_path(original, lang)
                if path.is_file() and (args.force or T.page_state(path, codes) == "unstamped"):
                    count += T.stamp_page(path, codes)
        print(f"{count} Seiten gestempelt (pages stamped).")
        print(f"{T.stamp_data(root, codes, force=args.force)} Datentexte gestempelt (data texts stamped).")
        return 0
    if not args.targets:
        print("Bitte eine Seite, einen Datentext oder --all angeben. (Name a page, a data text or --all.)",
              file=sys.stderr)
        return 2
    for target in args.targets:
        file = target.split(":", 1)[0]
        path = Path(file).resolve() if Path(file).exists() else (root / file).resolve()
        if file.endswith(".md"):
            try:
                changed = T.stamp_page(path, codes)
            except ValueError as exc:
                print(f"Fehler (error): {exc}", file=sys.stderr)
                return 1
            print(f"{file}: {'gestempelt' if changed else 'war schon aktuell'}")
        else:
            rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else file
            only = rel + (":" + target.split(":", 1)[1] if ":" in target else "")
            known = {t.file for t in T.data_texts(root, codes)} | {
                f"{t.file}:{t.path}" for t in T.data_texts(root, codes)}
            if only not in known:
                print(f"Fehler (error): „{only}“ ist keine Datei und kein Text mit Übersetzungen "
                      "(not a data file or translated text); `status` zeigt die Namen.", file=sys.stderr)
                return 1
            count = T.stamp_data(root, codes, only=only, langs=args.lang)
            print(f"{only}: {count} Übersetzung(en) gestempelt")
    return 0


def _status(root: Path, codes: list[str], default: str) -> int:
    pages = T.page_states(root / "docs", codes, default)
    print("Seiten (pages):", dict(Counter(p.state for p in pages)))
    for p in pages:
        if p.state in ("outdated", "unstamped"):
            print(f"  {p.state:9}  docs/{p.translation}")
    states = T.data_states(T.data_texts(root, codes), T.load_lock(root), codes, default)
    print("Datentexte (data texts):", dict(Counter(s.state for s in states)))
    for s in states:
        if s.state in ("outdated", "unstamped"):
            print(f"  {s.state:9}  {s.lang}  {s.text.file}:{s.text.path}  (Zeile {s.text.line})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    stamp = sub.add_parser("stamp", help="record the German version a translation translates")
    stamp.add_argument("targets", nargs="*", help="docs/x.<lang>.md, data/x.yaml or data/x.yaml:path")
    stamp.add_argument("--all", action="store_true", help="every translation without a stamp")
    stamp.add_argument("--force", action="store_true", help="with --all: re-stamp every translation")
    stamp.add_argument("--lang", action="append", help="data texts: only this language (repeatable)")
    sub.add_parser("status", help="list outdated and unstamped translations")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    codes, default = languages()
    root = args.root.resolve()
    if args.command == "stamp":
        return _stamp(args, root, codes)
    return _status(root, codes, default)


if __name__ == "__main__":
    sys.exit(main())
