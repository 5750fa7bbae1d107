"""The model published as open data: data.json, one file per kind, the schemas, and JSON-LD in each page."""

from __future__ import annotations

import json

import pytest

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
        assert source["author"] is None and source["published"] is None


def test_the_schemas_are_published_as_the_build_uses_them(site):
    for name, text in exported().items():
        assert (site.root / "data" / "schema" / name).read_text(encoding="utf-8") == text


def test_about_page_links_the_open_data(site):
    assert "../data/data.json" in {a["href"] for a in site.content("about/").select("a")}


@pytest.mark.parametrize("kind", ["actors", "events"])
def test_each_record_page_describes_its_record_in_json_ld(site, data, kind):
    for record in data[kind]:
        path = f"{'actors' if kind == 'actors' else 'timeline'}/{record['id']}/"
        ld = json_ld(site, path)
        assert ld["@context"] == "https://schema.org" and ld["@type"] == "WebPage"
        assert ld["isBasedOn"][0]["@type"] == "Article"
        assert ld["isBasedOn"][0]["headline"] == data["sources"][0]["title"]
        assert "author" not in ld["isBasedOn"][0], "the seed names no author"
        about = ld["about"]
        assert about["@id"] == "./"
        if kind == "actors":
            assert about["@type"] == LD_TYPES[record["kind"]]
            assert about["name"] == record["name"]
        else:
            assert about["@type"] == "Event"
            assert about["startDate"] == str(record["date"])
            assert {a["@id"] for a in about["about"]} == {f"../../actors/{a}/" for a in record["actors"]}
            assert ("eventStatus" in about) == (record["status"] == "expected")


def test_the_quotes_page_lists_every_quotation_with_its_speaker(site, data):
    ld = json_ld(site, "quotes/")
    parts = {q["@id"]: q for q in ld["hasPart"]}
    for quote in data["quotes"]:
        part = parts[f"./#{quote['id']}"]
        assert part["@type"] == "Quotation"
        if quote.get("speaker"):
            assert part["creator"]["@id"] == f"../actors/{quote['speaker']}/"
        source, anchor = quote["cites"][0].split("#")
        assert part["isBasedOn"]["@id"].startswith(f"../sources/{source}/#p")


def test_json_ld_ids_point_at_pages_that_exist(site):
    for path in ("actors/", "timeline/", "quotes/", "glossary/", "sources/evolving-relations/"):
        ld = json_ld(site, path)
        base = site.root / path
        for part in ld.get("hasPart", []):
            target = part["@id"].split("#")[0]
            assert (base / target / "index.html").resolve().exists() or target in ("", "./"), (path, target)


def test_hand_written_pages_carry_no_record_json_ld(site):
    assert not site.page("").select('script[type="application/ld+json"]')
