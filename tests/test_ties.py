"""The band of ties on the timeline (and the home page's strip) is the running sum of the events' effects.

Checked at every knot of the curve the graphics draw, against a sum written here from the rule itself: each
event that happened adds +1 (warming) or -1 (cooling), evenly across its span (at once when its span is cut to
nothing at the source's date); past the vantage point the dashed band adds the expected events the same way.
The curve is checked for the whole chronology and for a window per year, as the timeline's year pages draw it,
where events before the window must already count. An invariant of whatever data a project holds.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from conftest import ROOT, fixture_project
from nkexplainer.check import load_model
from nkexplainer.graphics import when

ties = importlib.import_module("nkexplainer.graphics.ties")  # the package exports a function of the same name


def _state_at(model, t: float, with_expected: bool = False) -> float:
    table = when.vantages(model)
    total = 0.0
    for event in model.chronology:
        if (event.expected and not with_expected) or event.effect not in ties.STEP:
            continue
        place = when.span(event.date, *when.bounds(event, when.of(event, table)))
        share = 1.0 if t >= place.end else 0.0 if t <= place.start else (t - place.start) / (place.end - place.start)
        total += ties.STEP[event.effect] * share
    return total


def _rich_with_effects(tmp_path) -> Path:
    """The rich fixture (every precision and qualifier, happened and expected) with every event given an effect,
    warming and cooling in turn: spans of every shape, some cut short at the source's date."""
    project = fixture_project(tmp_path, "rich")
    events = project.root / "data" / "events.yml"
    lines, turn = [], 0
    for line in events.read_text(encoding="utf-8").splitlines():
        lines.append(line)
        if line.startswith("  status: "):
            lines.append(f"  effect: {('warming', 'cooling')[turn % 2]}")
            turn += 1
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return project.root


@pytest.mark.parametrize("which", ["project", "rich-fixture"])
def test_every_knot_of_the_band_is_the_running_sum_of_the_effects(which, tmp_path):
    model = load_model(ROOT if which == "project" else _rich_with_effects(tmp_path))
    effects = [e for e in model.chronology if not e.expected and e.effect in ties.STEP]
    if not effects:
        pytest.skip("no event here warms or cools ties")
    years = sorted({e.date.year for e in model.chronology})
    windows = [(None, None)] + [(when.day(y), when.day(y + 1)) for y in range(years[0], years[-1] + 1)]
    checked = 0
    for start, end in windows:
        for t, value in ties.ties(model, start, end).points:
            assert value == pytest.approx(_state_at(model, t), abs=1e-6), \
                f"window {start}-{end}: at {when.iso(t)} the band stands at {value:+.3f}"
            checked += 1
        for t, value in ties.ties(model, start, end).expected:
            assert value == pytest.approx(_state_at(model, t, with_expected=True), abs=1e-6), \
                f"window {start}-{end}: at {when.iso(t)} the dashed band (with what is expected) stands at {value:+.3f}"
            checked += 1
    whole = ties.ties(model).points
    assert whole[0][1] == pytest.approx(0.0), "the whole chronology's band starts at zero"
    assert any(abs(v) >= 1 for _, v in whole), "some knot stands a whole event away from zero"
    assert checked > len(windows)
