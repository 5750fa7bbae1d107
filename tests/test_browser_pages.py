"""The pages of issue #10 items 4–8 in a real browser, at the sizes readers use: what they see, measured."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _px(page, selector: str, prop: str = "fontSize") -> float:
    return float(page.locator(selector).first.evaluate(f"e => getComputedStyle(e).{prop}").removesuffix("px"))


@pytest.mark.parametrize("path", ["quotes/", ""])
def test_key_direct_quotes_render_larger_than_body_text(desktop, origin, path):
    page = desktop.new_page()
    page.goto(origin + path)
    quoted = _px(page, "figure.nkx-pull blockquote p")
    body = _px(page, "article.md-typeset")  # the body text size every paragraph inherits
    assert quoted > body * 1.2, (quoted, body)


def test_other_quotes_are_not_larger_than_key_quotes(desktop, origin):
    page = desktop.new_page()
    page.goto(origin + "quotes/")
    key = _px(page, "figure.nkx-pull blockquote p")
    for selector in ("figure.nkx-quote:not(.nkx-pull) blockquote p", ".nkx-reported-text", ".nkx-phrase, li[id] strong"):
        if page.locator(selector).count():
            assert _px(page, selector) < key, selector


def test_a_glossary_tooltip_names_its_term_in_readable_text(desktop, origin, data):
    page = desktop.new_page()
    page.goto(origin + "quotes/")
    link = page.locator('article a.nkx-term[title]').first
    href = link.get_attribute("href")
    term = next(t for t in data["glossary"] if href.endswith("#" + t["id"]))
    link.hover()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().startswith(term["term"])
    assert float(tooltip.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 14
    assert int(tooltip.evaluate("e => getComputedStyle(e).fontWeight")) < 600


def test_the_site_title_fits_a_phone_header(phone, origin):
    page = phone.new_page()
    page.goto(origin)
    title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1")
    box, header = title.bounding_box(), page.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]


def test_the_home_page_orients_on_the_first_phone_screen(phone, origin):
    """The argument, the date of the analysis and where to start, without scrolling."""
    page = phone.new_page()
    page.goto(origin)
    fold = page.viewport_size["height"]
    for selector in ("h1.nkx-headline", ".nkx-lede", "nav.nkx-start a >> nth=-1"):
        box = page.locator(selector).first.bounding_box()
        assert box["y"] + box["height"] <= fold, selector


def test_the_articles_first_paragraph_shows_on_the_first_phone_screen(phone, origin, data):
    page = phone.new_page()
    page.goto(origin + f"sources/{data['sources'][0]['id']}/")
    box = page.locator("#p1").bounding_box()
    assert box["y"] < page.viewport_size["height"], "the 'About this text' box fills the first screen"
