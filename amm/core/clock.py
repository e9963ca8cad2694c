"""The one source of "today" for checks and pages (source age, stale warnings, Stand dates).

`AMM_TODAY=2026-12-01` (an ISO date) fixes the day, e.g. for reproducible builds and for the
tests, which pin it so that their verdict does not change with the calendar; without it, the
machine's date is used.
"""

from __future__ import annotations

import datetime as dt
import os

from amm.core.errors import DataErrors, Problem

ENV = "AMM_TODAY"


def today() -> dt.date:
    value = os.environ.get(ENV, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DataErrors([Problem(
            f"Umgebungsvariable {ENV}", "", "", f"„{value}“ ist kein Datum.", f"'{value}' is not a date.",
            f"{ENV} als Datum JJJJ-MM-TT setzen (z. B. 2026-12-01) oder die Variable entfernen.")]) from None
