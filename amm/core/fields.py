"""Value primitives shared by the data models (amm/core/model.py): the patterns of ids, URLs,
e-mail addresses and postcodes, invisible characters, dates as precise as their source
(PartialDate) and page paths that leave docs/."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date, format_skeleton

EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
URL_RE = re.compile(r"^https?://[^\s/$.?#<>\"'`\\][^\s<>\"'`\\]*$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
POSTCODE_RE = re.compile(r"^[0-9]{5}$")
# Characters nobody sees but that change what people see: control characters (a carriage return
# would start a new vCard line), bidi overrides/isolates (reorder text, e.g. a phone number) and
# zero-width characters other than the joiners (ZWNJ/ZWJ) and direction marks (LRM/RLM) that
# Persian and Arabic text needs.
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2060-\u2064"
                           "\u2066-\u2069\ufeff]")


def invisible(value: str, *, multiline: bool = False) -> str | None:
    """The first invisible or control character of a text as U+XXXX, or None."""
    found = _INVISIBLE_RE.search(value) or (None if multiline else re.search("[\n\t]", value))
    return f"U+{ord(found.group(0)):04X}" if found else None


def visible(value: str) -> str:
    """A value for a message: invisible characters shown as <U+XXXX>."""
    return re.sub("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]",
                  lambda m: f"<U+{ord(m.group(0)):04X}>", value)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as precise as its source: a year, a month or a day."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def format(self, lang: str) -> str:
        if self.day:
            return format_date(self.first_day, format="long", locale=lang)
        if self.month:
            return format_skeleton("yMMMM", self.first_day, locale=lang)
        return str(self.year)


def parse_partial_date(value: Any) -> PartialDate | None:
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and 1900 < value < 2200:
        return PartialDate(value)
    if isinstance(value, str):
        match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", value.strip())
        if match:
            year, month, day = (int(g) if g else 0 for g in match.groups())
            try:
                dt.date(year, month or 1, day or 1)
            except ValueError:
                return None
            return PartialDate(year, month, day)
    return None


def outside_docs(page: str) -> bool:
    """A page reference in data that does not name a file inside docs/ (absolute, ../, \\)."""
    return page.startswith(("/", "~")) or "\\" in page or ".." in page.split("/") or ":" in page
