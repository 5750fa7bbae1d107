"""Dates as the article allows them: known to a year, a month or a day, sometimes only as a bound."""

from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass, field


class Precision(enum.Enum):
    """How precisely a date is known; a date is never written more precisely."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"

    @property
    def parts(self) -> int:
        """How many of year, month, day the date has."""
        return {"year": 1, "month": 2, "day": 3}[self.value]


_QUALIFIER_RANK = {"before": -1, "by": -1, "after": 1, "since": 1}


@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, a month or a day, possibly only as a bound."""

    year: int
    month: int = 0
    """0 when only the year is known."""
    day: int = 0
    """0 when only the month (or year) is known."""
    precision: Precision = field(default=Precision.YEAR, compare=False)
    qualifier: str | None = field(default=None, compare=False)
    """'about', 'before', 'after', 'since' or 'by'; None for an exact date."""
    basis: str | None = field(default=None, compare=False)
    """How the date follows from the text, when the text does not state it."""

    @property
    def iso(self) -> str:
        """`2013`, `2013-02` or `2013-02-12`, as precise as known."""
        parts = [f"{self.year:04d}", f"{self.month:02d}", f"{self.day:02d}"]
        return "-".join(parts[: self.precision.parts])

    @property
    def exact_label(self) -> str:
        """`2013`, `February 2013` or `January 16, 2015` (the article's own style)."""
        if self.precision is Precision.YEAR:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.precision is Precision.MONTH:
            return f"{month} {self.year}"
        return f"{month} {self.day}, {self.year}"

    @property
    def label(self) -> str:
        """The date as readers see it, with its qualifier: `Before February 2013`."""
        if not self.qualifier:
            return self.exact_label
        return f"{self.qualifier.capitalize()} {self.exact_label}"

    @property
    def sort_key(self) -> tuple[int, float, float, int]:
        """Orders dates of mixed precision: a date known only to its year or month sits in the middle of it,
        a bound ('before', 'by') at its start, and 'after' or 'since' just after what they follow."""
        rank = _QUALIFIER_RANK.get(self.qualifier, 0)
        if rank < 0:
            return (self.year, self.month or 0, self.day or 0, rank)
        return (self.year, self.month or 6.5, self.day or 15.5, rank)

    @property
    def inferred(self) -> bool:
        """True when the date is worked out from the text rather than stated in it."""
        return self.basis is not None
