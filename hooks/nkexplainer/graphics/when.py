"""Where on a time axis a date of the article belongs: a point, a span, or a span that fades.

A day is a point; a month or a year is the whole span; "about" widens the span, "before"
and "after" ("by", "since") stretch it away from its bound. Events that happened end by
the article's vantage point; expected ones start after it. All times are days as floats
(proleptic ordinal), so distance on the page is distance in time.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..dates import PartialDate, Precision
from ..model import Event, Model, per_model


def day(year: int, month: int = 1, dom: int = 1) -> float:
    return float(dt.date(year, month, dom).toordinal())


def iso(t: float) -> str:
    return dt.date.fromordinal(int(round(t))).isoformat()


def period(date: PartialDate) -> tuple[float, float]:
    """The days the date names, at its precision: [first day, day after the last)."""
    if date.precision is Precision.DAY:
        start = day(date.year, date.month, date.day)
        return start, start + 1
    if date.precision is Precision.MONTH:
        last = calendar.monthrange(date.year, date.month)[1]
        return day(date.year, date.month), day(date.year, date.month, last) + 1
    return day(date.year), day(date.year + 1)


_STRETCH = {Precision.DAY: 30.0, Precision.MONTH: 91.0, Precision.YEAR: 365.0}
"""How far "before", "after" or "about" reach beyond the date: a month, a quarter, a year."""


@dataclass(frozen=True)
class Span:
    """Where a dated thing sits on the axis."""

    start: float
    end: float
    at: float
    """The point its mark is drawn at."""
    point: bool
    """True for a day: drawn as a point, not a bar."""
    approximate: bool
    """True for about / before / after / since / by: drawn as a fading bar."""


def span(date: PartialDate, lower: float | None = None, upper: float | None = None) -> Span:
    """The date on the axis, kept within [lower, upper] when given (happened events end by the vantage
    point, expected ones start after it)."""
    start, end = period(date)
    reach = _STRETCH[date.precision]
    qualifier = date.qualifier
    if qualifier in ("before", "by"):
        start, end = start - reach, start
    elif qualifier in ("after", "since"):
        start, end = end, end + reach
    elif qualifier == "about":
        start, end = start - reach / 2, end + reach / 2
    low = start if lower is None else min(max(start, lower), end)
    high = end if upper is None else max(min(end, upper), low)
    start, end = low, max(high, low)
    if qualifier in ("before", "by"):
        at = end
    elif qualifier in ("after", "since"):
        at = start
    else:
        at = (start + end) / 2
    return Span(start, end, at, date.precision is Precision.DAY and not qualifier, bool(qualifier))


@dataclass(frozen=True)
class Vantage:
    """When the article was written, as far as it and its events tell: a day on the axis and words."""

    at: float
    words: str
    """'early 2015': the source's `written` date, narrowed by the events it reports and expects."""


@per_model
def vantages(model: Model) -> dict[str, Vantage]:
    """Each source's own date, by the id of the source: what its events expect is expected as of then."""
    mine: dict[str, list[Event]] = {}
    for event in model.events.values():
        if event.cites:
            mine.setdefault(event.cites[0].source, []).append(event)
    return {source.id: _vantage(source.written, mine.get(source.id, [])) for source in model.sources.values()
            if source.written}


def vantage(model: Model) -> Vantage | None:
    """The article's own date when the site has one source with a `written` date (or the latest of several)."""
    found = vantages(model)
    return max(found.values(), key=lambda v: v.at) if found else None


def of(event: Event, table: dict[str, Vantage]) -> Vantage | None:
    """The vantage point of the source an event rests on."""
    return table.get(event.cites[0].source) if event.cites else None


def _vantage(written: PartialDate, events: list[Event]) -> Vantage:
    """Within the `written` period, after the last dated event that happened and before the first expected one."""
    start, end = period(written)
    if written.qualifier in ("before", "by"):
        start, end = start - _STRETCH[written.precision], start
    elif written.qualifier in ("after", "since"):
        start, end = end, end + _STRETCH[written.precision]
    dated = [e for e in events if not e.date.qualifier and e.date.precision is not Precision.YEAR]
    happened = [period(e.date)[0] for e in dated if not e.expected]
    expected = [period(e.date)[0] for e in dated if e.expected]
    low = max([start, *(t for t in happened if start <= t < end)])
    high = min([end, *(t for t in expected if low < t <= end)])
    at = (low + high) / 2 if high - low > 1 else low
    return Vantage(at, _season(low, high))


def _season(low: float, high: float) -> str:
    """'early 2015' when the window lies within January–April, 'mid' May–August, 'late' September–December;
    otherwise the year, or the years."""
    first, last = dt.date.fromordinal(int(low)), dt.date.fromordinal(max(int(high) - 1, int(low)))
    if first.year != last.year:
        return f"{first.year}–{last.year}"
    parts = ("early", "mid", "late")
    a, b = (first.month - 1) // 4, (last.month - 1) // 4
    return f"{parts[a]} {first.year}" if a == b else str(first.year)


def bounds(event: Event, now: Vantage | None) -> tuple[float | None, float | None]:
    """Where `event` may stand given its source's vantage point `now`."""
    if now is None:
        return None, None
    return (now.at, None) if event.expected else (None, now.at)


def voice(model: Model):
    """How the graphics' captions and legends speak of the sources (wording.Voice): "the article", "the sources"."""
    from ..wording import voice as of  # wording reads this module: imported when first needed

    return of(model)
