"""The graphics and print layout in a real browser: screenshots in light and dark, legible on a phone, clean on paper."""

from __future__ import annotations

import pytest

from test_browser import SCREENSHOTS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("page_path, selector, name", [
    ("timeline/", "figure.nkx-timeline-graphic", "timeline-graphic"),
    ("actors/", "figure.nkx-map-graphic", "relationship-map"),
])
def test_graphics_are_legible_in_light_and_dark(desktop, origin, scheme, page_path, selector, name):
    page = desktop.new_page()
    page.goto(origin + page_path)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    figure = page.locator(selector)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    figure.screenshot(path=str(SCREENSHOTS / f"{name}-{scheme}.png"))
    # Text and page background must differ clearly in both schemes (the SVG follows the theme's colours).
    text, background = page.evaluate(f"""() => {{
        const t = document.querySelector('{selector} svg text');
        return [getComputedStyle(t).fill, getComputedStyle(document.body).backgroundColor];
    }}""")
    assert text != background
    assert figure.locator("a").count() > 10


def test_the_timeline_graphic_fits_a_phone(phone, origin):
    page = phone.new_page()
    page.goto(origin + "timeline/")
    box = page.locator("figure.nkx-timeline-graphic svg").bounding_box()
    assert box["width"] <= 390
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.nkx-what')).fontSize)")
    scale = box["width"] / 420
    assert size * scale >= 11, "event titles stay at least 11 px tall on a 390 px screen"
    page.locator("figure.nkx-timeline-graphic").screenshot(path=str(SCREENSHOTS / "timeline-graphic-phone.png"))


@pytest.mark.parametrize("page_path", ["actors/china/", "timeline/", "sources/evolving-relations/"])
def test_pages_print_without_navigation_and_with_links_as_citations(desktop, origin, page_path):
    page = desktop.new_page()
    page.goto(origin + page_path)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-tabs"):
        if page.locator(chrome).count():
            assert not page.locator(chrome).first.is_visible(), chrome
    citation = page.evaluate("""() => {
        const a = [...document.querySelectorAll('article a[href]:not(.headerlink)')].find(a => a.textContent.startsWith('¶'));
        return a ? getComputedStyle(a, '::after').content : null;
    }""")
    if page_path.startswith("sources/"):
        citation = page.evaluate("""() => getComputedStyle(
            document.querySelector('.nkx-rests a[href]'), '::after').content""")
    assert citation and "[" in citation and "]" in citation
    mention = page.evaluate("""() => {
        const a = document.querySelector('article a.nkx-mention');
        return getComputedStyle(a, '::after').content;
    }""")
    assert mention in ("none", "normal"), "mentions print as plain words"
    page.pdf(path=str(SCREENSHOTS / f"print-{page_path.strip('/').replace('/', '-')}.pdf"))
