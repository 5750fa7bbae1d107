"""The article as a reader meets it in a browser: clean by default, annotated on request, and search
that finds a page where the page is about the words."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import expect

from conftest import ROOT

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def article_paths(data) -> list[str]:
    return [f"sources/{s['id']}/" for s in data["sources"]]


def names(data) -> dict[str, str]:
    """Every name and term the site links, read from the data: text → record."""
    found = {}
    for actor in data["actors"]:
        found[actor["name"]] = "actor:" + actor["id"]
        for alias in actor.get("aliases", []):
            if isinstance(alias, str) or alias.get("autolink", True):
                found[alias if isinstance(alias, str) else alias["name"]] = "actor:" + actor["id"]
    for term in data["glossary"]:
        for name in [term["term"], *[a if isinstance(a, str) else a["name"] for a in term.get("aliases", [])
                                      if isinstance(a, str) or a.get("autolink", True)]]:
            found[name] = "term:" + term["id"]
            if name[:1].islower():
                found.setdefault(name[:1].upper() + name[1:], "term:" + term["id"])
    return found


def named_in(text: str, table: dict[str, str]) -> set[str]:
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True)) + r")(?!\w)")
    return {table[m.group()] for m in pattern.finditer(text)}


def record_of(href: str) -> str:
    if "/glossary/#" in href:
        return "term:" + href.split("#")[1]
    return "actor:" + href.rstrip("/").split("/")[-1]


VISIBLE_LINKS = """() => [...document.querySelectorAll('.nkx-para a[href]:not(.nkx-pnum)')]
    .filter(a => a.checkVisibility() && a.getClientRects().length).map(a => a.href)"""

PARAGRAPHS = """() => [...document.querySelectorAll('.nkx-para')].map(p => ({
    id: p.id,
    text: [...p.childNodes].filter(n => !(n.classList && n.classList.contains('nkx-pnum'))).map(n => n.textContent).join('').trim(),
    linked: [...p.querySelectorAll('a.nkx-mention[href]')].filter(a => a.checkVisibility()).map(a => a.getAttribute('href')),
    waiting: p.querySelectorAll('a.nkx-mention:not([href])').length,
    marks: [...p.querySelectorAll('a.nkx-quote-mark')].filter(a => a.checkVisibility()).length,
    tinted: [...p.querySelectorAll('.nkx-quoted')].filter(s => getComputedStyle(s).backgroundColor !== 'rgba(0, 0, 0, 0)').length,
}))"""


def _open(context, url: str):
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return page


def test_the_article_reads_as_an_article_by_default(desktop, origin, data, seed_paragraphs):
    for path, source in zip(article_paths(data), data["sources"]):
        page = _open(desktop, origin + path)
        words = sum(len(p.split()) for p in seed_paragraphs[source["id"]])
        links = page.evaluate(VISIBLE_LINKS)
        assert 0 < len(links) <= words / 25, f"{len(links)} links in {words} words"
        assert len(links) == len(set(links)), "a name is linked at its first mention only"
        paragraphs = page.evaluate(PARAGRAPHS)
        assert sum(p["marks"] for p in paragraphs) == 0 and sum(p["tinted"] for p in paragraphs) == 0, "no quote marking"
        assert not page.locator("details.nkx-rests").first.is_visible(), "the per-paragraph lists are folded away"
        expect(page.get_by_role("switch", name="Show annotations")).not_to_be_checked()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "article-clean.png"))


def test_show_annotations_links_every_mention_marks_the_quotes_and_opens_the_lists(desktop, origin, data, seed_paragraphs):
    table = names(data)
    for path, source in zip(article_paths(data), data["sources"]):
        page = _open(desktop, origin + path)
        page.get_by_role("switch", name="Show annotations").check()
        paragraphs = page.evaluate(PARAGRAPHS)
        for number, (shown, text) in enumerate(zip(paragraphs, seed_paragraphs[source["id"]]), start=1):
            assert shown["waiting"] == 0, f"¶{number}: every mention has its link"
            assert {record_of(h) for h in shown["linked"]} == named_in(text, table), f"¶{number}"
            assert shown["tinted"] == shown["marks"], f"¶{number}: each quote tinted and marked"
        marked = set(page.eval_on_selector_all(".nkx-para a.nkx-quote-mark", "marks => marks.map(a => a.hash.slice(1))"))
        assert marked == {q["id"] for q in data["quotes"] if q["cites"][0].startswith(source["id"] + "#")}
        assert page.locator("details.nkx-rests").first.is_visible()
        assert page.locator("details.nkx-rests[open]").count() == page.locator("details.nkx-rests").count()
        page.screenshot(path=str(SCREENSHOTS / "article-annotated.png"))


def test_the_switch_works_by_keyboard_and_is_remembered(desktop, origin, data):
    path = article_paths(data)[0]
    page = _open(desktop, origin + path)
    switch = page.get_by_role("switch", name="Show annotations")
    expect(switch).to_have_accessible_description(re.compile(r"linked"))
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "nkx-annotations":
            break
    else:
        pytest.fail("Tab never reached the switch")
    page.keyboard.press("Space")
    expect(switch).to_be_checked()
    assert page.locator(".nkx-para a.nkx-mention:not([href])").count() == 0
    # Remembered on the next page that has it, and after a reload.
    page.goto(origin, wait_until="networkidle")
    page.goto(origin + article_paths(data)[-1], wait_until="networkidle")
    expect(page.get_by_role("switch", name="Show annotations")).to_be_checked()
    assert page.locator("details.nkx-rests[open]").count() > 0
    page.get_by_role("switch", name="Show annotations").focus()
    page.keyboard.press("Space")
    page.reload(wait_until="networkidle")
    expect(page.get_by_role("switch", name="Show annotations")).not_to_be_checked()
    assert page.locator(".nkx-para a.nkx-mention:not([href])").count() > 0


def test_without_javascript_the_article_reads_and_its_annotations_are_reachable(browser, origin, data):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = _open(context, origin + article_paths(data)[0])
        assert not page.locator(".nkx-switch").is_visible(), "a switch that cannot work is not shown"
        lists = page.locator("details.nkx-rests")
        assert lists.count() > 0 and lists.first.is_visible()
        lists.first.locator("summary").click()
        assert lists.first.locator("a[href]").first.is_visible(), "each list opens and leads on"
    finally:
        context.close()


def test_arriving_at_a_paragraph_marks_it(desktop, origin, data):
    page = _open(desktop, origin + article_paths(data)[0] + "#p3")
    colour = page.evaluate("getComputedStyle(document.getElementById('p3')).backgroundColor")
    other = page.evaluate("getComputedStyle(document.getElementById('p2')).backgroundColor")
    assert colour != other


def test_the_annotated_article_has_no_axe_violations(browser, origin, data):
    from axe_playwright_python.sync_playwright import Axe

    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, reduced_motion="reduce", viewport={"width": 1280, "height": 900})
        try:
            page = _open(context, origin + article_paths(data)[0])
            page.get_by_role("switch", name="Show annotations").check()
            violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
            assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        finally:
            context.close()


def most_listed_name(site, data) -> str:
    """The name that the most searchable sections of the site hold only in a navigation block, and
    fewest in their own text: the likeliest to find pages through backlink lists were they indexed."""
    from test_reading import _section_words

    candidates = [n for n in names(data) if len(n) > 3 and n[0].isupper() and " " not in n]
    only_listed = dict.fromkeys(candidates, 0)
    in_text = dict.fromkeys(candidates, 0)
    searchable = ", ".join(f"h{n}[id]:not([data-search-exclude])" for n in (1, 2, 3))
    for file in site.html_files():
        content = site.content(str(file.relative_to(site.root)))
        for heading in content.select(searchable) if content is not None else ():
            own, nav_only = _section_words(content, heading["id"])
            for name in candidates:
                only_listed[name] += name.lower() in nav_only
                in_text[name] += name.lower() in own
    return max(sorted(candidates), key=lambda n: (only_listed[n], -in_text[n]))


@pytest.mark.parametrize("query", ["Pyongyang", None])
def test_search_finds_no_page_only_through_a_navigation_block(desktop, origin, site, data, query):
    """Searching a name returns pages where the name is in the page's own text, not only in a backlink list."""
    from test_reading import _section_words

    query = query or most_listed_name(site, data)
    page = _open(desktop, origin)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    total = int(re.search(r"\d+", page.locator(".md-search-result__meta").inner_text()).group())
    # Material shows the first ten documents and adds more only as a reader scrolls; the test reads
    # those ten (tests/test_reading.py checks every entry of the whole index the same way).
    items = page.locator(".md-search-result__list > .md-search-result__item")
    for more in page.locator(".md-search-result__more summary").all():
        more.click()
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.getAttribute('href'))")
    documents = {urlparse(h)._replace(query="").geturl() for h in hrefs}
    loaded = items.count()
    assert loaded >= min(total, 10) and documents, (query, loaded, total, "the first results are all checked")
    word = query.lower().split()[0]
    for href in hrefs:
        url = urlparse(urljoin(origin, href))
        path, anchor = url.path.lstrip("/"), url.fragment
        location = f"{path}#{anchor}"
        content = site.content(path)
        if anchor:
            own, _ = _section_words(content, anchor)
        else:  # a page's own entry stands for its sections too
            own = set().union(*(_section_words(content, h.get("id"))[0] for h in content.select("h1[id], h2[id], h3[id]")))
        assert word in own, f"searching {query!r} finds {location}, which has it only in a navigation block"
