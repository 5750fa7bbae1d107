"""A relation reads from each side: the subject's page uses the data's `label`, the object's page its `inverse`,
or, when the data gives none, the subject's own sentence ("North Korea depends on China" on both pages).

("Betania Council is hosted by Betania" on the Council's page, "Betania hosts Betania Council" on Betania's.)
A relation is found on a page as a list item or table row, outside graphics, that names the other actor; the test looks for
the label's words there, in any letter case, so it holds however the sentence around them is phrased.
"""

from __future__ import annotations

import pytest

from conftest import entries, squeeze


def relation_items(site, actor_id: str, other_name: str) -> list[str]:
    """The text (lower case) of every list item on an actor's page that names `other_name`."""
    texts = [squeeze(item.get_text(" ")).lower() for item in entries(site.content(f"actors/{actor_id}/"))]
    return [text for text in texts if other_name.lower() in text]


def relations(records: dict[str, list[dict]]):
    names = {a["id"]: a["name"] for a in records["actors"]}
    for actor in records["actors"]:
        for relation in actor.get("relations", []):
            yield actor["id"], relation["to"], names[actor["id"]], names[relation["to"]], relation


def test_the_fixture_relations_have_two_different_labels(rich_site):
    """Guards the fixture: a relation that read the same from both sides would prove nothing."""
    found = list(relations(rich_site.data))
    assert len(found) >= 2
    for *_, relation in found:
        assert relation["label"].lower() not in relation["inverse"].lower()
        assert relation["inverse"].lower() not in relation["label"].lower()


@pytest.mark.parametrize("which", ["rich", "real"])
def test_each_side_shows_the_relation_in_its_own_words(which, rich_site, site, data):
    site_, records = (rich_site, rich_site.data) if which == "rich" else (site, data)
    for subject, obj, subject_name, object_name, relation in relations(records):
        label = squeeze(relation["label"]).lower()
        inverse = squeeze(relation.get("inverse") or relation["label"]).lower()
        assert any(label in item for item in relation_items(site_, subject, object_name)), (subject, label, obj)
        assert any(inverse in item for item in relation_items(site_, obj, subject_name)), (obj, inverse, subject)


def test_neither_side_shows_the_other_sides_words(rich_site):
    """The item that gives a relation gives it once, from its own side (the article's snippets may use any word)."""
    for subject, obj, subject_name, object_name, relation in relations(rich_site.data):
        label, inverse = relation["label"].lower(), relation["inverse"].lower()
        mine = [item for item in relation_items(rich_site, subject, object_name) if label in item]
        theirs = [item for item in relation_items(rich_site, obj, subject_name) if inverse in item]
        assert mine and not any(inverse in item for item in mine), (subject, mine)
        assert theirs and not any(label in item for item in theirs), (obj, theirs)
