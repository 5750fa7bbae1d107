"""A compact strip of the state of ties over time, left to right, for any page (the home page).

The same curve as the timeline's band (ties.py), on a horizontal time axis: warmer above the
line, cooler below, what the article expects dashed after its own date.
"""

from __future__ import annotations

import datetime as dt

from ..model import Model
from ..urls import TIMELINE, href
from . import svgtext, when
from .ties import ties

SMALL = 13.0


def _strip(model: Model, width: float, ident: str) -> str:
    curve = ties(model)
    points = curve.points + tuple(p for p in curve.expected if p[0] > curve.points[-1][0])
    if len(points) < 2 or not any(value for _, value in points):
        return ""  # no event warmed or cooled ties (nor is expected to): a flat line tells a reader nothing
    first = dt.date.fromordinal(int(points[0][0])).year
    last = dt.date.fromordinal(int(points[-1][0]) - 1).year
    t0, t1 = when.day(first), when.day(last + 1)
    height, mid, half = 96.0, 44.0, 30.0
    scale = half / curve.extent

    def x(t: float) -> float:
        return 4 + (t - t0) / (t1 - t0) * (width - 8)

    parts = []
    for year in range(first, last + 1):
        left, right = x(when.day(year)), x(when.day(year + 1))
        parts.append(f'<line class="nkx-year-rule" x1="{left:.1f}" x2="{left:.1f}" y1="8" y2="{height - 18}"/>')
        label = str(year) if right - left > 40 else f"’{year % 100:02d}"
        if right - left > 24:
            parts.append(f'<text class="nkx-year" font-size="{SMALL:g}" x="{(left + right) / 2:.1f}" y="{height - 3}" '
                         f'text-anchor="middle">{label}</text>')
    parts.append(f'<line class="nkx-band-zero" x1="4" x2="{width - 4}" y1="{mid}" y2="{mid}"/>')
    now = when.vantage(model)
    for series, later in ((curve.points, False), (curve.expected, True)):
        for (a, va), (b, vb) in zip(series, series[1:]):
            if later and now and b <= now.at:
                continue
            if va == 0 and vb == 0:
                continue
            cls = ("nkx-band-warm" if va + vb > 0 else "nkx-band-cool") + (" nkx-band-expected" if later else "")
            parts.append(f'<path class="{cls}" d="M{x(a):.1f} {mid}L{x(a):.1f} {mid - va * scale:.1f}'
                         f'L{x(b):.1f} {mid - vb * scale:.1f}L{x(b):.1f} {mid}Z"/>')
    if now and curve.expected:
        parts.append(f'<line class="nkx-vantage" x1="{x(now.at):.1f}" x2="{x(now.at):.1f}" y1="4" y2="{height - 18}"/>')
    parts.append(f'<text class="nkx-strip-label" font-size="{SMALL:g}" x="6" y="{SMALL + 2}">warmer</text>'
                 f'<text class="nkx-strip-label" font-size="{SMALL:g}" x="6" y="{mid + half + 6}">cooler</text>')
    desc = (f"The state of {curve.pair} ties from {first} to {last}, the running sum of the events' effects: "
            "above the line warmer, below it cooler than at the start"
            + (f"; after the line at {now.words}, what {when.voice(model).the} {when.voice(model).verb('expects', 'expect')}."
               if now and curve.expected else "."))
    return (f'<svg class="nkx-svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
            f'role="img" aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{ident}-title">{svgtext.esc(f"{curve.pair} ties over time")}</title>'
            f'<desc id="{ident}-desc">{svgtext.esc(desc)}</desc>' + "".join(parts) + "</svg>")


def ties_strip_svg(model: Model, page: str, link_to: str | None = None) -> str:
    """The strip in a figure for a wide and a narrow column, leading to `link_to` (default: the timeline;
    "" for no link, on the timeline itself)."""
    wide, narrow = _strip(model, 680, "nkx-strip-wide"), _strip(model, 350, "nkx-strip-narrow")
    if not wide:
        return ""
    drawn = f'<span class="nkx-wide">{wide}</span><span class="nkx-narrow">{narrow}</span>'
    caption = "The state of ties, from the events’ effects: above the line warmer, below it cooler."
    if link_to == "":
        return f'<figure data-search-exclude class="nkx-graphic nkx-ties-graphic">{drawn}<figcaption>{caption}</figcaption></figure>'
    target = svgtext.attr(href(page, link_to or TIMELINE))
    return (f'<figure data-search-exclude class="nkx-graphic nkx-ties-graphic"><a class="nkx-strip-link" href="{target}">{drawn}</a>'
            f'<figcaption>{caption} <a href="{target}">See the timeline</a>.</figcaption></figure>')
