"""The timeline graphic and the relationship map: built-time SVG, linked, labelled, accessible."""

from __future__ import annotations

SHAPES = {"warming": "nkx-mark-warming", "cooling": "nkx-mark-cooling", "neutral": "nkx-mark-neutral", None: "nkx-mark-none"}


def resolves(site, page: str, href: str) -> bool:
    target = (site.root / page / href.split("#")[0]).resolve()
    return (target / "index.html").exists()


def test_the_timeline_graphic_links_every_event_marked_by_its_effect(site, data):
    figure = site.content("timeline/").select_one("figure.nkx-timeline-graphic")
    svg = figure.svg
    assert svg.title.get_text().startswith("Timeline of China–North Korea ties, 2011–2015")
    assert svg["aria-labelledby"] == svg.title["id"] and svg["aria-describedby"] == svg.desc["id"]
    links = {a["href"]: a for a in svg.find_all("a")}
    assert set(links) == {f"{e['id']}/" for e in data["events"]}
    for event in data["events"]:
        link = links[f"{event['id']}/"]
        assert resolves(site, "timeline/", link["href"])
        mark = link.select_one(".nkx-mark")
        assert SHAPES[event.get("effect")] in mark["class"]
        assert ("nkx-mark-expected" in mark["class"]) == (event["status"] == "expected"), event["id"]
        assert event["title"].split()[0] in link.get_text()
    years = [t.get_text() for t in svg.select(".nkx-year")]
    assert years == [str(y) for y in range(2011, 2016)], "every year of the span, empty ones too"


def test_the_timeline_graphic_has_a_text_alternative(site):
    content = site.content("timeline/")
    assert "The same events follow as a list" in content.select_one("figure svg desc").get_text()
    assert len(content.select("figure ~ ul li")) >= 20


def test_the_relationship_map_links_every_actor_and_labels_every_relation(site, data):
    svg = site.content("actors/").select_one("figure.nkx-map-graphic svg")
    assert svg.title.get_text() == "Who relates to whom"
    nodes = {a["href"] for a in svg.find_all("a")}
    assert nodes == {f"{a['id']}/" for a in data["actors"]}
    for href in nodes:
        assert resolves(site, "actors/", href)
    relations = [(a["id"], r) for a in data["actors"] for r in a.get("relations", [])]
    edges = svg.select("path.nkx-edge")
    assert len(edges) == len(relations)
    titles = {e.title.get_text() for e in edges}
    names = {a["id"]: a["name"] for a in data["actors"]}
    for subject, relation in relations:
        assert f"{names[subject]} {relation['label']} {names[relation['to']]}" in titles
    labels = {t.get_text() for t in svg.select(".nkx-edge-label")}
    for _, relation in relations:
        label = relation["label"]
        assert label in labels or (len(label) > 26 and any(l.endswith("…") and label.startswith(l[:-1]) for l in labels))


def test_china_and_north_korea_sit_at_the_centre_of_the_map(site):
    svg = site.content("actors/").select_one("figure.nkx-map-graphic svg")
    width, height = (float(v) for v in svg["viewbox"].split()[2:])
    centre = {a["href"]: a.select_one(".nkx-node") for a in svg.find_all("a")}
    for actor in ("china/", "north-korea/"):
        rect = centre[actor]
        x = float(rect["x"]) + float(rect["width"]) / 2
        y = float(rect["y"]) + float(rect["height"]) / 2
        assert abs(x - width / 2) < width / 4 and abs(y - height / 2) < height / 8
        assert "nkx-node-centre" in rect["class"]


def test_the_graphics_need_no_script(site):
    for page in ("timeline/", "actors/"):
        figure = site.content(page).select_one("figure.nkx-graphic")
        assert not figure.find_all("script") and not figure.find_all(attrs={"onclick": True})
