"""Data problems written for editors: file, entry, field, what is wrong, what to write instead.

Every loader collects all problems of a run into a DataErrors exception, so an editor sees
everything at once. The build and the validate command print them and stop, no traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

try:  # raised inside a MkDocs build (e.g. while a template renders), MkDocs prints it and stops
    from mkdocs.exceptions import PluginError as _Base
except ImportError:  # pragma: no cover - amm works without MkDocs
    _Base = Exception


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    field: str
    message_de: str
    message_en: str
    fix: str = ""
    line: int = 0

    def render(self) -> str:
        where = f"{self.file}" + (f", Zeile {self.line}" if self.line else "")
        if self.entry:
            where += f", Eintrag „{self.entry}“"
        if self.field:
            where += f", Feld „{self.field}“"
        text = f"{where}:\n    {self.message_de}\n    ({self.message_en})"
        if self.fix:
            text += f"\n    So beheben / How to fix: {self.fix}"
        return text


class DataErrors(_Base):
    """One or more data problems; str() lists them all. A MkDocs PluginError, so that one raised
    anywhere in a build (hook, template, Markdown extension) ends it with this message only."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        n = len(self.problems)
        head = (
            f"Die Daten enthalten {n} Fehler. Die Website wurde nicht gebaut. "
            f"(The data has {n} error(s); the site was not built.)"
        )
        return head + "\n\n" + "\n\n".join(p.render() for p in self.problems)


def rel(path: Path, root: Path | None = None) -> str:
    """A path as the editor knows it (relative to the project folder)."""
    try:
        return str(path.resolve().relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)
