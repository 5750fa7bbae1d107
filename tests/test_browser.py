"""The built site in a real browser, as readers meet it on desktop and phone."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest

from conftest import ROOT
from statichost import PAGE_TYPES

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_each_page_type_loads_only_from_its_own_origin(browser, origin, kind):
    """Every request of the page, its workers and its scripts, while a reader loads it, searches,
    hovers a term and switches the colour scheme: all to the site's own origin (data: and blob: URLs
    are not requests to anyone)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requested, sockets = [], []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        page.on("websocket", lambda socket: sockets.append(socket.url))
        page.goto(origin + PAGE_TYPES[kind], wait_until="networkidle")
        term = page.locator("article a.nkx-term")
        if term.count():
            term.first.hover()
            page.locator(".md-tooltip2").first.wait_for(state="visible", timeout=5_000)
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("Kim", delay=30)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        page.keyboard.press("Escape")
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_load_state("networkidle")
        shot(page, f"desktop-{kind}")
    finally:
        context.close()
    own = urlparse(origin)
    outside = [url for url in requested + sockets
               if urlparse(url).scheme not in ("data", "blob")
               and (urlparse(url).scheme, urlparse(url).netloc) != (own.scheme, own.netloc)]
    ARTIFACTS = ROOT / "test-artifacts" / "requests"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{kind}.json").write_text(json.dumps({"requests": requested, "outside": outside}, indent=1))
    assert outside == [], f"{kind} asked other hosts for {outside}"
    assert any(url.endswith(".css") for url in requested) and any(url.endswith(".js") for url in requested), \
        "the recording works (the page loads its own CSS and JS)"
    assert any("/pagefind/" in url for url in requested), "the recording sees the search worker's requests"


def test_the_request_recording_sees_a_request_to_another_host(browser, origin):
    """The privacy check can fail: a script's fetch to another host, from a worker too, is recorded."""
    context = browser.new_context()
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        page.goto(origin, wait_until="networkidle")
        page.evaluate("""() => {
            new Image().src = 'http://tracker.invalid/pixel.gif';
            const code = "fetch('http://worker.invalid/beacon').catch(() => {})";
            new Worker(URL.createObjectURL(new Blob([code], {type: 'text/javascript'})));
        }""")
        page.wait_for_timeout(1_000)
    finally:
        context.close()
    hosts = {urlparse(url).netloc for url in requested}
    assert {"tracker.invalid", "worker.invalid"} <= hosts, hosts


@pytest.mark.two_sources
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_page_scrolls_sideways_on_a_phone(phone, origin, kind):
    page = phone.new_page()
    page.goto(origin + PAGE_TYPES[kind])
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{kind} is {overflow}px wider than the phone"
    shot(page, f"phone-{kind}")


def sources_tab(data) -> tuple[str, str]:
    """The sources' tab and the heading of the page it opens: the one article, or the Sources page."""
    if len(data["sources"]) == 1:
        return "The article", data["sources"][0]["title"]
    return "Sources", "Sources"


@pytest.mark.two_sources
def test_phone_navigation_opens_and_leads_to_every_section(phone, origin, data):
    page = phone.new_page()
    page.goto(origin)
    page.locator("label.md-header__button[for=__drawer]").click()
    drawer = page.locator("nav.md-nav--primary")
    for label in ("Who's who", "Timeline", "Key quotes", "Glossary", sources_tab(data)[0]):
        assert drawer.get_by_text(label, exact=True).first.is_visible(), label
    drawer.get_by_role("link", name="Key quotes").click()
    page.wait_for_url("**/quotes/")
    assert page.locator("h1").first.inner_text().startswith("Key quotes")


@pytest.mark.two_sources
@pytest.mark.parametrize("label, heading", [
    ("Who's who", "Who's who"), ("Timeline", "Timeline"), ("Key quotes", "Key quotes"),
    ("Glossary", "Glossary"), ("sources", None),
])
def test_every_page_type_opens_from_the_navigation(desktop, origin, data, label, heading):
    if label == "sources":
        label, heading = sources_tab(data)
    page = desktop.new_page()
    page.goto(origin)
    page.locator("nav.md-tabs").get_by_role("link", name=label, exact=True).click()
    page.wait_for_load_state()
    assert page.locator("article h1").first.inner_text().startswith(heading)


def test_actor_and_event_pages_open_from_the_navigation(desktop, origin):
    page = desktop.new_page()
    page.goto(origin + "actors/")
    nav = page.locator("nav.md-nav--primary")
    nav.get_by_text("People", exact=True).first.click()
    nav.get_by_role("link", name="Xi Jinping", exact=True).click()
    page.wait_for_url("**/actors/xi-jinping/")
    page.goto(origin + "timeline/")
    nav = page.locator("nav.md-nav--primary")
    nav.get_by_text("2013", exact=True).first.click()
    page.wait_for_url("**/timeline/xi-becomes-general-secretary/")  # a year opens at its first event
    # An event page offers its neighbours once, in the footer (no sidebar): it walks on through the year.
    for _ in range(4):
        if page.url.endswith("/timeline/jang-song-thaek-executed/"):
            break
        page.locator(".md-footer__link--next").click()
        page.wait_for_load_state()
    assert page.url.endswith("/timeline/jang-song-thaek-executed/")


@pytest.mark.parametrize("query, expected", [
    ("Jang Song-thaek", "Jang Song-thaek"),
    ("Pyongyang", "North Korea"),
    ("DPRK", "North Korea"),
    ("CSIS", "Center for Strategic and International Studies"),
])
def test_search_finds_actors_by_name_and_alias(desktop, origin, query, expected):
    page = desktop.new_page()
    page.goto(origin)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    titles = page.locator(".md-search-result__article h1").all_inner_texts()
    # A page titled with the very words typed may come first (a source "… Beijing and Pyongyang"); the actor
    # comes before every other page.
    ranked = [t for t in titles if t == expected or query.lower() not in t.lower()]
    assert ranked and ranked[0] == expected, titles


def test_term_tooltips_appear_on_hover_and_the_term_links_to_the_glossary(desktop, origin):
    page = desktop.new_page()
    page.goto(origin + "sources/evolving-relations/")
    term = page.locator('#p2 a.nkx-term[data-href$="glossary/#detente"]').first
    term.hover()
    tooltip = page.locator(".md-tooltip2")
    tooltip.first.wait_for(state="visible", timeout=5_000)
    assert "hostility" in tooltip.first.inner_text().lower() or "tension" in tooltip.first.inner_text().lower()
    shot(page, "desktop-tooltip")
    page.get_by_role("switch", name="Show annotations").check()  # the clean view shows the definition; annotated, the term leads on
    term.click()
    page.wait_for_url("**/glossary/#detente")


def test_the_colour_scheme_toggle_works_and_persists(desktop, origin):
    page = desktop.new_page()
    page.goto(origin)
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    first = scheme()
    seen = {first}
    for _ in range(2):
        page.locator("form[data-md-component=palette] label:visible").first.click()
        seen.add(scheme())
    assert {"default", "slate"} <= seen
    chosen = scheme()
    page.goto(origin + "glossary/")
    assert scheme() == chosen, "the choice is remembered on the next page"
    shot(page, f"desktop-glossary-{chosen}")
