"""The graphics as drawn by a real browser at 1280 px and 390 px: no overlaps, legible labels, a true time axis,
screenshots in light and dark; and the print layout."""

from __future__ import annotations

import datetime as dt

import pytest

from test_browser import SCREENSHOTS

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 390}

MEASURE = """(selector) => {
  const found = [];
  for (const svg of document.querySelectorAll(selector + ' svg')) {
    if (!svg.checkVisibility()) continue;
    const frame = svg.getBoundingClientRect();
    const scale = frame.width / svg.viewBox.baseVal.width;
    const owners = new Map();
    const owner = (el) => { const a = el.closest('a, .nkx-own'); if (!a) return -1; if (!owners.has(a)) owners.set(a, owners.size); return owners.get(a); };
    const box = (el) => { const b = el.getBoundingClientRect(); return {x: b.left, y: b.top, w: b.width, h: b.height}; };
    found.push({
      frame: box(svg), scale,
      texts: [...svg.querySelectorAll('text')].map(t => ({...box(t), owner: owner(t), text: t.textContent,
        size: parseFloat(getComputedStyle(t).fontSize) * scale})),
      nodes: [...svg.querySelectorAll('.nkx-node')].map(n => ({...box(n), owner: owner(n)})),
    });
  }
  return found;
}"""


def overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (a["x"] + slack < b["x"] + b["w"] and b["x"] + slack < a["x"] + a["w"]
            and a["y"] + slack < b["y"] + b["h"] and b["y"] + slack < a["y"] + a["h"])


def check_drawing(drawing: dict, where: str, width: int | None = None) -> None:
    texts, nodes = drawing["texts"], drawing["nodes"]
    for text in texts:
        assert text["size"] >= 12, f"{where}: “{text['text']}” drawn at {text['size']:.1f} px"
    for n, one in enumerate(texts):
        for other in texts[n + 1:]:
            assert not overlap(one, other), f"{where}: “{one['text']}” overlaps “{other['text']}”"
        for node in nodes:
            if node["owner"] != one["owner"] or one["owner"] == -1:  # a name inside its own node is fine
                assert not overlap(one, node), f"{where}: “{one['text']}” overlaps a node"
    if width:
        for item in nodes + texts:
            assert item["x"] >= -0.5 and item["x"] + item["w"] <= width + 0.5, f"{where}: something drawn off-screen"


def map_pages(site) -> list[str]:
    pages = ["actors/"]
    for folder in sorted(p for p in (site.root / "actors").iterdir() if p.is_dir()):
        if site.content(f"actors/{folder.name}/").select_one("figure.nkx-actor-map"):
            pages.append(f"actors/{folder.name}/")
    return pages


@pytest.mark.parametrize("device", WIDTHS)
def test_maps_have_no_overlaps_and_legible_labels(request, site, origin, device):
    """Who's who and every actor's map: zero overlaps between labels or a label and a node, every label at least
    12 px; on a phone every node on screen, or the map replaced by its list, said in words."""
    context = request.getfixturevalue(device)
    page = context.new_page()
    width = WIDTHS[device]
    for path in map_pages(site):
        page.goto(origin + path)
        drawings = page.evaluate(MEASURE, "figure.nkx-map-graphic")
        figure = page.locator("figure.nkx-map-graphic").first
        if path == "actors/" and not drawings:
            assert device == "phone", "the whole map is drawn where it fits"
            assert page.locator("figure.nkx-network-map .nkx-instead").is_visible()
            assert page.locator("#who-relates-to-whom").is_visible()
            assert page.locator("#who-relates-to-whom + ul li").count() >= 1
            continue
        assert len(drawings) == 1, f"{path}: one drawing shown at a time"
        check_drawing(drawings[0], f"{path} at {width} px", width)
        assert figure.locator("a").count() >= 1
    page.close()


@pytest.mark.two_sources
@pytest.mark.parametrize("device", WIDTHS)
def test_the_timeline_is_a_true_time_axis_as_drawn(request, origin, device):
    """As rendered: years equally tall, each mark at its date within 3 px, later dates lower, labels clear of each
    other and at least 12 px."""
    page = request.getfixturevalue(device).new_page()
    page.goto(origin + "timeline/")
    drawings = page.evaluate(MEASURE, "figure.nkx-timeline-graphic")
    assert len(drawings) == 1
    check_drawing(drawings[0], f"timeline at {WIDTHS[device]} px", WIDTHS[device])
    axis = page.evaluate("""() => {
      const svg = [...document.querySelectorAll('figure.nkx-timeline-graphic svg')].find(s => s.checkVisibility());
      const centre = (el) => { const b = el.getBoundingClientRect(); return b.top + b.height / 2; };
      return {
        years: [...svg.querySelectorAll('.nkx-year-rule')].map(r => [+r.dataset.year, r.getBoundingClientRect().top]),
        marks: [...svg.querySelectorAll('a.nkx-event')].map(a => {
          const m = a.querySelector('.nkx-mark'); const b = m.getBoundingClientRect();
          const apex = m.classList.contains('nkx-mark-warming') ? 1 : m.classList.contains('nkx-mark-cooling') ? -1 : 0;
          return [a.dataset.at, b.top + b.height / 2 + apex * b.height * 0.05]; }),
      };
    }""")
    years = sorted(axis["years"])
    steps = [b[1] - a[1] for a, b in zip(years, years[1:])]
    if steps:
        assert max(steps) - min(steps) < 2, f"every year equally tall: {steps}"
        per_day = steps[0] / 365.25 if len(steps) == 1 else (years[-1][1] - years[0][1]) / (
            dt.date(years[-1][0], 1, 1).toordinal() - dt.date(years[0][0], 1, 1).toordinal())
        origin_day = dt.date(years[0][0], 1, 1).toordinal()
        for at, y in axis["marks"]:
            expected = years[0][1] + (dt.date.fromisoformat(at).toordinal() - origin_day) * per_day
            assert abs(y - expected) < 3, f"the mark for {at} is {y - expected:.1f} px off its date"
    marks = sorted(axis["marks"])
    assert all(b[1] >= a[1] - 0.5 for a, b in zip(marks, marks[1:])), "later dates lower down"
    page.close()


def test_every_relation_is_reachable_by_keyboard(desktop, origin):
    page = desktop.new_page()
    page.goto(origin + "actors/china/")
    reached = set()
    for _ in range(120):
        page.keyboard.press("Tab")
        kind = page.evaluate("() => { const a = document.activeElement; return a && a.closest('.nkx-map-graphic') ? "
                             "a.classList[0] : null; }")
        if kind:
            reached.add(kind)
        if {"nkx-relation", "nkx-actor"} <= reached:
            break
    assert {"nkx-relation", "nkx-actor"} <= reached, "relation phrases and actors take the keyboard's focus"
    page.goto(origin + "actors/")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('nkx-pair')"):
            break
    else:
        pytest.fail("the whole map's lines take the keyboard's focus")
    target = page.evaluate("() => document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash.length > 1")
    assert page.evaluate("() => location.hash") == target and page.locator(target).count() == 1
    page.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("device", WIDTHS)
@pytest.mark.parametrize("page_path, name", [
    ("timeline/", "timeline-graphic"), ("actors/", "relationship-map"), ("actors/china/", "actor-map"),
])
def test_graphics_are_legible_in_light_and_dark(request, origin, scheme, device, page_path, name):
    page = request.getfixturevalue(device).new_page()
    page.goto(origin + page_path)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    figure = page.locator("figure.nkx-graphic").first
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    figure.screenshot(path=str(SCREENSHOTS / f"{name}-{WIDTHS[device]}-{scheme}.png"))
    colours = page.evaluate("""() => {
        const t = [...document.querySelectorAll('figure.nkx-graphic svg text')].find(t => t.checkVisibility());
        return t ? [getComputedStyle(t).fill, getComputedStyle(document.body).backgroundColor] : null;
    }""")
    if colours:  # text and page background differ in both schemes: the SVG follows the theme's colours
        assert colours[0] != colours[1]
    page.close()


@pytest.mark.two_sources
@pytest.mark.parametrize("page_path", ["actors/china/", "timeline/", "sources/evolving-relations/"])
def test_pages_print_without_navigation_and_with_links_as_citations(desktop, origin, page_path):
    page = desktop.new_page()
    page.goto(origin + page_path)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-tabs"):
        if page.locator(chrome).count():
            assert not page.locator(chrome).first.is_visible(), chrome
    citation = page.evaluate("""() => {
        const a = [...document.querySelectorAll('article a[href]:not(.headerlink)')].find(a => !a.closest('svg') && /¶[0-9]/.test(a.textContent));
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
    if page.locator("figure.nkx-graphic svg").count():
        assert page.locator("figure.nkx-graphic svg").first.evaluate("s => s.closest('figure').checkVisibility()")
    page.pdf(path=str(SCREENSHOTS / f"print-{page_path.strip('/').replace('/', '-')}.pdf"))
