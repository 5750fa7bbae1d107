"""Accessibility in a real browser: axe-core on every page type in both colour schemes, and the keyboard.

axe-core runs with its default rule set (WCAG A/AA and best practices), none disabled: what Material
brings of its own is fixed in hooks/nkexplainer/theme/ and docs/stylesheets/theme-fixes.css.
Reports land in test-artifacts/axe/.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from statichost import PAGE_TYPES, serve

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "axe"
SCHEMES = {"light": "default", "dark": "slate"}
"""The reader's system preference, and the Material scheme the site then shows (its first palette follows the system)."""


@pytest.fixture(scope="module")
def host(built):
    with serve(built.site) as origin:
        yield origin


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _context(browser, scheme: str, **options):
    return browser.new_context(color_scheme=scheme, reduced_motion="reduce", **options)


def _open(context, url: str, scheme: str | None = None):
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    if scheme:
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == SCHEMES[scheme], f"the {scheme} preference shows Material's {SCHEMES[scheme]} scheme"
    return page


def _check(axe, page, name: str) -> None:
    results = axe.run(page, options={"resultTypes": ["violations"]})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    violations = results.response["violations"]
    (ARTIFACTS / f"{name}.json").write_text(json.dumps(violations, indent=1), encoding="utf-8")
    assert results.response["testEngine"]["name"] == "axe-core"
    summary = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in violations]
    assert violations == [], f"{name}: {len(violations)} axe violations\n" + "\n".join(summary)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_has_no_axe_violations(browser, host, axe, kind, scheme):
    context = _context(browser, scheme, viewport={"width": 1280, "height": 900})
    try:
        page = _open(context, host + PAGE_TYPES[kind], scheme)
        _check(axe, page, f"{kind}-{scheme}")
    finally:
        context.close()


def test_the_dark_scheme_chosen_with_the_toggle_has_no_axe_violations(browser, host, axe):
    """A reader on a light system who picks the dark scheme: Material's own palette, not the system's."""
    context = _context(browser, "light", viewport={"width": 1280, "height": 900})
    try:
        page = _open(context, host + "sources/evolving-relations/", "light")
        for _ in range(3):
            if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate":
                break
            page.locator("form[data-md-component=palette] label:visible").first.click()
        page.goto(host + "timeline/", wait_until="networkidle")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        _check(axe, page, "timeline-toggled-dark")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_results_have_no_axe_violations(browser, host, axe, scheme):
    context = _context(browser, scheme, viewport={"width": 1280, "height": 900})
    try:
        page = _open(context, host, scheme)
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("Pyongyang", delay=30)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        _check(axe, page, f"search-{scheme}")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_phone_menu_has_no_axe_violations(browser, host, axe, scheme):
    context = _context(browser, scheme, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = _open(context, host + "actors/north-korea/", scheme)
        page.locator("label.md-header__button[for=__drawer]").click()
        page.locator("nav.md-nav--primary").first.wait_for(state="visible")
        page.wait_for_timeout(300)
        _check(axe, page, f"phone-menu-{scheme}")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_glossary_tooltip_has_no_axe_violations(browser, host, axe, scheme):
    context = _context(browser, scheme, viewport={"width": 1280, "height": 900})
    try:
        page = _open(context, host + "sources/evolving-relations/", scheme)
        term = page.locator('#p2 a.nkx-term[data-href$="glossary/#detente"]').first
        term.hover()
        page.locator(".md-tooltip2").first.wait_for(state="visible", timeout=5_000)
        _check(axe, page, f"tooltip-{scheme}")
        # The tooltip is a copy for the eyes: screen readers get the definition as the link's description.
        description = page.locator(".md-tooltip2").first.inner_text().strip()
        assert len(description) > 20
        expect(term).to_have_accessible_description(description)
    finally:
        context.close()


def test_axe_reports_what_it_finds(browser, host, axe):
    """The check can fail: a page with a nameless image link and grey-on-grey text has violations."""
    context = _context(browser, "light")
    try:
        page = _open(context, host)
        page.evaluate("""() => {
            const p = document.createElement('p');
            p.innerHTML = '<a href="#"><img src="data:,"></a><span style="color:#ccc;background:#ddd">faint</span>';
            document.querySelector('article').append(p);
        }""")
        found = {v["id"] for v in axe.run(page).response["violations"]}
        assert {"image-alt", "color-contrast"} <= found, found
    finally:
        context.close()


# --- Keyboard ---------------------------------------------------------------------------------

REGIONS = ["[data-md-component=skip]", ".md-skip", ".md-header", ".md-tabs", ".md-sidebar--primary",
           ".md-sidebar--secondary", ".md-content", ".md-top", ".md-footer"]
"""Where a focused element sits, in reading order."""

_FOCUSABLE = ("a[href], button, input:not([type=hidden]), select, textarea, summary, "
              "[tabindex], label.md-nav__link[for]")

_SHOWN_AS = """
    // A control drawn as nothing (Material's palette radios) shows itself, and its focus, through
    // a visible label: its own, or the one that follows it.
    const shownAs = e => {
        if (e.getBoundingClientRect().width >= 2) return e;
        const visible = l => l && l.tagName === 'LABEL' && l.getClientRects().length && l.checkVisibility();
        return [...(e.labels || [])].find(visible) || (visible(e.nextElementSibling) ? e.nextElementSibling : e);
    };
"""

_SNAPSHOT = """(selector) => {
    // Every element a keyboard user should be able to reach: focusable, not taken out of the tab
    // order, shown. Each gets a number in document order; its resting colours are kept to compare.
    window.__nkx = [];
    document.querySelectorAll('*').forEach((e, i) => e.dataset.nkxOrder = i);
    SHOWN_AS
    const shown = e => e.checkVisibility({checkOpacity: false, checkVisibilityCSS: true})
        && e.getClientRects().length > 0;
    const radioInTabOrder = e => {
        // Tab enters a group of radio buttons once: at the checked one, or the first if none is.
        const group = [...document.querySelectorAll(`input[type=radio][name="${e.name}"]`)];
        const checked = group.find(r => r.checked);
        return e === (checked || group[0]);
    };
    const reachable = [];
    for (const e of document.querySelectorAll(selector)) {
        if (e.tabIndex < 0 || e.disabled || e.closest('[inert], [hidden]') || e.getClientRects().length === 0) continue;
        if (e.type === 'radio' && !radioInTabOrder(e)) continue;
        const target = shownAs(e);
        if (!shown(target)) continue;
        reachable.push([e.dataset.nkxOrder, e.outerHTML.slice(0, 100)]);
        const s = getComputedStyle(target);
        e.dataset.nkxRest = [s.backgroundColor, s.color, s.borderColor].join('|');
    }
    const positive = [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).map(e => e.outerHTML.slice(0, 80));
    return {reachable, positive};
}"""

_FOCUSED = """(regions) => {
    SHOWN_AS
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const target = shownAs(e);
    const s = getComputedStyle(target);
    const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
    const lum = ([r, g, b]) => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
                                 return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
    let behind = [255, 255, 255, 1];
    const layers = [];
    for (let n = target.parentElement; n; n = n.parentElement) {
        const c = parse(getComputedStyle(n).backgroundColor);
        if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    for (const c of layers.reverse()) behind = behind.map((v, i) => i < 3 ? v * (1 - c[3]) + c[i] * c[3] : 1);
    const ring = parse(s.outlineColor);
    const ringOver = behind.map((v, i) => i < 3 ? v * (1 - ring[3]) + ring[i] * ring[3] : 1);
    const [hi, lo] = [lum(ringOver), lum(behind)].sort((a, b) => b - a);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const changed = e.dataset.nkxRest !== undefined && e.dataset.nkxRest !== [s.backgroundColor, s.color, s.borderColor].join('|');
    const region = regions.findIndex(r => e.closest(r));
    return {
        order: e.dataset.nkxOrder, region, tag: e.tagName.toLowerCase(),
        text: (e.getAttribute('aria-label') || e.innerText || e.getAttribute('href') || e.id || '').trim().slice(0, 40),
        outline, contrast: outline ? (hi + 0.05) / (lo + 0.05) : 0,
        shadow: s.boxShadow !== 'none', changed,
    };
}"""

_SNAPSHOT = _SNAPSHOT.replace("SHOWN_AS", _SHOWN_AS)
_FOCUSED = _FOCUSED.replace("SHOWN_AS", _SHOWN_AS)

def _tab_through(page, limit: int = 1500) -> list[dict]:
    """Press Tab from the top of the page until focus leaves the page or comes back round."""
    focused = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(_FOCUSED, REGIONS)
        if info is None or (focused and info["order"] == focused[0]["order"]):
            return focused
        if not _visible_focus(info):
            page.wait_for_timeout(400)  # a focus style that comes with a transition or from the theme's script
            info = page.evaluate(_FOCUSED, REGIONS)
        focused.append(info)
    pytest.fail(f"Tab never left the page after {limit} presses")


def _visible_focus(info: dict) -> bool:
    """A focus ring of at least 3:1 against what is behind it (WCAG 1.4.11), a shadow, or a change of colours."""
    return (info["outline"] and info["contrast"] >= 3) or info["shadow"] or info["changed"]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_the_keyboard_reaches_every_link_and_control_in_reading_order_with_visible_focus(browser, host, kind, scheme):
    context = _context(browser, scheme, viewport={"width": 1280, "height": 900})
    try:
        page = _open(context, host + PAGE_TYPES[kind], scheme)
        snapshot = page.evaluate(_SNAPSHOT, _FOCUSABLE)
        assert snapshot["positive"] == [], "no positive tabindex reorders the page"
        focused = _tab_through(page)

        reached = {f["order"] for f in focused}
        missed = [html for order, html in snapshot["reachable"] if order not in reached]
        assert not missed, f"{len(missed)} visible links or controls are never reached by Tab: {missed[:5]}"

        orders = [int(f["order"]) for f in focused]
        assert orders == sorted(orders), "Tab follows the document's order"
        regions = [f["region"] for f in focused]
        assert regions == sorted(regions), f"Tab visits the page's parts in reading order: {regions}"
        assert focused[0]["text"] == "Skip to content", "the first Tab reaches the skip link"

        unseen = [f for f in focused if not _visible_focus(f)]
        assert unseen == [], f"focus is not visible on {[(u['tag'], u['text'], round(u['contrast'], 2)) for u in unseen][:8]}"
    finally:
        context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_the_skip_link_comes_first_and_moves_focus_to_the_content(browser, host, kind):
    context = _context(browser, "light", viewport={"width": 1280, "height": 900})
    try:
        page = _open(context, host + PAGE_TYPES[kind])
        page.keyboard.press("Tab")
        skip = page.evaluate("""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
            return {cls: e.className, text: e.innerText.trim(), href: e.getAttribute('href'),
                    onScreen: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight,
                    opacity: getComputedStyle(e).opacity}; }""")
        assert "md-skip" in skip["cls"] and skip["text"] == "Skip to content"
        assert skip["onScreen"] and float(skip["opacity"]) == 1, "the skip link shows when focused"
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash.length > 1")
        assert page.evaluate("location.hash") == skip["href"]
        target = page.evaluate("document.querySelector(location.hash).closest('article') !== null")
        assert target, "the skip link leads into the article"
        page.keyboard.press("Tab")
        inside = page.evaluate("document.activeElement.closest('article.md-content__inner') !== null")
        assert inside, "the next Tab lands inside the content, past header and navigation"
    finally:
        context.close()


def test_search_results_are_reached_with_the_arrow_keys_and_open_with_enter(browser, host):
    """Material's search keyboard model: Tab into the box, type, arrows through results, Enter opens one."""
    context = _context(browser, "light", viewport={"width": 1280, "height": 900})
    try:
        page = _open(context, host + "about/")
        for _ in range(8):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
                break
        else:
            pytest.fail("Tab never reached the search box")
        page.keyboard.type("Jang Song-thaek", delay=30)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        # The results of a partial query ("Jang S") may show first and be replaced when the whole query's
        # arrive, taking the focus with them; on a busy machine that is a race. Let the last query settle.
        page.wait_for_function("""() => {
            const meta = document.querySelector('.md-search-result__meta');
            const now = meta ? meta.textContent + document.querySelectorAll('.md-search-result__item').length : '';
            const settled = window.__nkxLast === now; window.__nkxLast = now; return settled && now !== '';
        }""", polling=400, timeout=15_000)
        page.keyboard.press("ArrowDown")
        page.wait_for_function("document.activeElement.classList.contains('md-search-result__link')")
        shown = page.evaluate("""() => {
            const a = document.activeElement, s = getComputedStyle(a);
            const other = [...document.querySelectorAll('.md-search-result__link')].find(x => x !== a);
            return {href: a.href, title: a.innerText,
                    marked: s.outlineStyle !== 'none' || s.backgroundColor !== getComputedStyle(other).backgroundColor};
        }""")
        assert shown["marked"], "the chosen result is marked"
        assert "Jang Song-thaek" in shown["title"]
        page.keyboard.press("Enter")
        page.wait_for_url(shown["href"])
    finally:
        context.close()
