"""Facts about today's article, and only here: when an editor changes the article's data, adds or replaces a
source, this file is the one to update. Every other test holds for any valid data.

Skipped in the two-sources pass of tests/run.sh (EXPLAINER_TEST_PROJECT=two-sources): its facts are those of
the repository's own data, which that pass extends with a second source on purpose.
"""

from __future__ import annotations

import hashlib

import pytest

from conftest import ROOT, TWO_SOURCES

pytestmark = pytest.mark.skipif(TWO_SOURCES, reason="facts of today's data; the two-sources pass extends it")

ARTICLE = "seeds/north-koreas-evolving-relations-with-china.txt"
ARTICLE_SHA256 = "a398f9f823239d212dfe8e646073a539b174f61f9d32968877bc08f445afcbf7"
"""The article the project was started from, byte for byte as it was handed to us."""


def test_the_project_keeps_the_shared_article_byte_for_byte(data):
    assert hashlib.sha256((ROOT / ARTICLE).read_bytes()).hexdigest() == ARTICLE_SHA256
    assert ARTICLE in {source["file"] for source in data["sources"]}, "and a source record rests on it"
