"""Partial rebuilds under `mkdocs serve --dirty` give the very site a clean build gives, after every kind of edit.

The rebuilds are driven as `mkdocs serve --dirty` drives them: one process, the configuration loaded anew
before each build, `build(config, serve_url=..., dirty=True)` into the same folder. After each edit the
folder is compared, file by file and byte by byte, with a clean `mkdocs build` of the same project in a
fresh process (search index and sitemap included: SOURCE_DATE_EPOCH fixes the build date of both).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import FIXTURES, fixture_project

SERVE_URL = "http://127.0.0.1:8000/"
EPOCH = "1700000000"


class DirtyServe:
    """What `mkdocs serve --dirty` does with a project, one rebuild per call, minus the web server."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self.config = self._config()
        self.config.plugins.on_startup(command="serve", dirty=True)
        search = self.config.plugins.get("hooks/search_hook.py")
        if search is not None and getattr(search, "_background", None) is not None:
            # Under serve the search index is rebuilt in the background after the reload; here it is built
            # at once, as `mkdocs build` does, so each rebuilt folder is compared whole, index included.
            search._background = None

    def _config(self):
        config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        return config

    def build(self, first: bool = False) -> set[str]:
        """A (re)build; returns the pages and files it rendered."""
        config = self.config if first else self._config()
        build(config, serve_url=SERVE_URL, dirty=True)
        return set(config.plugins["hooks/explainer_hook.py"]._tracker.rendered)

    def close(self) -> None:
        self.config.plugins.on_shutdown()


@contextmanager
def dirty_serve(root: Path, site: Path):
    server = DirtyServe(root, site)
    try:
        yield server
    finally:
        server.close()


def clean_build(root: Path, site: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": SERVE_URL}
    shutil.rmtree(site, ignore_errors=True)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
                          capture_output=True, text=True, env=env, cwd=root, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return site


def differences(served: Path, clean: Path) -> list[str]:
    """Files that are in one site and not the other, or differ."""
    a = {p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_file()}
    b = {p.relative_to(clean).as_posix() for p in clean.rglob("*") if p.is_file()}
    out = [f"only in the served site: {p}" for p in sorted(a - b)] + [f"only in the clean build: {p}" for p in sorted(b - a)]
    out += [f"differs: {p}" for p in sorted(a & b) if (served / p).read_bytes() != (clean / p).read_bytes()]
    return out


@pytest.fixture
def served(tmp_path, monkeypatch):
    """The minimal fixture project, served dirty: (project, server, check) where check() compares with a clean build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = fixture_project(tmp_path)
    served_site = tmp_path / "served"

    def check() -> None:
        diff = differences(served_site, clean_build(project.root, tmp_path / "clean"))
        assert not diff, "\n".join(diff[:20])

    with dirty_serve(project.root, served_site) as server:
        server.build(first=True)
        yield project, server, check


def _pages(rendered: set[str]) -> set[str]:
    return {src for src in rendered if src.endswith(".md")}


def test_a_summary_edit_renders_only_the_pages_that_show_it_and_equals_a_clean_build(served):
    project, server, check = served
    everything = _pages(server.build())
    assert not everything, f"a rebuild with no edit rendered {sorted(everything)}"

    project.edit("data/events.yml", "After a winter of skirmishes, the Betania Council brokers a ceasefire.",
                 "After a winter of skirmishes and a hard spring, the Betania Council brokers a ceasefire.")
    rendered = _pages(server.build())
    assert "timeline/ceasefire-agreed.md" in rendered
    assert "actors/minister-gamma.md" not in rendered, "a page that does not show the summary was rendered again"
    check()

    # A glossary definition is every linking page's tooltip: those pages change, others do not.
    project.edit("data/glossary.yml", "\n  definition: \"", "\n  definition: \"Plainly put: ")
    rendered = _pages(server.build())
    assert "glossary.md" in rendered
    check()


def test_a_hand_written_page_rebuilds_when_its_shortcodes_expand_differently(served):
    project, server, check = served
    about = (project.root / "docs" / "about.md").read_text(encoding="utf-8")
    assert "[[cite:test-article#p1" in about
    # The article's title is what the page's citation shortcode shows: the page on disk is unchanged.
    project.edit("data/sources.yml", "  kind: \"news analysis (invented for the tests)\"", "  kind: \"analysis (invented for the tests)\"")
    server.build()
    check()
    project.edit("docs/about.md", "A small project the tests build", "A small project that the tests build")
    assert "about.md" in server.build()
    check()
    # An icon in a page's front matter shows in every page's navigation: known only once the page is read.
    project.edit("docs/about.md", 'description: "About this test site."\n', 'description: "About this test site."\nicon: material/information\n')
    assert "index.md" in server.build()
    check()


def test_an_actors_new_name_updates_every_page(served):
    project, server, check = served
    project.edit("data/actors.yml", "- id: minister-gamma\n  name: Minister Gamma\n",
                 "- id: minister-gamma\n  name: Gamma\n  aliases:\n    - Minister Gamma\n")
    rendered = _pages(server.build())
    assert "index.md" in rendered and "about.md" in rendered, "the nav's new title must reach every page"
    check()


def test_a_new_and_a_removed_record_update_the_nav_and_leave_no_stale_page(served):
    project, server, check = served
    events = project.root / "data" / "events.yml"
    text = events.read_text(encoding="utf-8")
    project.write("data/events.yml", text.rstrip("\n") + "\n\n" + (
        "- id: gamma-returns\n"
        "  title: \"Minister Gamma returns from Betania\"\n"
        "  date: \"2015-02-14\"\n"
        "  precision: day\n"
        "  status: happened\n"
        "  actors:\n"
        "    - minister-gamma\n"
        "  summary: \"Minister Gamma comes home.\"\n"
        "  cites:\n"
        "    - test-article#p3\n"))
    server.build()
    assert (server.site / "timeline" / "gamma-returns" / "index.html").is_file()
    check()

    project.write("data/events.yml", text.replace(_event_block(text, "gamma-visits-betania"), ""))
    server.build()
    assert not (server.site / "timeline" / "gamma-visits-betania").exists(), "the removed event's page is still served"
    check()


def test_a_new_source_updates_every_page(served):
    project, server, check = served
    shutil.copy(FIXTURES / "new-source" / "harbour-talks.txt", project.root / "seeds" / "harbour-talks.txt")
    sources = (project.root / "data" / "sources.yml").read_text(encoding="utf-8")
    first = "  title: \"Alphia and Betania’s Uneasy Détente\"\n"
    assert first in sources
    sources = sources.replace(first, first + "  short: \"Uneasy détente\"\n")  # two sources: each needs a short name
    project.write("data/sources.yml", sources.rstrip("\n") + "\n\n" + (
        "- id: harbour-talks\n"
        "  file: seeds/harbour-talks.txt\n"
        "  title: \"Talks Resume Over the Tessa Harbour\"\n"
        "  short: \"Harbour talks\"\n"
        "  dek: \"Alphia and Betania send negotiators back to the table, with the Harbour Commission watching.\"\n"
        "  kind: \"news report (invented for the tests)\"\n"
        "  author: null\n"
        "  publisher: null\n"
        "  published: null\n"
        "  provenance: \"Written for the test suite.\"\n"))
    rendered = _pages(server.build())
    assert "sources/harbour-talks.md" in rendered and "index.md" in rendered
    check()


def _event_block(text: str, event_id: str) -> str:
    start = text.index(f"- id: {event_id}\n")
    end = text.find("\n- id: ", start + 1)
    return text[start:] if end < 0 else text[start:end + 1]


def test_after_a_data_error_is_fixed_every_page_loses_its_error_banner(served):
    project, server, check = served
    project.edit("data/events.yml", "    - minister-gamma\n", "    - minister-gama\n")
    server.build()
    assert "minister-gama" in (server.site / "about" / "index.html").read_text(encoding="utf-8"), "the problem is shown on every page"
    project.edit("data/events.yml", "    - minister-gama\n", "    - minister-gamma\n")
    server.build()
    check()


def test_materials_own_search_index_stays_whole_when_a_project_uses_it(served):
    """Material's search plugin indexes only the pages rendered in a build, and merges them into the last index
    as if one page had changed: the tracker hands it every page's entries, in a clean build's order."""
    project, server, check = served
    project.edit("mkdocs.yml", "\nplugins: []\n", "\nplugins:\n  - search\n")
    server.build()
    assert (server.site / "search" / "search_index.json").is_file()
    project.edit("data/events.yml", "After a winter of skirmishes, the Betania Council brokers a ceasefire.",
                 "After a winter of skirmishes, the Betania Council brokers a ceasefire at last.")
    project.edit("data/glossary.yml", "\n  definition: \"", "\n  definition: \"Plainly put: ")
    rendered = _pages(server.build())
    assert 1 < len(rendered) < 20, sorted(rendered)
    check()
