"""The timeline graphic and the relationship maps, read from the built HTML: linked, labelled, accessible,
on a true time axis, and consistent with the data whatever it holds."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pytest

SHAPES = {"warming": "nkx-mark-warming", "cooling": "nkx-mark-cooling", "neutral": "nkx-mark-neutral", None: "nkx-mark-unstated"}


def resolves(site, page: str, href: str) -> bool:
    path, _, anchor = href.partition("#")
    target = (site.root / page / path).resolve()
    if not (target / "index.html").exists():
        return False
    if anchor:
        relative = target.relative_to(site.root.resolve()).as_posix()
        return site.page(f"{relative}/" if relative != "." else "").find(id=anchor) is not None
    return True


def variants(figure):
    """The wide and the narrow drawing of a graphic."""
    svgs = figure.select(".nkx-wide svg, .nkx-narrow svg")
    assert svgs, "a graphic is drawn for a wide and a narrow column"
    return svgs


def day(text: str) -> float:
    return float(dt.date.fromisoformat(text).toordinal())


def period(date: str) -> tuple[float, float]:
    """The days a data date names: [first, day after last), read from the YAML independently of the hooks."""
    parts = [int(p) for p in str(date).split("-")]
    if len(parts) == 3:
        start = dt.date(*parts).toordinal()
        return start, start + 1
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, 1).toordinal(), dt.date(year, month, calendar.monthrange(year, month)[1]).toordinal() + 1
    return dt.date(parts[0], 1, 1).toordinal(), dt.date(parts[0] + 1, 1, 1).toordinal()


# -- timeline -----------------------------------------------------------------------------------

def test_the_timeline_graphic_links_every_event_marked_by_its_effect(site, data):
    figure = site.content("timeline/").select_one("figure.nkx-timeline-graphic")
    for svg in variants(figure):
        assert svg.title.get_text().startswith("Timeline of ")
        assert svg["aria-labelledby"] == svg.title["id"] and svg["aria-describedby"] == svg.desc["id"]
        links = {a["href"]: a for a in svg.select("a.nkx-event")}
        assert set(links) == {f"{e['id']}/" for e in data["events"]}
        for event in data["events"]:
            link = links[f"{event['id']}/"]
            assert resolves(site, "timeline/", link["href"])
            mark = link.select_one(".nkx-mark")
            assert SHAPES[event.get("effect")] in mark["class"]
            assert ("nkx-mark-expected" in mark["class"]) == (event["status"] == "expected"), event["id"]
            assert " ".join(event["title"].split()[:2]) in link.get_text(" ")


def test_every_year_of_the_span_is_on_the_axis_equally_spaced(site, data):
    years = sorted({int(str(e["date"])[:4]) for e in data["events"]})
    for svg in variants(site.content("timeline/").select_one("figure.nkx-timeline-graphic")):
        rules = {int(r["data-year"]): float(r["y1"]) for r in svg.select(".nkx-year-rule")}
        assert set(range(years[0], years[-1] + 1)) <= set(rules), "every year of the span, empty ones too"
        ys = [rules[y] for y in sorted(rules)]
        steps = [b - a for a, b in zip(ys, ys[1:])]
        assert max(steps) - min(steps) < 1.5, f"a year takes the same height every year: {steps}"


def _axis(svg):
    """Day → y in the SVG's own units, from its year rules (which the previous test proves evenly spaced)."""
    rules = sorted((int(r["data-year"]), float(r["y1"])) for r in svg.select(".nkx-year-rule"))
    (y0, top), (y1, bottom) = rules[0], rules[-1]
    per_day = (bottom - top) / (dt.date(y1, 1, 1).toordinal() - dt.date(y0, 1, 1).toordinal()) if y1 > y0 else None
    return lambda t: top + (t - dt.date(y0, 1, 1).toordinal()) * per_day


def test_marks_stand_at_their_dates_in_proportion_and_within_what_the_data_says(site, data):
    """Each mark at its day on a linear axis; that day within the event's date as the data gives it
    (a bound for before/after, a wider span for about); happened events above the article's date line,
    expected ones below it."""
    records = {e["id"]: e for e in data["events"]}
    for svg in variants(site.content("timeline/").select_one("figure.nkx-timeline-graphic")):
        y = _axis(svg)
        vantage = svg.select_one("line.nkx-vantage:not(.nkx-legend-row line)")
        vantage_y = float(vantage["y1"]) if vantage and vantage.find_parent(class_="nkx-legend-row") is None else None
        placed = []
        for link in svg.select("a.nkx-event"):
            event = records[link["href"].rstrip("/")]
            at = day(link["data-at"])
            mark = link.select_one(".nkx-mark")
            mark_y = float(mark.get("cy") or re.match(r"M[\d.]+ ([\d.]+)", mark["d"]).group(1))
            if mark.name == "path":  # triangles: the path starts at the apex, 7 px from the centre
                mark_y += 7 if "nkx-mark-warming" in mark["class"] else -7
            assert abs(mark_y - y(at)) < 1.5, f"{event['id']}: mark at {mark_y}, its date at {y(at)}"
            start, end = period(event["date"])
            reach = {3: 30, 2: 91, 1: 365}[len(str(event["date"]).split("-"))]
            qualifier = event.get("qualifier")
            low, high = {None: (start, end), "about": (start - reach / 2, end + reach / 2),
                         "before": (start - reach, start), "by": (start - reach, start),
                         "after": (end, end + reach), "since": (end, end + reach)}[qualifier]
            assert low - 0.5 <= at <= high + 0.5, f"{event['id']}: drawn at {link['data-at']}, outside its date {event['date']}"
            span = link.select_one(".nkx-span")
            if span is not None:
                assert abs(float(span["y1"]) - y(day(span["data-from"]))) < 1.5
                assert abs(float(span["y2"]) - y(day(span["data-to"]))) < 1.5 or float(span["y2"]) - float(span["y1"]) <= 0.6
                assert span["data-from"] <= link["data-at"] <= span["data-to"]
            else:
                assert len(str(event["date"]).split("-")) == 3 and not qualifier, f"{event['id']}: only a day is a point"
            if vantage_y is not None:
                assert (mark_y >= vantage_y - 0.5) if event["status"] == "expected" else (mark_y <= vantage_y + 0.5), event["id"]
            placed.append((at, mark_y))
        placed.sort()
        assert all(b[1] >= a[1] - 0.01 for a, b in zip(placed, placed[1:])), "later dates lower down"


def test_the_legend_lists_exactly_the_marks_drawn_in_the_words_of_the_lists(site):
    content = site.content("timeline/")
    list_words = {span.get_text() for span in content.select(".nkx-event-meta .nkx-effect")}
    for svg in variants(content.select_one("figure.nkx-timeline-graphic")):
        legend = {item["data-key"]: item.get_text(" ", strip=True) for item in svg.select(".nkx-legend-item")}
        drawn = {el["data-key"] for el in svg.select("[data-key]") if el.find_parent(class_="nkx-legend-row") is None
                 and "nkx-legend-item" not in el.get("class", [])}
        assert set(legend) == drawn, f"legend {sorted(legend)} against marks drawn {sorted(drawn)}"
        for effect in ("warming", "cooling", "neutral"):
            if effect in legend:
                assert effect in list_words and legend[effect] == effect, "the legend says what the list says"
        if "expected" in legend:
            assert legend["expected"].startswith("expected as of ")


def test_expected_events_are_dated_from_the_article_and_an_inferred_date_is_one_symbol(site, data):
    content = site.content("timeline/")
    text = content.get_text(" ")
    assert "worked out from the text" not in content.select_one("ul").get_text(" "), "no phrase repeated on every row"
    assert "† after a date means it is worked out from the text" in " ".join(text.split())
    inferred = [e for e in data["events"] if e.get("basis")]
    metas = content.select(".nkx-event-meta")
    assert len(metas) == len(data["events"])
    assert sum("†" in m.get_text() for m in metas) == len(inferred)
    if any(e["status"] == "expected" for e in data["events"]):
        # One line at the sources' date, labelled; when something that happened comes after it (a later source),
        # no line, and the legend says as of when (or, when they differ, each expected event does).
        label = content.select_one("figure .nkx-vantage-label")
        legend = content.select_one('figure .nkx-legend-item[data-key="expected"]')
        expected = [e for e in data["events"] if e["status"] == "expected"]
        shown = [label.get_text(" ")] if label else [legend.get_text(" ")] if "as of" in legend.get_text() else [
            a.get_text(" ") for e in expected for a in content.select(f'figure a.nkx-event[href="{e["id"]}/"]')]
        assert shown and all(re.search(r"as of (early|mid|late) \d{4}|as of \d{4}", s) for s in shown), shown
        for badge in content.select(".nkx-expected"):
            assert badge.get_text().startswith("Expected")


def _vantage_y(svg) -> float | None:
    line = next((v for v in svg.select("line.nkx-vantage") if v.find_parent(class_="nkx-legend-row") is None), None)
    return float(line["y1"]) if line else None


def check_lanes(svg, data) -> None:
    from conftest import the_sources

    """Each relation with `since` is one lane labelled in the words of the relations lists, starting where its
    `since` event stands on the axis and ending at its `until` event or the article's date; no other relation has one.
    A lane whose timing the article does not give is drawn as background and says so; a lane leads to its actor's
    page, never to a paragraph it would seem to cite."""
    names = {a["id"]: a["name"] for a in data["actors"]}
    dated = {f"{names[a['id']]} {r['label']} {names[r['to']]}": r for a in data["actors"]
             for r in a.get("relations", []) if r.get("since")}
    y = _axis(svg)
    events = {a["href"].rstrip("/").rsplit("/", 1)[-1]: a for a in svg.select("a.nkx-event")}
    lanes = {lane.select_one(".nkx-tenure-label").get_text(): lane for lane in svg.select("a.nkx-lane")}
    assert set(lanes) == set(dated), "a lane for each relation with `since`, and none for the others"
    for label, relation in dated.items():
        lane, event = lanes[label], events[relation["since"]]
        assert lane["data-since"] == relation["since"]
        span = event.select_one(".nkx-span")
        if span is not None:
            assert lane["data-from"] == span["data-from"], f"{label}: starts where its event's date starts"
        else:
            assert abs(day(lane["data-from"]) - day(event["data-at"])) <= 1, label
        first = lane.select_one(".nkx-tenure-head, rect")
        top = float(first["y1"] if first.name == "line" else first["y"])
        assert abs(top - y(day(lane["data-from"]))) < 1.5, f"{label}: drawn from {top}, its event at {y(day(lane['data-from']))}"
        bar = lane.select_one("rect")
        bottom = float(bar["y"]) + float(bar["height"])
        end = events[relation["until"]]["data-at"] if relation.get("until") else None
        if end is not None:
            assert abs(bottom - y(day(end))) < 1.5, f"{label}: ends at its `until` event"
        elif _vantage_y(svg) is not None:
            assert abs(bottom - _vantage_y(svg)) < 1.5, f"{label}: runs to the article's date"
        background = relation.get("timing_from_article") is False
        assert ("nkx-tenure-background" in bar["class"]) == background, label
        assert (f"not stated by {the_sources(data)}" in lane.title.get_text()) == background, label
        assert lane["data-key"] == "tenure" and bar.get("data-key") == ("tenure-background" if background else None)
        legend = {item["data-key"]: item.get_text(" ", strip=True) for item in svg.select(".nkx-legend-item")}
        assert f" {relation['label']} " in legend["tenure"], "the legend says what the lanes say"
        assert ("tenure-background" in legend) == any(r.get("timing_from_article") is False for r in dated.values())
        assert "#p" not in lane["href"] and not lane["href"].startswith(("sources/", "../sources/")), \
            "a lane leads to its actor, not to a paragraph"


def test_a_relation_with_since_is_a_lane_from_its_events_place(site, data):
    for svg in variants(site.content("timeline/").select_one("figure.nkx-timeline-graphic")):
        check_lanes(svg, data)


def test_a_lane_runs_from_its_since_event_to_its_until_event(tmp_path):
    """A small project: one relation with `since` and `until`, one without; drawn and legended as such."""
    import yaml

    from conftest import Site, fixture_project

    project = fixture_project(tmp_path)
    actors = project.root / "data" / "actors.yml"
    text = actors.read_text(encoding="utf-8").replace(
        "  role: \"One side of the ceasefire.\"\n",
        "  role: \"One side of the ceasefire.\"\n  relations:\n    - to: betania\n      label: \"keeps a truce with\"\n"
        "      inverse: \"keeps a truce with\"\n      cites: [test-article#p1]\n      since: ceasefire-agreed\n"
        "      until: gamma-visits-betania\n", 1)
    assert "until: gamma-visits-betania" in text
    actors.write_text(text, encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.output
    data = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (project.root / "data").glob("*.yml")}
    content = Site(result.site).content("timeline/")
    for svg in variants(content.select_one("figure.nkx-timeline-graphic")):
        check_lanes(svg, data)
        assert len(svg.select("a.nkx-lane")) == 1
        legend = {item["data-key"] for item in svg.select(".nkx-legend-item")}
        assert "tenure" in legend and "tenure-background" not in legend


def test_the_band_is_the_running_sum_of_the_effects(site, data):
    """Where the band ends (the article's date, or the last event), it stands as far to the warm or the cool side
    as warming events outnumber cooling ones among those that happened; it starts at zero."""
    happened = [e for e in data["events"] if e["status"] == "happened"]
    net = sum(1 for e in happened if e.get("effect") == "warming") - sum(1 for e in happened if e.get("effect") == "cooling")
    for svg in variants(site.content("timeline/").select_one("figure.nkx-timeline-graphic")):
        zero = svg.select_one(".nkx-band .nkx-band-zero")
        centre, top = float(zero["x1"]), float(zero["y1"])
        shapes = [p for p in svg.select(".nkx-band path") if "nkx-band-expected" not in p["class"]]
        if not shapes:
            assert net == 0
            continue
        corners = [[float(v) for v in pair.split()] for pair in re.findall(r"[ML]([\d.]+ [\d.]+)", shapes[-1]["d"])]
        end = corners[2][0] - centre
        assert (end > 0.5) == (net > 0) and (end < -0.5) == (net < 0), f"the band ends at {end:+.1f}, the effects sum to {net:+d}"
        first = [[float(v) for v in pair.split()] for pair in re.findall(r"[ML]([\d.]+ [\d.]+)", shapes[0]["d"])]
        assert first[0][1] >= top - 0.5, "the band starts where the axis does"
        widths = {"warm": [], "cool": []}
        for shape in shapes:
            xs = [float(v.split()[0]) - centre for v in re.findall(r"[ML]([\d.]+ [\d.]+)", shape["d"])]
            widths["warm" if "nkx-band-warm" in shape["class"] else "cool"].append(max(xs, key=abs))
        assert all(w >= -0.05 for w in widths["warm"]) and all(w <= 0.05 for w in widths["cool"]), "warm right, cool left"


def test_the_timeline_graphic_has_a_text_alternative(site, data):
    content = site.content("timeline/")
    for svg in variants(content.select_one("figure.nkx-timeline-graphic")):
        assert "The same events follow as a list" in svg.desc.get_text()
    assert len(content.select("figure ~ ul > li")) == len(data["events"])


def test_figure_captions_show_no_markdown(site):
    for page in ["timeline/", "actors/", *(f"actors/{p.name}/" for p in (site.root / "actors").iterdir() if p.is_dir())]:
        for caption in site.content(page).select("figure.nkx-graphic figcaption, figure.nkx-graphic .nkx-instead"):
            text = caption.get_text()
            assert "](" not in text and "{ ." not in text and "{:" not in text and "[[" not in text, (page, text)


# -- relationship maps -------------------------------------------------------------------------

def relations_by_actor(data):
    """Each actor's relations as its map shows them: (verb, other actor, relation, inward). Without an `inverse`
    the other side's map shows the declaring actor's own verb on an arrow pointing inward."""
    found: dict[str, list[tuple[str, str, dict, bool]]] = {}
    for actor in data["actors"]:
        for relation in actor.get("relations", []):
            found.setdefault(actor["id"], []).append((relation["label"], relation["to"], relation, False))
            inverse = relation.get("inverse")
            found.setdefault(relation["to"], []).append((inverse or relation["label"], actor["id"], relation, not inverse))
    return found


def test_each_actor_has_its_own_map_read_from_its_side_leading_to_the_evidence(site, data):
    names = {a["id"]: a["name"] for a in data["actors"]}
    relations = relations_by_actor(data)
    for actor in data["actors"]:
        figure = site.content(f"actors/{actor['id']}/").select_one("figure.nkx-actor-map")
        mine = [r for r in relations.get(actor["id"], []) if r[1] != actor["id"]]
        if not mine:
            assert figure is None
            continue
        for svg in variants(figure):
            assert svg.select_one(".nkx-centre-label").get_text(" ") .replace("- ", "").replace(" ", "") == \
                names[actor["id"]].replace(" ", ""), "the actor at the centre"
            assert not svg.select_one(".nkx-centre-label").find_parent("a"), "the page does not link to itself"
            others = {a["href"] for a in svg.select("a.nkx-actor")}
            assert others == {f"../{other}/" for _, other, *_ in mine}, "only its own relations"
            squeeze = lambda text: re.sub(r"[\s-]", "", text)  # wrapped lines, words split with a hyphen
            phrases = sorted(squeeze(a.select_one("text").get_text()) for a in svg.select("a.nkx-relation"))
            assert phrases == sorted(squeeze(label) for label, *_ in mine), "each relation's verb, read along its arrow"
            links = {" ".join(a.title.get_text().split()): a for a in svg.select("a.nkx-relation")}
            for label, other, relation, inward in mine:
                told = (names[other], label, names[actor["id"]]) if inward else (names[actor["id"]], label, names[other])
                sentence = " ".join(" ".join(told).split())
                link = next(a for title, a in links.items() if title.startswith(sentence))
                cite = (relation.get("cites") or [None])[0]
                if cite:
                    source, paragraph = cite.split("#")
                    assert link["href"] == f"../../sources/{source}/#{paragraph}", "the phrase leads to its evidence"
                    assert resolves(site, f"actors/{actor['id']}/", link["href"])


def test_the_whole_network_links_every_actor_drawn_and_every_line_to_its_relations(site, data):
    content = site.content("actors/")
    svg = content.select_one("figure.nkx-network-map svg")
    assert svg.title.get_text() == "Who relates to whom"
    related = {a["id"] for a in data["actors"] if relations_by_actor(data).get(a["id"])}
    nodes = {a["href"].rstrip("/") for a in svg.select("a.nkx-actor")}
    assert nodes <= related and (nodes == related or len(nodes) == 24), "every related actor, or the most connected"
    for node in nodes:
        assert resolves(site, "actors/", f"{node}/")
    pairs = {tuple(sorted((a["id"], r["to"]))) for a in data["actors"] for r in a.get("relations", [])
             if a["id"] in nodes and r["to"] in nodes}
    lines = svg.select("a.nkx-pair")
    assert len(lines) == len(pairs)
    for line in lines:
        anchor = line["href"].lstrip("#")
        item = content.find(id=anchor)
        assert item is not None, f"{anchor}: the line leads to its relations in words"
        assert line.title.get_text().split(";")[0].split()[0] in item.parent.get_text()
    assert content.select_one("figure.nkx-network-map .nkx-instead"), "a narrow screen is told where the list is"


def test_the_graphics_need_no_script(site):
    for page in ("timeline/", "actors/", "actors/china/"):
        for figure in site.content(page).select("figure.nkx-graphic"):
            assert not figure.find_all("script") and not figure.find_all(attrs={"onclick": True})
            assert not figure.find_all(string=re.compile(r"\bhover\b", re.I)), "no hover instructions"
            assert figure.has_attr("data-search-exclude"), "a graphic's labels repeat the page: not searched twice"


# -- a timeline too long for one page ----------------------------------------------------------

def test_a_long_timeline_gets_a_page_per_year_each_with_the_graphic_of_its_span(tmp_path):
    """Past the threshold (`split_after`, as shipped) the timeline page shows the ties over the whole span and leads
    to a page per year; each year's page draws that year's events, and only them, on an axis of that year."""
    from conftest import fixture_project, set_split_after
    from nkexplainer.model import SPLIT_AFTER

    project = fixture_project(tmp_path)
    set_split_after(project.root, SPLIT_AFTER)  # fixture projects keep index pages whole unless told
    events = []
    for n in range(75):
        year, month = 2010 + n % 3, 1 + n % 12
        events.append(f'''
- id: test-event-{n}
  title: "Test event number {n}"
  date: "{year}-{month:02d}"
  precision: month
  status: happened
  effect: {("warming", "cooling", "neutral")[n % 3]}
  actors:
    - alphia
  summary: "A test event."
  cites:
    - test-article#p1
''')
    (project.root / "data" / "events.yml").write_text(
        (project.root / "data" / "events.yml").read_text(encoding="utf-8") + "".join(events), encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.output
    from conftest import Site

    site = Site(result.site)
    timeline = site.content("timeline/")
    assert timeline.select_one("figure.nkx-ties-graphic svg"), "the ties over the whole span"
    assert not timeline.select("figure.nkx-timeline-graphic"), "no graphic of every event at once"
    years = [a["href"] for a in timeline.select("h2#by-year + p + ul > li > strong > a")]
    assert years and all(re.fullmatch(r"\d{4}/", href) for href in years)
    for href in years:
        year = int(href[:4])
        page = site.content(f"timeline/{href}")
        listed = {a["href"] for a in page.select("figure ~ ul > li > strong > a")}
        for svg in variants(page.select_one("figure.nkx-timeline-graphic")):
            drawn = {a["href"] for a in svg.select("a.nkx-event")}
            assert drawn == listed and drawn, f"{year}: the graphic draws the year's events, as listed"
            rules = {int(r["data-year"]) for r in svg.select(".nkx-year-rule")}
            assert rules == {year}, f"{year}: the axis of its own span"
            for link in svg.select("a.nkx-event"):
                assert link["data-at"].startswith(str(year)) or link["data-at"] == f"{year + 1}-01-01"
        nav = site.page(f"timeline/{href}").select_one("nav.md-nav--primary")
        assert nav is not None
