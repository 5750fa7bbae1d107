"""Facts about today's article, and only here: when an editor adds or replaces a source, this file is
the one to update. Every other test holds for any valid data."""

from __future__ import annotations

import hashlib

from conftest import ROOT

ARTICLE = "seeds/north-koreas-evolving-relations-with-china.txt"
ARTICLE_SHA256 = "a398f9f823239d212dfe8e646073a539b174f61f9d32968877bc08f445afcbf7"
"""The article the project was started from, byte for byte as it was handed to us."""


def test_the_project_keeps_the_shared_article_byte_for_byte(data):
    assert hashlib.sha256((ROOT / ARTICLE).read_bytes()).hexdigest() == ARTICLE_SHA256
    assert ARTICLE in {source["file"] for source in data["sources"]}, "and a source record rests on it"
