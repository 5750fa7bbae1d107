"""The model published as open data: data.json, one file per kind, the schemas, and JSON-LD in each page."""

from __future__ import annotations

import json

import pytest

from conftest import link_target, read_paragraphs
from nkexplainer.schema import exported

LD_TYPES = {"state": "Country", "person": "Person", "organisation": "Organization", "media": "NewsMediaOrganization",
            "group": "Organization"}


def json_ld(site, path: str) -> dict:
    scripts = site.page(path).select('script[type="application/ld+json"]')
    assert len(scripts) == 1, path
    return json.loads(scripts[0].string)


def test_data_json_holds_every_record_with_the_seed_paragraphs(site, data, seed_paragraphs):
    published = json.loads((site.root / "data" / "data.json").read_text(encoding="utf-8"))
    for kind in ("sources", "actors", "events", "quotes", "glossary"):
        assert sorted(r["id"] for r in published[kind]) == sorted(r["id"] for r in data[kind]), kind
        assert json.loads((site.root / "data" / f"{kind}.json").read_text(encoding="utf-8")) == published[kind]
    for source in published["sources"]:
        assert source["paragraphs"] == seed_paragraphs[source["id"]]


@pytest.mark.parametrize("which", ["rich", "real"])
def test_data_json_gives_each_records_text_fields_as_written(which, rich_site, site, data):
    """Every text field of the YAML comes out under its own name, from its own record (the rich fixture
    gives a source's author, publisher and date, the real data may not)."""
    if which == "rich":
        site, data = rich_site, rich_site.data
    published = json.loads((site.root / "data" / "data.json").read_text(encoding="utf-8"))
    compared = 0
    for kind in ("sources", "actors", "events", "quotes", "glossary"):
        records = {r["id"]: r for r in published[kind]}
        for record in data[kind]:
            shown = records[record["id"]]
            for field, value in record.items():
                if field in ("date", "precision", "qualifier", "basis") or field not in shown:
                    continue  # dates are written out as one object; the seed's path is not published
                if isinstance(value, str) or value is None:
                    assert shown[field] == value, (kind, record["id"], field)
                    compared += 1
            for relation, written in zip(record.get("relations", []), shown.get("relations", []), strict=True):
                assert (written["to"], written["label"], written["inverse"]) == (relation["to"], relation["label"], relation.get("inverse"))
                assert (written["since"], written["until"], written["timing_from_article"]) == (
                    relation.get("since"), relation.get("until"), relation.get("timing_from_article", True))
    assert compared > 5 * len(data["actors"])


def test_the_schemas_are_published_as_the_build_uses_them(site):
    for name, text in exported().items():
        assert (site.root / "data" / "schema" / name).read_text(encoding="utf-8") == text


def test_about_page_links_the_open_data(site):
    assert "../data/data.json" in {a["href"] for a in site.content("about/").select("a")}


SAME_MARK = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def resolved(page: str, value):
    """The JSON-LD with every `@id` and `url` replaced by the site path it leads to (`actors/china/`,
    `quotes/#id`), so the comparison holds whether the site writes URLs relative or absolute."""
    if isinstance(value, list):
        return [resolved(page, v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, v in value.items():
        if key in ("@id", "url") and isinstance(v, str):
            path, fragment = link_target(page, v)
            out[key] = path + (f"#{fragment}" if fragment else "")
        else:
            out[key] = resolved(page, v)
    return out


class Expected:
    """The JSON-LD each page must carry, written out from the YAML and the seeds alone."""

    def __init__(self, data: dict[str, list[dict]], paragraphs: dict[str, list[str]]) -> None:
        self.data = data
        self.paragraphs = paragraphs
        self.actors = {a["id"]: a for a in data["actors"]}
        self.sources = {s["id"]: s for s in data["sources"]}

    def page(self, url: str, about: dict | None = None, parts: list | None = None, cites: list[str] | None = None) -> dict:
        sources = list(self.sources) if cites is None else list(dict.fromkeys(c.split("#")[0] for c in cites))
        document = {"@context": "https://schema.org", "@type": "WebPage", "url": url,
                    "isBasedOn": [self.article(self.sources[s]) for s in sources]}
        if about is not None:
            document["about"] = about
        if parts is not None:
            document["hasPart"] = parts
        return document

    def article(self, source: dict) -> dict:
        article = {"@type": "Article", "@id": f"sources/{source['id']}/", "headline": source["title"],
                   "name": source["title"], "abstract": source["dek"]}
        for field, key in (("author", "author"), ("publisher", "publisher"), ("published", "datePublished")):
            if source.get(field):
                article[key] = source[field]
        return article

    def actor(self, actor: dict) -> dict:
        return {"@type": LD_TYPES[actor["kind"]], "@id": f"actors/{actor['id']}/", "name": actor["name"],
                "alternateName": [a if isinstance(a, str) else a["name"] for a in actor.get("aliases") or []],
                "description": actor["summary"], "url": f"actors/{actor['id']}/"}

    def event(self, event: dict) -> dict:
        ld = {"@type": "Event", "@id": f"timeline/{event['id']}/", "name": event["title"], "startDate": str(event["date"]),
              "description": event["summary"], "url": f"timeline/{event['id']}/",
              "about": [{"@id": f"actors/{a}/", "name": self.actors[a]["name"]} for a in event["actors"]]}
        if event["status"] == "expected":
            ld["eventStatus"] = "https://schema.org/EventScheduled"
        return ld

    def quote(self, quote: dict) -> dict:
        found_in = next(c for c in quote["cites"] if quote["text"].translate(SAME_MARK) in
                        self.paragraphs[c.split("#")[0]][int(c.split("#p")[1]) - 1].translate(SAME_MARK))
        source, anchor = found_in.split("#")
        ld = {"@type": "Quotation", "@id": f"quotes/#{quote['id']}", "text": quote["text"],
              "isBasedOn": {"@id": f"sources/{source}/#{anchor}"}}
        if quote.get("speaker"):
            speaker = self.actors[quote["speaker"]]
            ld["creator"] = {"@type": LD_TYPES[speaker["kind"]], "@id": f"actors/{speaker['id']}/", "name": speaker["name"]}
        else:
            ld["creditText"] = quote["attribution"]
        if quote.get("date"):
            ld["dateCreated"] = str(quote["date"])
        return ld

    def term(self, term: dict) -> dict:
        return {"@type": "DefinedTerm", "@id": f"glossary/#{term['id']}", "name": term["term"], "description": term["definition"]}

    def every_page(self):
        """(page, the JSON-LD it must carry) for every generated page."""
        for actor in self.data["actors"]:
            cites = actor["cites"] + [c for r in actor.get("relations", []) for c in r["cites"]]
            yield f"actors/{actor['id']}/", self.page(f"actors/{actor['id']}/", about=self.actor(actor), cites=cites)
        for event in self.data["events"]:
            yield f"timeline/{event['id']}/", self.page(f"timeline/{event['id']}/", about=self.event(event), cites=event["cites"])
        for source in self.data["sources"]:
            article = self.article(source)
            yield f"sources/{source['id']}/", self.page(f"sources/{source['id']}/", about=article, cites=[f"{source['id']}#p1"])
        yield "actors/", self.page("actors/", parts=[self.actor(a) for a in self.data["actors"]])
        yield "timeline/", self.page("timeline/", parts=[self.event(e) for e in self.data["events"]])
        yield "quotes/", self.page("quotes/", parts=[self.quote(q) for q in self.data["quotes"]])
        yield "glossary/", self.page("glossary/", parts=[self.term(t) for t in self.data["glossary"]])


def by_id(document: dict) -> dict:
    """`hasPart` keyed by `@id`: the order of the parts is the page's business, not the data's."""
    if "hasPart" in document:
        document = {**document, "hasPart": {part["@id"]: part for part in document["hasPart"]}}
    return document


@pytest.mark.parametrize("which", ["rich", "real"])
def test_every_generated_page_carries_exactly_the_json_ld_of_its_records(which, rich_site, site, data, seed_paragraphs):
    """Every field we emit, compared with the data: a field dropped, renamed, or filled from the wrong
    record fails; so does a field added without a test saying what it must hold."""
    if which == "rich":
        site, data = rich_site, rich_site.data
        seed_paragraphs = read_paragraphs(rich_site.project, data)
    for page, expected in Expected(data, seed_paragraphs).every_page():
        assert by_id(resolved(page, json_ld(site, page))) == by_id(expected), page


def test_the_rich_fixture_emits_every_optional_field(rich_site):
    """Guards the test above: author, publisher, date, aliases, expected status, quote date and
    credit text all occur in the fixture, so each optional field is compared at least once."""
    text = " ".join(json.dumps(json_ld(rich_site, page)) for page in ("actors/", "timeline/", "quotes/", "sources/test-article/"))
    for field in ('"author"', '"publisher"', '"datePublished"', '"alternateName": ["BC"]', '"eventStatus"', '"dateCreated"',
                  '"creator"', '"description"', '"abstract"', '"startDate"'):
        assert field in text, field


def test_json_ld_ids_point_at_pages_that_exist(site):
    for path in ("actors/", "timeline/", "quotes/", "glossary/", "sources/evolving-relations/"):
        ld = json_ld(site, path)
        base = site.root / path
        for part in ld.get("hasPart", []):
            target = part["@id"].split("#")[0]
            assert (base / target / "index.html").resolve().exists() or target in ("", "./"), (path, target)


def test_hand_written_pages_carry_no_record_json_ld(site):
    assert not site.page("").select('script[type="application/ld+json"]')
