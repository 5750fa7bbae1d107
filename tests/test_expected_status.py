"""An event the article only expects says so wherever a reader meets it; one that happened does not.

Where: its own page (above its first section), and every listing of it (a list item that links to its page
and gives its date: the timeline, actor pages, and any list added later). The word checked is "expect",
the data's own status name, looked for outside the event's title and summary (which may use the word
themselves), so the test holds however the badge is worded or styled.
"""

from __future__ import annotations

import pytest

from conftest import event_entries, page_path, squeeze, timeline_pages


def status_text(element, event: dict) -> str:
    """What `element` says besides the event's title and summary, in lower case."""
    text = squeeze(element.get_text(" "))
    for own in (event["title"], event["summary"]):
        text = text.replace(squeeze(own), " ")
    return text.lower()


def own_page_lede(site, event: dict) -> str:
    """The event page above its first section, without the quoted paragraphs: what a reader sees first."""
    content = site.content(f"timeline/{event['id']}/")
    parts = []
    for element in content.h1.find_next_siblings():
        if element.name == "h2":
            break
        if element.name != "blockquote":
            parts.append(status_text(element, event))
    return " ".join(parts)


def test_the_fixture_events_do_not_say_expect_themselves(rich_site):
    """Guards the fixture: only the status can put the word on a page."""
    for event in rich_site.data["events"]:
        assert "expect" not in (event["title"] + event["summary"] + event["id"]).lower()
    assert {e["status"] for e in rich_site.data["events"]} == {"happened", "expected"}


@pytest.mark.parametrize("which", ["rich", "real"])
def test_an_expected_events_own_page_says_it_is_expected(which, rich_site, site, data):
    site_, events = (rich_site, rich_site.data["events"]) if which == "rich" else (site, data["events"])
    for event in events:
        if event["status"] == "expected":
            assert "expect" in own_page_lede(site_, event), event["id"]


def test_a_happened_events_own_page_does_not_say_expected(rich_site):
    for event in rich_site.data["events"]:
        if event["status"] == "happened":
            assert "expect" not in own_page_lede(rich_site, event), event["id"]


def listings(site, events: list[dict]):
    """Every (page, event, list item) where a page lists an event, over the whole site."""
    for file in site.html_files():
        page = page_path(site.root, file)
        if site.page(page).select_one("article.md-content__inner") is None:
            continue
        for event, item in event_entries(site, page, events):
            yield page, event, item


@pytest.mark.parametrize("which", ["rich", "real"])
def test_every_listing_of_an_expected_event_says_it_is_expected(which, rich_site, site, data):
    site_, events = (rich_site, rich_site.data["events"]) if which == "rich" else (site, data["events"])
    pages = set()
    for page, event, item in listings(site_, events):
        if event["status"] == "expected":
            assert "expect" in status_text(item, event), (page, event["id"])
            pages.add(page)
    involved = {a for e in events if e["status"] == "expected" for a in e["actors"]}
    assert {f"actors/{a}/" for a in involved} <= pages, "listed on its actors' pages"
    assert pages & set(timeline_pages(site_)), "listed on the timeline"


def test_no_listing_of_a_happened_event_says_expected(rich_site):
    for page, event, item in listings(rich_site, rich_site.data["events"]):
        if event["status"] == "happened":
            assert "expect" not in status_text(item, event), (page, event["id"])
