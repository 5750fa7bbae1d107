"""The timeline on a true time axis: distance down the page is distance in time.

Top to bottom, at every width (a phone scrolls down, and so does a desktop reader): the years,
the state of ties as a band, the axis with a mark per event at its date (a bar over a month or a
year, dotted where the date is only approximate), and the events' titles beside it, moved as little
as needed to stay clear of each other and joined to their marks. What the article expects sits
apart, after a line at the article's own date. The legend lists exactly the marks drawn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..model import Event, Model
from ..urls import href
from . import svgtext, tenures, when
from .marks import EFFECT_WORDS, INFERRED, INFERRED_WORDS, effect_key, mark
from .place import dodge
from .ties import Ties, pair_name, ties

SIZE = 14.0
"""Event titles (px); dates, years and the legend use SMALL. Both at least 12 px when drawn at 1:1."""
SMALL = 13.0
LEADING = 17.0
GAP = 7.0


@dataclass(frozen=True)
class Frame:
    """The columns of one variant of the graphic."""

    width: float
    band: tuple[float, float]
    """Left and right edge of the ties band."""
    axis: float
    text: float
    per_year: float
    """The least height of a year (px); more when the labels need it."""
    slack: float
    """Room for the titles beyond what they need, so that they can stay beside their marks."""
    years: float = 0.0
    """Left edge of the years' labels: past the lanes, when there are any."""

    @property
    def room(self) -> float:
        return self.width - self.text - 4


NARROW = Frame(width=350, band=(40, 76), axis=90, text=128, per_year=160, slack=1.15)
WIDE = Frame(width=680, band=(48, 108), axis=124, text=196, per_year=170, slack=1.5)
LANE = 9.0
"""Bars that overlap in time stand side by side, this far apart."""
LANES = 4


@dataclass
class _Row:
    event: Event
    place: when.Span
    date_line: str
    title_lines: list[str]
    vantage: when.Vantage | None

    @property
    def height(self) -> float:
        return SMALL + 4 + LEADING * len(self.title_lines)


def timeline_svg(model: Model, page: str, events: tuple[Event, ...] | None = None, frame: Frame = NARROW,
                 ident: str = "nkx-tl", year: int | None = None) -> str:
    """The SVG for `events` (default: all) drawn in `frame`, kept within `year` if given (a year's own page);
    every mark and title a link to its event."""
    events = model.chronology if events is None else events
    table = when.vantages(model)
    placed = []
    for event in events:
        own = when.of(event, table)
        low, high = when.bounds(event, own)
        if year is not None:
            low, high = max(low or 0.0, when.day(year)), min(high or float("inf"), when.day(year + 1) - 0.01)
        placed.append((event, when.span(event.date, low, high), own))
    if not placed:
        return ""
    first_year = dt.date.fromordinal(int(min(p.start for _, p, _ in placed))).year
    last_year = max(first_year, dt.date.fromordinal(int(max(p.end for _, p, _ in placed) - 1)).year)
    t0, t1 = when.day(first_year), when.day(last_year + 1)
    lanes = tenures.tenures(model, t0, t1, frame.per_year / 365.25)
    if lanes:  # the lanes take the left edge; the rest moves over
        shift = tenures.columns(lanes) * tenures.COLUMN + 4
        frame = replace(frame, band=(frame.band[0] + shift, frame.band[1] + shift), axis=frame.axis + shift,
                        text=frame.text + shift, years=shift)
    rows = [_row(event, place, frame, own) for event, place, own in placed]
    # One line at the article's date when every expected event shown was expected as of the same date, and
    # nothing that happened comes after it (a later source may report what an earlier one expected);
    # otherwise each says as of when.
    seen = {r.vantage for r in rows if r.event.expected}
    now = next(iter(seen)) if len(seen) == 1 else None
    show_now = (now is not None and t0 <= now.at <= t1
                and not any(place.start > now.at for event, place, _ in placed if not event.expected))
    if now is not None:  # the legend (and the line, when drawn) says as of when, once
        for row in rows:
            row.date_line = row.date_line.replace(f" · expected as of {now.words}", " · expected")
    top = 0.0  # set once the legend is drawn: it decides where the axis starts

    happened = [r for r in rows if not (show_now and r.event.expected)]
    later = [r for r in rows if show_now and r.event.expected]
    end_happened = now.at if show_now else t1
    need = sum(r.height + GAP for r in happened)
    k = max(frame.per_year / 365.25, need / max(end_happened - t0, 1.0) * frame.slack)

    def y(t: float) -> float:
        return top + (t - t0) * k

    keys = _keys(rows, show_now) + sorted({key for lane in lanes for key in lane.keys})
    say = when.voice(model)
    legend, legend_height = _legend(keys, frame, now.words if now else "", tenures.legend_words(lanes), say)
    top = legend_height + 34
    tops = dodge([y(r.place.at) for r in happened], [r.height for r in happened], top - 8, y(end_happened) - 6, GAP)
    if later:
        start_later = y(now.at) + VANTAGE_ROOM
        tops += dodge([max(y(r.place.at), start_later) for r in later], [r.height for r in later],
                      start_later, float("inf"), GAP)
    bottom = max(y(t1), max(t + r.height for t, r in zip(tops, rows))) + 12
    parts = [legend, _years(first_year, last_year, y, frame, bottom)]
    parts.append(_band(ties(model, t0, t1), y, frame, show_now, now.at if now else t1))
    parts.append(tenures.draw(lanes, y, t0, model, page))
    parts.append(f'<line class="nkx-axis" x1="{frame.axis}" x2="{frame.axis}" y1="{y(t0):.1f}" y2="{bottom - 6:.1f}"/>')
    if show_now:
        parts.append(_vantage(y(now.at), now.words, frame, bottom, when.voice(model).when_written))
    for row, label_top, lane in zip(rows, tops, _lanes(rows, y)):
        parts.append(_event(row, label_top, y, frame, page, frame.axis + lane * LANE))
    pair = pair_name(model)
    title = f"Timeline of {pair} ties, {first_year}–{last_year}" if first_year != last_year else \
        f"Timeline of {pair} ties, {first_year}"
    desc = (f"{len(rows)} events on a time axis running down the page, {first_year} to {last_year}: distance is time. "
            "A mark per event at its date, with a bar over a month or a year and a dotted bar where the date is "
            "approximate; triangles up warmed ties, triangles down cooled them, discs left them as they were. "
            "The band beside the axis is the state of ties, the running sum of those effects: to the right warmer, "
            "to the left cooler. "
            + (f"Events below the line at {say.own_date} were expected as of {now.words}. " if show_now else
               "Dashed marks are events expected as of their source’s date. " if seen else "")
            + "".join(f"A lane at the left edge: {lane.label}, from "
                      f"{model.events[lane.relation.since].title}"
                      f"{f' (when it began is general background, not from {say.the})' if lane.background else ''}. "
                      for lane in lanes)
            + "The same events follow as a list with their summaries and citations.")
    return (
        f'<svg class="nkx-svg" viewBox="0 0 {frame.width:.0f} {bottom:.0f}" width="{frame.width:.0f}" '
        f'height="{bottom:.0f}" role="group" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{svgtext.esc(title)}</title><desc id="{ident}-desc">{svgtext.esc(desc)}</desc>'
        + "".join(parts) + "</svg>"
    )


def _row(event: Event, place: when.Span, frame: Frame, vantage: when.Vantage | None) -> _Row:
    date_line = event.date.label + (f" {INFERRED}" if event.date.inferred else "")
    if event.expected:
        date_line += f" · expected as of {vantage.words}" if vantage else " · expected"
    return _Row(event, place, date_line, svgtext.wrap(event.title, frame.room, SIZE), vantage)


def _keys(rows: list[_Row], show_now: bool) -> list[str]:
    """The legend's entries: exactly the mark styles drawn, in a fixed order."""
    used = set()
    for row in rows:
        used.add(effect_key(row.event.effect))
        if row.event.expected:
            used.add("expected")
        if not row.place.point:
            used.add("approx" if row.place.approximate else "span")
        if row.event.date.inferred:
            used.add("inferred")
    if any(r.event.effect in ("warming", "cooling") for r in rows):
        used.add("band")
    if show_now:
        used.add("vantage")
    order = ["warming", "cooling", "neutral", "unstated", "expected", "span", "approx", "inferred", "band", "vantage"]
    return [key for key in order if key in used]


def _legend(keys: list[str], frame: Frame, vantage_words: str, lane_words: str, say) -> tuple[str, float]:
    """One entry per mark style drawn, each a sample and the words the lists use; entries flow in rows."""
    words = {**{effect_key(e): w for e, w in EFFECT_WORDS.items()},
             "expected": f"expected as of {vantage_words}" if vantage_words else "expected",
             "span": "bar: the month or year the date names",
             "approx": "dotted: about, before or after",
             "inferred": f"{INFERRED} {INFERRED_WORDS}",
             "band": "band: state of ties, right warmer, left cooler",
             "vantage": say.own_date,
             "tenure": lane_words,
             "tenure-background": f"hollow lane: its start is background, not from {say.the}"}
    out, x, y = [], 0.0, 14.0
    for key in keys:
        text = words[key]
        sample = 0.0 if key == "inferred" else 20.0
        w = sample + svgtext.width(text, SMALL) + 16
        if x > 0 and x + w > frame.width:
            x, y = 0.0, y + 22
        out.append(f'<g class="nkx-legend-item" data-key="{key}">{_sample(key, x + 8, y - 4)}'
                   f'<text class="nkx-legend" x="{x + sample:.1f}" y="{y:.1f}" font-size="{SMALL:g}">{svgtext.esc(text)}</text></g>')
        x += w
    return '<g class="nkx-legend-row">' + "".join(out) + "</g>", y + 8


def _sample(key: str, x: float, y: float) -> str:
    if key in ("warming", "cooling", "neutral", "unstated"):
        return mark(None if key == "unstated" else key, x, y, False, 6)
    if key == "expected":
        return mark(None, x, y, True, 7)
    if key == "span":
        return f'<line class="nkx-span" x1="{x}" x2="{x}" y1="{y - 7}" y2="{y + 7}"/>'
    if key == "approx":
        return f'<line class="nkx-span nkx-span-approx" x1="{x}" x2="{x}" y1="{y - 7}" y2="{y + 7}"/>'
    if key == "band":
        return (f'<rect class="nkx-band-cool" x="{x - 8}" y="{y - 6}" width="8" height="12"/>'
                f'<rect class="nkx-band-warm" x="{x}" y="{y - 6}" width="8" height="12"/>')
    if key.startswith("tenure"):
        return f'<rect class="nkx-{key}" x="{x - 2}" y="{y - 7}" width="4" height="14"/>'
    if key == "vantage":
        return f'<line class="nkx-vantage" x1="{x - 8}" x2="{x + 8}" y1="{y}" y2="{y}"/>'
    return ""


def _years(first: int, last: int, y, frame: Frame, bottom: float) -> str:
    out = []
    for year in range(first, last + 1):
        top = y(when.day(year))
        out.append(f'<line class="nkx-year-rule" data-year="{year}" x1="0" x2="{frame.text - 6}" y1="{top:.1f}" y2="{top:.1f}"/>')
        out.append(f'<text class="nkx-year" x="{frame.years:g}" y="{top + SMALL + 2:.1f}" font-size="{SMALL:g}">{year}</text>')
    return "".join(out)


def _band(curve: Ties, y, frame: Frame, show_now: bool, now: float) -> str:
    """The state of ties as an area either side of a centre line: warm to the right, cool to the left."""
    left, right = frame.band
    centre, half = (left + right) / 2, (right - left) / 2
    scale = half / curve.extent
    out = [f'<line class="nkx-band-zero" x1="{centre}" x2="{centre}" y1="{y(curve.points[0][0]):.1f}" '
           f'y2="{y((curve.expected or curve.points)[-1][0]):.1f}"/>']
    for points, later in ((curve.points, False), (curve.expected, True)):
        for (t1, v1), (t2, v2) in zip(points, points[1:]):
            if later and t2 <= now:
                continue
            for (a, va), (b, vb) in _split_at_zero(((t1, v1), (t2, v2))):
                if va == 0 and vb == 0:
                    continue
                cls = "nkx-band-warm" if va + vb > 0 else "nkx-band-cool"
                cls += " nkx-band-expected" if later else ""
                out.append(f'<path class="{cls}" d="M{centre} {y(a):.1f}L{centre + va * scale:.1f} {y(a):.1f}'
                           f'L{centre + vb * scale:.1f} {y(b):.1f}L{centre} {y(b):.1f}Z"/>')
    return '<g class="nkx-band" data-key="band">' + "".join(out) + "</g>"


def _split_at_zero(segment):
    (a, va), (b, vb) = segment
    if va * vb < 0:
        t = a + (b - a) * va / (va - vb)
        return [((a, va), (t, 0.0)), ((t, 0.0), (b, vb))]
    return [segment]


VANTAGE_ROOM = 2 * 17 + 8
"""Below the line at the article's date: room for its label before the first expected event."""


def _vantage(at: float, words: str, frame: Frame, bottom: float, written: str) -> str:
    lines = svgtext.wrap(f"Expected as of {words}, {written}", frame.room, SMALL, bold=True)[:2]
    return (f'<g data-key="vantage"><rect class="nkx-expected-zone" x="0" y="{at:.1f}" width="{frame.width}" height="{bottom - at:.1f}"/>'
            f'<line class="nkx-vantage" x1="0" x2="{frame.width}" y1="{at:.1f}" y2="{at:.1f}"/>'
            + svgtext.text_block(lines, frame.text, at + SMALL + 5, SMALL, 16, "nkx-vantage-label")
            .replace("<text ", f'<text font-size="{SMALL:g}" ', 1) + "</g>")


def _lanes(rows: list[_Row], y) -> list[int]:
    """A lane per bar so that bars overlapping in time stand side by side; a day sits on the axis."""
    ends: list[float] = []
    lanes = []
    for row in rows:
        if row.place.point:
            lanes.append(0)
            continue
        top, bottom = y(row.place.start), y(row.place.end)
        for lane, end in enumerate(ends):
            if end + 3 <= top:
                ends[lane] = bottom
                break
        else:
            lane = len(ends)
            ends.append(bottom)
        lanes.append(lane % LANES)
    return lanes


def _event(row: _Row, label_top: float, y, frame: Frame, page: str, x: float) -> str:
    event, place = row.event, row.place
    at = y(place.at)
    parts = []
    if not place.point:
        approx = " nkx-span-approx" if place.approximate else ""
        key = "approx" if place.approximate else "span"
        parts.append(f'<line class="nkx-span{approx}" data-key="{key}" data-from="{when.iso(place.start)}" '
                     f'data-to="{when.iso(place.end)}" x1="{x:.1f}" x2="{x:.1f}" '
                     f'y1="{y(place.start):.1f}" y2="{max(y(place.end), y(place.start) + 0.5):.1f}"/>')
    centre = label_top + row.height / 2
    bend = (frame.text - x) / 2
    parts.append(f'<path class="nkx-leader" d="M{x + 8:.1f} {at:.1f}C{x + bend:.1f} {at:.1f} '
                 f'{frame.text - bend:.1f} {centre:.1f} {frame.text - 4} {centre:.1f}"/>')
    drawn = f'<g data-key="{effect_key(event.effect)}">{mark(event.effect, x, at, event.expected)}</g>'
    parts.append(f'<g data-key="expected">{drawn}</g>' if event.expected else drawn)
    date = svgtext.esc(row.date_line)
    parts.append(f'<text class="nkx-when" x="{frame.text}" y="{label_top + SMALL:.1f}" font-size="{SMALL:g}"'
                 f'{" data-key=" + chr(34) + "inferred" + chr(34) if event.date.inferred else ""}>{date}</text>')
    parts.append(svgtext.text_block(row.title_lines, frame.text, label_top + SMALL + 4 + SIZE, SIZE, LEADING,
                                    "nkx-what").replace("<text ", f'<text font-size="{SIZE:g}" ', 1))
    tooltip = f"{event.date.label}{' (expected)' if event.expected else ''}: {event.title} — {EFFECT_WORDS[event.effect]}"
    return (f'<a class="nkx-event" href="{svgtext.attr(href(page, event.path))}" data-at="{when.iso(place.at)}">'
            f'<title>{svgtext.esc(tooltip)}</title>' + "".join(parts) + "</a>")
