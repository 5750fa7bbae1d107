"""The search index as the build makes it: Pagefind's chunks of every page, small settings for the box,
names and titles searchable, the same files every time, and a clear message when Pagefind cannot run.
(The search in a browser: tests/test_search_browser.py.)"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pagefind_bin

import searchindex
from conftest import ROOT, fixture_project, squeeze

sys.path.insert(0, str(ROOT / "hooks"))
from nkexplainer import search  # noqa: E402


def test_pages_fetch_only_the_search_settings_which_hold_no_documents(site):
    """What every page's search box fetches at once is Material's settings file: no documents, so the same
    few bytes however large the site grows (the index itself is fetched by a query: test_search_browser)."""
    settings = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert settings["docs"] == [] and settings["config"]["lang"] == ["en"]
    assert (site.root / "search" / "search_index.json").stat().st_size < 200


def test_the_index_is_in_chunks(site):
    """Pagefind's index: a fragment per page and words split over index chunks, beside its script and WebAssembly."""
    bundle = site.root / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.en.pagefind").is_file()
    assert len(list((bundle / "fragment").glob("*.pf_fragment"))) == searchindex.entry(site.root)["languages"]["en"]["page_count"]
    assert list((bundle / "index").glob("*.pf_index"))


def test_each_page_is_indexed_under_its_own_title(site):
    """A result shows the page's title as the browser tab does (less the site's name), also on the home
    page, whose first heading is the article's lede."""
    for fragment in searchindex.fragments(site.root):
        path = fragment["url"].lstrip("/")
        tab = squeeze(site.page(path).title.get_text())
        title = fragment["meta"]["title"]
        assert tab == title or tab.startswith(title + " - "), (path, title, tab)
    home = next(f for f in searchindex.fragments(site.root) if f["url"] == "/")
    assert home["meta"]["title"] != squeeze(site.page("").select_one("article h1").get_text()).removesuffix("¶")


def test_every_actors_other_names_are_searchable_on_its_page(site, data):
    """An actor's aliases (data/actors.yml) are searched with the weight of its page's title."""
    by_url = {f["url"]: f for f in searchindex.fragments(site.root)}
    checked = 0
    for actor in data["actors"]:
        aliases = searchindex.alias_names(actor)
        fragment = by_url[f"/actors/{actor['id']}/"]
        if not aliases:
            assert "aliases" not in fragment["meta"]
            continue
        assert fragment["meta"]["aliases"].split(", ") == aliases
        checked += 1
    assert checked, "the data has actors with other names"


def test_indexing_the_same_site_again_gives_the_same_files(built, tmp_path):
    """Pagefind's output is byte-stable: indexing the built site again, elsewhere, writes identical files
    (tests/test_quality.py compares two whole builds, index included)."""
    copy = tmp_path / "site"
    shutil.copytree(built.site, copy)
    shutil.rmtree(copy / "pagefind")
    search.build_index(copy, "en")
    first = sorted(p.relative_to(built.site / "pagefind") for p in (built.site / "pagefind").rglob("*") if p.is_file())
    again = sorted(p.relative_to(copy / "pagefind") for p in (copy / "pagefind").rglob("*") if p.is_file())
    assert first == again and len(first) > 10
    assert all((built.site / "pagefind" / p).read_bytes() == (copy / "pagefind" / p).read_bytes() for p in first)


def _fake_pagefind(folder: Path, body: str) -> Path:
    """A `pagefind_bin` package that shadows the installed one (PYTHONPATH comes first)."""
    package = folder / "fake" / "pagefind_bin"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(body, encoding="utf-8")
    return folder / "fake"


def test_a_build_stops_with_one_clear_line_when_pagefind_fails(tmp_path, monkeypatch):
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    fake = _fake_pagefind(tmp_path, f"from pathlib import Path\ndef get_executable():\n    return Path({str(failing)!r})\n")
    monkeypatch.setenv("PYTHONPATH", str(fake))
    result = fixture_project(tmp_path).build()
    assert result.returncode == 1, result.output
    assert "Pagefind could not build the search index: Error: the disk is full" in result.output
    assert "Traceback" not in result.output


def test_a_build_says_how_to_install_pagefind_when_it_is_missing(tmp_path, monkeypatch):
    fake = _fake_pagefind(tmp_path, "def get_executable():\n    raise FileNotFoundError('no binary')\n")
    monkeypatch.setenv("PYTHONPATH", str(fake))
    result = fixture_project(tmp_path).build()
    assert result.returncode == 1, result.output
    assert "Pagefind is not installed" in result.output and "pip install -r requirements.txt" in result.output
    assert "Traceback" not in result.output


def test_the_pinned_pagefind_runs_offline_here():
    done = subprocess.run([str(pagefind_bin.get_executable()), "--version"], capture_output=True, text=True, timeout=60)
    pin = next(line.split("==")[1].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
               if line.startswith("pagefind-bin=="))
    assert done.stdout.split() == ["pagefind", pin]
