"""Events in time order wherever they are listed, for dates of every precision and qualifier.

The expected order is worked out here from the dates alone, with calendar arithmetic, not with the
hooks' sort key: a date known to a year or a month stands for the middle of it, a bound ("before",
"by") for its start, and "after"/"since" just after the date it follows. Within a year, what happened
comes before what was only expected. Two dates a couple of days apart are not compared, so the site
may place a year's middle anywhere around July 1.
"""

from __future__ import annotations

import calendar
import datetime
import itertools

import pytest

from conftest import event_entries, heading_text, timeline_pages

TOLERANCE_DAYS = 2


def position(event: dict) -> tuple[float, int]:
    """(day number where the event belongs, rank among dates at the same spot: bound, date, after)."""
    parts = [int(p) for p in str(event["date"]).split("-")]
    year = parts[0]
    if event["precision"] == "year":
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    elif event["precision"] == "month":
        start = datetime.date(year, parts[1], 1)
        end = datetime.date(year, parts[1], calendar.monthrange(year, parts[1])[1])
    else:
        start = end = datetime.date(*parts)
    qualifier = event.get("qualifier")
    if qualifier in ("before", "by"):
        return start.toordinal(), -1
    return (start.toordinal() + end.toordinal()) / 2, 1 if qualifier in ("after", "since") else 0


def belongs_before(a: dict, b: dict) -> bool | None:
    """True if `a` must be listed before `b`, False if after, None if either order is right."""
    year_a, year_b = int(str(a["date"])[:4]), int(str(b["date"])[:4])
    if year_a != year_b:
        return year_a < year_b
    if a["status"] != b["status"]:
        return a["status"] == "happened"
    (day_a, rank_a), (day_b, rank_b) = position(a), position(b)
    if abs(day_a - day_b) > TOLERANCE_DAYS:
        return day_a < day_b
    if day_a == day_b and rank_a != rank_b:
        return rank_a < rank_b
    return None


def assert_in_time_order(events: list[dict], where: str) -> None:
    for earlier, later in itertools.combinations(events, 2):
        assert belongs_before(later, earlier) is not True, (
            f"{where}: {later['id']} ({later['date']} {later.get('qualifier') or ''} {later['precision']}, {later['status']}) "
            f"belongs before {earlier['id']} ({earlier['date']} {earlier.get('qualifier') or ''} {earlier['precision']}, "
            f"{earlier['status']})")


def test_the_fixture_has_every_precision_with_every_qualifier_in_one_year(rich_site):
    """Guards the fixture itself: the order tests below are only as strong as the dates they see."""
    in_2015 = [e for e in rich_site.data["events"] if str(e["date"]).startswith("2015")]
    combinations = {(e["precision"], e.get("qualifier")) for e in in_2015}
    for precision in ("year", "month", "day"):
        for qualifier in (None, "about", "before", "by", "after", "since"):
            assert (precision, qualifier) in combinations
    assert {e["status"] for e in in_2015} == {"happened", "expected"}


@pytest.mark.parametrize("which", ["rich", "real"])
def test_the_timeline_lists_every_event_once_in_time_order(which, rich_site, site, data):
    site_, events = (rich_site, rich_site.data["events"]) if which == "rich" else (site, data["events"])
    shown = [event for page in timeline_pages(site_) for event, _ in event_entries(site_, page, events)]
    assert sorted(e["id"] for e in shown) == sorted(e["id"] for e in events), "every event exactly once"
    assert_in_time_order(shown, "timeline")


@pytest.mark.parametrize("which", ["rich", "real"])
def test_each_event_is_listed_under_its_year(which, rich_site, site, data):
    site_, events = (rich_site, rich_site.data["events"]) if which == "rich" else (site, data["events"])
    for page in timeline_pages(site_):
        for event, item in event_entries(site_, page, events):
            heading = item.find_previous(["h2", "h1"])  # a year's section, or a year's own page
            assert heading is not None and heading_text(heading) == str(event["date"])[:4], (page, event["id"])


@pytest.mark.parametrize("which", ["rich", "real"])
def test_actor_pages_list_their_events_in_time_order(which, rich_site, site, data):
    site_, records = (rich_site, rich_site.data) if which == "rich" else (site, data)
    for actor in records["actors"]:
        own = [e for e in records["events"] if actor["id"] in e["actors"]]
        shown = [event for event, _ in event_entries(site_, f"actors/{actor['id']}/", own)]
        assert {e["id"] for e in shown} == {e["id"] for e in own}, actor["id"]
        assert_in_time_order(shown, f"actors/{actor['id']}/")
