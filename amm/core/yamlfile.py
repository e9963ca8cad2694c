"""Reading YAML data files so that every mistake becomes a Problem, never a traceback.

Parsing uses libyaml (yaml.CSafeLoader, about 6x faster than the pure-Python parser). Before
any value is built, the node tree is checked for what YAML itself lets through but an editor
never means: a key written twice in one mapping (YAML keeps the last one silently), an
impossible date or time, a value YAML 1.1 turns into something else (`no` → false, `01067` → 567,
`9:30` → 570), an alias bomb or an alias that contains itself, and nesting too deep to build.
A file that is huge, contains a NUL byte, is not UTF-8 or is a folder is refused before parsing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from amm.core.errors import DataErrors, Problem, rel

MAX_BYTES = 2_000_000       # the largest data file (legal_rules.yaml) is about 0.2 MB
MAX_DEPTH = 40              # the deepest data file nests about 8 levels
MAX_NODES = 500_000         # values after expanding aliases (legal_rules.yaml: about 20,000)

_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"
# YAML 1.1 reads these unquoted words as true/false; YAML 1.2 (and every editor's tooling) does not
_WORD_BOOLS = {"yes", "no", "on", "off"}
# numbers with a leading zero (postcodes, area codes: YAML 1.1 reads 01067 as the octal 567),
# base-60 numbers (9:30 → 570), hex/binary and digit groups with "_" are never meant as numbers
_ODD_NUMBER = re.compile(r"^[-+]?(?:0[0-9_]+|0[xob].*|[0-9_]+(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|.*_.*)$")


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (1-based) for error messages."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.CSafeLoader):
    def construct_mapping(self, node, deep=False):
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {self.construct_object(k, deep=deep): k.start_mark.line + 1
                             for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


def _problem(name: str, line: int, de: str, en: str, fix: str) -> Problem:
    return Problem(name, "", "", de, en, fix, line)


def _too_deep(name: str, text: str) -> Problem | None:
    """Nesting deeper than MAX_DEPTH, found from libyaml's event stream (flat, not recursive):
    libyaml's composer recurses in C and would crash the process on thousands of levels."""
    depth = 0
    loader = yaml.CSafeLoader(text)
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _problem(name, event.start_mark.line + 1,
                                    f"Die Daten sind zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen).",
                                    f"The data is nested too deeply (more than {MAX_DEPTH} levels).",
                                    "Einrückung und Klammern prüfen; kein Eintrag braucht so viele Ebenen.")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
    return None


def _scalar_problem(name: str, node: yaml.ScalarNode, loader: _LineLoader) -> Problem | None:
    """What is wrong with one plain (unquoted) value, or None."""
    line, value = node.start_mark.line + 1, node.value
    quote = f"Den Wert in Anführungszeichen setzen: \"{value}\"."
    if node.tag == _BOOL_TAG and value.lower() in _WORD_BOOLS:
        return _problem(
            name, line, f"„{value}“ liest YAML als Wahrheitswert (ja/nein), nicht als Text: der Wert braucht "
            "Anführungszeichen.", f"YAML reads '{value}' as a boolean, not as text: the value needs quotes.",
            quote + " Für ja/nein true oder false schreiben.")
    if node.tag in (_INT_TAG, _FLOAT_TAG) and _ODD_NUMBER.match(value):
        return _problem(
            name, line, f"„{value}“ liest YAML als Zahl und verändert sie (aus 01067 wird 567, aus 9:30 "
            "wird 570): der Wert braucht Anführungszeichen.",
            f"YAML reads '{value}' as a number and changes it (01067 becomes 567, 9:30 becomes 570): the "
            "value needs quotes.", quote)
    if node.tag == _TIMESTAMP_TAG:
        try:
            loader.construct_yaml_timestamp(node)
        except ValueError:
            return _problem(
                name, line, f"„{value}“ ist kein mögliches Datum bzw. keine mögliche Uhrzeit.",
                f"'{value}' is not a possible date or time.",
                "Ein Datum als JJJJ-MM-TT mit Monat 01–12 und einem Tag, den es in diesem Monat gibt; "
                "Uhrzeiten 00:00–23:59.")
    return None


def _check_nodes(name: str, root: yaml.Node, loader: _LineLoader) -> list[Problem]:
    """Every YAML-level problem of a composed document (iterative: safe for any nesting)."""
    problems: list[Problem] = []
    size: dict[int, int] = {}          # node id -> number of values once aliases are expanded
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    open_nodes: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            children = ([k for k, _ in node.value] + [v for _, v in node.value]
                        if isinstance(node, yaml.MappingNode) else node.value)
            size[key] = 1 + sum(size.get(id(c), 1) for c in children)
            if size[key] > MAX_NODES:
                return [_problem(name, node.start_mark.line + 1,
                                 "Anker und Verweise (& und *) vervielfachen die Daten ins Unermessliche.",
                                 "Anchors and aliases (& and *) multiply the data beyond any limit.",
                                 "Die Verweise (*name) durch die Werte selbst ersetzen.")]
            continue
        if key in open_nodes:
            return [_problem(name, node.start_mark.line + 1, "Ein Anker (&) verweist auf sich selbst.",
                             "An anchor (&) refers to itself.", "Den Verweis (*name) innerhalb des Ankers entfernen.")]
        if key in size:
            continue                   # an alias of a node already checked
        if depth > MAX_DEPTH:
            return [_problem(name, node.start_mark.line + 1,
                             f"Die Daten sind zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen).",
                             f"The data is nested too deeply (more than {MAX_DEPTH} levels).",
                             "Einrückung und Klammern prüfen; kein Eintrag braucht so viele Ebenen.")]
        if isinstance(node, yaml.ScalarNode):
            size[key] = 1
            if not node.style and (found := _scalar_problem(name, node, loader)):
                problems.append(found)
            continue
        open_nodes.add(key)
        stack.append((node, depth, True))
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    seen = first.setdefault((key_node.tag, key_node.value), key_node.start_mark.line + 1)
                    if seen != key_node.start_mark.line + 1:
                        problems.append(_problem(
                            name, key_node.start_mark.line + 1,
                            f"Das Feld „{key_node.value}“ steht zweimal im selben Eintrag (Zeile {seen} und "
                            f"Zeile {key_node.start_mark.line + 1}); YAML würde den ersten Wert stillschweigend "
                            "verwerfen.", f"The key '{key_node.value}' appears twice in one mapping (lines "
                            f"{seen} and {key_node.start_mark.line + 1}).",
                            "Eine der beiden Zeilen löschen oder die Werte zusammenführen."))
                stack.append((key_node, depth + 1, False))
                stack.append((value_node, depth + 1, False))
        else:
            stack.extend((child, depth + 1, False) for child in node.value)
    return problems


def read_text(path: Path, *, kind: str = "Datei") -> str:
    """The text of one data file; raise DataErrors for a missing, odd or unreadable file."""
    name = rel(path)
    if not path.exists():
        raise DataErrors([Problem(name, "", "", "Die Datei fehlt.", "The file is missing.",
                                  f"Lege {name} wieder an (siehe README).")])
    if not path.is_file():
        raise DataErrors([Problem(name, "", "", f"Hier steht ein Ordner, keine {kind}.",
                                  "This is a folder, not a file.",
                                  f"Den Ordner {name} entfernen und die Datei wiederherstellen (git).")])
    try:
        size = path.stat().st_size
        raw = path.read_bytes() if size <= MAX_BYTES else b""
    except OSError as exc:
        raise DataErrors([Problem(name, "", "", f"Die Datei kann nicht gelesen werden ({exc.strerror}).",
                                  f"The file cannot be read ({exc.strerror}).",
                                  "Leserechte der Datei prüfen.")]) from None
    if size > MAX_BYTES:
        raise DataErrors([Problem(name, "", "", f"Die Datei ist zu groß ({size // 1_000_000} MB; erlaubt sind "
                                  f"{MAX_BYTES // 1_000_000} MB).", f"The file is too large ({size} bytes).",
                                  "Prüfen, ob versehentlich etwas Falsches hineinkopiert wurde (git diff).")])
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise DataErrors([Problem(name, "", "", "Die Datei enthält ein Nullzeichen (NUL) – sie "
                                  "ist keine Textdatei oder beschädigt.", "The file contains a NUL byte.",
                                  "Die Datei aus der Versionsverwaltung (git) wiederherstellen.", line)])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataErrors([Problem(
            name, f"Zeile {line}", "",
            "Die Datei ist nicht in UTF-8 gespeichert.",
            "The file is not saved as UTF-8.",
            "Im Editor „Speichern unter“ mit der Kodierung UTF-8 wählen.")]) from None


def load_yaml(path: Path) -> Any:
    """Load one YAML file; raise DataErrors with a plain message for any reading problem."""
    name = rel(path)
    text = read_text(path)
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
    loader = _LineLoader(text)
    try:
        if too_deep := _too_deep(name, text):
            raise DataErrors([too_deep])
        node = loader.get_single_node()
        if node is None:
            raise DataErrors([Problem(name, "", "", "Die Datei enthält nur Kommentare, keine Daten.",
                                      "The file contains only comments, no data.",
                                      "Den Inhalt aus der Versionsverwaltung (git) wiederherstellen.")])
        problems = _check_nodes(name, node, loader)
        if problems:
            raise DataErrors(sorted(problems, key=lambda p: p.line))
        return loader.construct_document(node)
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
    except RecursionError:
        raise DataErrors([_problem(name, 0, "Die Daten sind zu tief verschachtelt.",
                                   "The data is nested too deeply.", "Einrückung und Klammern prüfen.")]) from None
    finally:
        loader.dispose()
