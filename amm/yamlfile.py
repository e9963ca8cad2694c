"""Reading YAML data files so that every mistake becomes a Problem, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from amm.errors import DataErrors, Problem, rel


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (1-based) for error messages."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {self.construct_object(k, deep=deep): k.start_mark.line + 1
                             for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


def load_yaml(path: Path) -> Any:
    """Load one YAML file; raise DataErrors with a plain message for any reading problem."""
    name = rel(path)
    if not path.exists():
        raise DataErrors([Problem(name, "", "", "Die Datei fehlt.", "The file is missing.",
                                  f"Lege {name} wieder an (siehe README).")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataErrors([Problem(
            name, f"Zeile {line}", "",
            "Die Datei ist nicht in UTF-8 gespeichert.",
            "The file is not saved as UTF-8.",
            "Im Editor „Speichern unter“ mit der Kodierung UTF-8 wählen.")]) from None
    if not text.strip():
        raise DataErrors([Problem(name, "", "", "Die Datei ist leer.", "The file is empty.",
                                  "Den Inhalt aus der Versionsverwaltung (git) wiederherstellen.")])
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise DataErrors([Problem(
                name, f"Zeile {number}", "",
                "Die Zeile ist mit einem Tabulator eingerückt; YAML erlaubt nur Leerzeichen.",
                "The line is indented with a tab; YAML allows spaces only.",
                "Den Tabulator durch Leerzeichen ersetzen (wie die Zeilen darüber).")])
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"Zeile {mark.line + 1}, Spalte {mark.column + 1}" if mark else ""
        detail = getattr(exc, "problem", None) or str(exc)
        raise DataErrors([Problem(
            name, where, "",
            f"Die YAML-Schreibweise ist fehlerhaft ({detail}).",
            f"YAML syntax error ({detail}).",
            "Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der "
            "Zeile davor prüfen.")]) from None
