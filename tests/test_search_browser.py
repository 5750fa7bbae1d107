"""Search as a reader meets it in a browser: Material's box over Pagefind's chunked index. Nothing of the
index loads before a search; a name finds its page first, on a phone too; another name of an actor finds
the actor; the page opened from a result highlights the words searched."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

import searchindex
from conftest import ROOT
from statichost import PAGE_TYPES

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-artifacts" / "screenshots"


def _search(page, query: str) -> None:
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)


def _titles(page) -> list[str]:
    return page.locator(".md-search-result__list > .md-search-result__item .md-search-result__article h1").all_inner_texts()


def test_no_page_view_before_a_search_requests_anything_that_grows_with_the_index(browser, origin):
    """Every page type, loaded and left alone, fetches nothing of the index (pagefind/); the search box's
    settings file it does fetch lists no documents. The recording sees the index load once a reader searches."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    context.on("request", lambda request: requested.append(urlparse(request.url).path))
    try:
        page = context.new_page()
        for kind, path in PAGE_TYPES.items():
            requested.clear()
            page.goto(origin + path, wait_until="networkidle")
            index = [p for p in requested if "/pagefind/" in p]
            assert index == [], f"{kind} fetched {index} before any search"
            assert "/search/search_index.json" in requested, f"{kind}: the recording sees the search box's requests"
        settings = json.loads(context.request.get(origin + "search/search_index.json").text())
        assert settings["docs"] == []
        requested.clear()
        page.locator("input.md-search__input").click()
        _search(page, "a")
    finally:
        context.close()
    assert any(p.endswith("/pagefind/pagefind.js") for p in requested) and any("/pagefind/fragment/" in p for p in requested)


def _longest_name(data) -> tuple[str, str]:
    """The actor with the longest name (the most words a reader may type), and its page."""
    actor = max(data["actors"], key=lambda a: (len(a["name"]), a["id"]))
    return actor["name"], f"actors/{actor['id']}/"


def test_searching_a_name_on_a_phone_shows_its_page_first(phone, origin, data):
    """On a phone, Material's search icon opens the search over the whole screen; an actor's name, typed,
    lists the actor's page first, and choosing it opens the page."""
    name, path = _longest_name(data)
    page = phone.new_page()
    page.goto(origin + PAGE_TYPES["event"])
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator(".md-search__inner")
    page.locator("input.md-search__input").wait_for(state="visible")
    assert box.bounding_box()["width"] >= 389, "the search fills the phone's screen"
    _search(page, name)
    assert _titles(page)[0] == name, _titles(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone-search.png"))
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url(f"**/{path}**")
    assert page.locator("article h1").first.inner_text().startswith(name)


def _rarest_alias(site, data) -> tuple[str, dict]:
    """The other name of an actor that the fewest pages hold (then the longest): the one whose search
    depends most on the actor's other names being indexed."""
    texts = [f["content"].lower() for f in searchindex.fragments(site.root)]
    names = {a["name"].lower() for a in data["actors"]}
    candidates = [(alias, actor) for actor in data["actors"] for alias in searchindex.alias_names(actor)
                  if alias.lower() not in names and len(alias) > 3]
    assert candidates, "the data has actors with other names"
    return min(candidates, key=lambda c: (sum(c[0].lower() in t for t in texts), -len(c[0]), c[0]))


def test_an_actors_other_name_finds_the_actor_first(desktop, origin, site, data):
    alias, actor = _rarest_alias(site, data)
    page = desktop.new_page()
    page.goto(origin + PAGE_TYPES["article"])
    page.locator("input.md-search__input").click()
    _search(page, alias)
    assert _titles(page)[0] == actor["name"], (alias, _titles(page))


def test_the_page_opened_from_a_result_highlights_the_words_searched(desktop, origin, data):
    """Enter opens the best result; the words searched are marked on that page (Material's ?h= highlighting)."""
    name, path = _longest_name(data)
    word = max(name.split(), key=len)
    page = desktop.new_page()
    page.goto(origin)
    page.locator("input.md-search__input").click()
    _search(page, word)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert parse_qs(urlparse(page.url).query).get("h") == [word], page.url
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for(timeout=5_000)
    assert all(m.lower() == word.lower() for m in marks.all_inner_texts()[:20]), marks.all_inner_texts()[:20]


def test_search_from_the_404_page_at_any_depth(desktop, origin):
    page = desktop.new_page()
    response = page.goto(origin + "no/such/page/here/")
    assert response.status == 404
    page.locator("input.md-search__input").click()
    _search(page, "China")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state()
    assert page.locator("article h1").count() and "Page not found" not in page.title()


def test_the_keyboard_opens_searches_and_closes_the_search(desktop, origin, data):
    """Material's keys: / focuses the search box from anywhere on a page, the arrows reach the results,
    Escape closes the search."""
    name, _ = _longest_name(data)
    page = desktop.new_page()
    page.goto(origin + PAGE_TYPES["glossary"])
    page.locator("body").press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type(name, delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.keyboard.press("ArrowDown")
    page.wait_for_function("document.activeElement.classList.contains('md-search-result__link')")
    assert name in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    assert not page.locator(".md-search-result__list").is_visible()


def test_a_page_is_one_result_its_sections_below_it(desktop, origin, site, data):
    """Each result is a page, listed once, with its matching sections folded under it: never its title again."""
    name, _ = _longest_name(data)
    page = desktop.new_page()
    page.goto(origin)
    page.locator("input.md-search__input").click()
    _search(page, name)
    links = lambda selector: [urlparse(h) for h in page.eval_on_selector_all(selector, "as => as.map(a => a.href)")]
    pages = links(".md-search-result__list > .md-search-result__item > a.md-search-result__link")
    assert len({p.path for p in pages}) == len(pages) and not any(p.fragment for p in pages), pages
    sections = links(".md-search-result__more a.md-search-result__link")
    assert sections, "the results have sections"
    for section in sections:
        title = site.content(section.path.lstrip("/")).select_one("h1[id]")
        assert section.fragment and section.fragment != (title or {}).get("id"), section
