"""The built site as a whole: valid HTML, no broken links or anchors, nothing loaded from elsewhere,
identical builds, and pages ready to be shared and indexed.

Needs the Nu Html Checker (npm vnu-jar, run with Java) and LinkChecker (PyPI), both installed by
tests/run.sh. Reports land in test-artifacts/.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

import searchindex
from conftest import ROOT, Site, copy_project, page_path
from statichost import serve

ARTIFACTS = ROOT / "test-artifacts"
VNU = ROOT / ".tools" / "tests" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# LinkChecker, run through a wrapper that parses each distinct page once (see the file).
LINKCHECKER = [sys.executable, str(Path(__file__).with_name("linkcheck_once.py"))]
THEME = ROOT / "hooks" / "nkexplainer" / "theme"


def _config() -> dict:
    """mkdocs.yml's plain settings (its `!ENV` tags read as their variable names)."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


CONFIG = _config()
SITE_NAME = CONFIG["site_name"]


def _text(value: str) -> str:
    return " ".join(value.split())


# --- Valid HTML -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Allowance:
    """An error the Nu Html Checker reports in Material's own markup, accepted on purpose."""

    message: str
    """The start of vnu's message."""
    markup: re.Pattern
    """What the reported line must hold: the exact element of Material's that is meant."""
    per_page: int
    why: str


ALLOWED = [
    Allowance(
        message="Attribute “autocomplete” is only allowed when the input type is",
        markup=re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
                          r'id="__(drawer|search)" autocomplete="off">'),
        per_page=2,
        why="Material's menu and search toggles are checkboxes that carry autocomplete=\"off\" so that "
            "Firefox does not restore them checked (menu or search left open) when a reader comes back "
            "to a page. HTML allows autocomplete on text-like inputs only, but browsers honour it here. "
            "The two inputs sit outside every template block of Material's base.html: dropping the "
            "attribute would mean copying base.html whole and losing that behaviour.",
    ),
]

_CANARY = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>canary</title></head>
<body><p id="twice">One <a href="." bogus="1">link</a></p><p id="twice">Two</p></body></html>
"""
"""A page with an unknown attribute and a duplicate id: the checker must report it."""


def _vnu(files: list[Path]) -> list[dict]:
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run the tests with `bash tests/run.sh`, which installs it")
    completed = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--exit-zero-always", "--stdout", "--format", "json",
         *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    assert completed.stdout.strip(), completed.stderr
    return json.loads(completed.stdout)["messages"]


def _allowance(message: dict, lines: dict[Path, list[str]]) -> Allowance | None:
    path = Path(urlparse(message["url"]).path)
    line = lines.setdefault(path, path.read_text(encoding="utf-8").split("\n"))[message.get("lastLine", 1) - 1]
    for allowance in ALLOWED:
        if message["message"].startswith(allowance.message) and allowance.markup.search(line):
            return allowance
    return None


def test_every_page_is_valid_html_but_for_listed_allowances_in_materials_markup(site, tmp_path):
    canary = tmp_path / "canary.html"
    canary.write_text(_CANARY, encoding="utf-8")
    pages = site.html_files()
    messages = _vnu([*pages, canary])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "vnu.json").write_text(json.dumps(messages, indent=1, ensure_ascii=False), encoding="utf-8")

    caught = {m["message"].split("“")[0].strip() for m in messages if m["url"].endswith("/canary.html")}
    assert {"Attribute", "Duplicate ID"} <= caught, f"the checker reports a broken page: {caught}"

    lines: dict[Path, list[str]] = {}
    errors, allowed = [], {a.message: 0 for a in ALLOWED}
    for message in messages:
        if message["url"].endswith("/canary.html") or message["type"] != "error":
            continue
        allowance = _allowance(message, lines)
        if allowance is None:
            errors.append(f"{Path(urlparse(message['url']).path).relative_to(site.root)}:{message.get('lastLine')}: "
                          f"{message['message']}")
        else:
            allowed[allowance.message] += 1
    assert errors == [], f"{len(errors)} HTML errors from our markup:\n" + "\n".join(errors[:20])
    for allowance in ALLOWED:
        assert allowed[allowance.message] == allowance.per_page * len(pages), (
            f"the allowance for “{allowance.message}” no longer matches Material's markup as listed: "
            f"{allowed[allowance.message]} times on {len(pages)} pages — update or remove it")


# --- Links ------------------------------------------------------------------------------------

_LINKCHECKER_RC = """[checking]
threads=10
# Our own loopback host says it may be checked at full speed (tests/statichost.py).
maxrequestspersecond=1000
[filtering]
# The whole test host is the site; other hosts (the footer's link to Material) are not fetched.
internlinks=^{origin}
checkextern=0
[AnchorCheck]
"""


def _linkchecker(tmp_path: Path, origin: str, *urls: str, recursion: int = -1) -> list[dict]:
    """Crawl the site served at `origin` from `urls` with anchor checking; one row per URL checked."""
    rc = tmp_path / "linkcheckerrc"
    rc.write_text(_LINKCHECKER_RC.format(origin=re.escape(origin)), encoding="utf-8")
    completed = subprocess.run(
        [*LINKCHECKER, "-f", str(rc), "--no-status", "--verbose", "--recursion-level", str(recursion),
         "--output", "csv/utf-8", *urls],
        capture_output=True, text=True, timeout=600, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
                                                            "LC_ALL": "C.UTF-8"},
    )
    assert completed.returncode in (0, 1), completed.stderr
    rows = [line for line in completed.stdout.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"))


def _broken(rows: list[dict]) -> list[str]:
    return [f"{r['url']} (on {r['parentname'] or 'start'}): {r['result']} {r['warningstring']}".strip()
            for r in rows if r["valid"] != "True" or r["warningstring"]]


def test_a_crawl_of_the_whole_site_finds_no_broken_link_or_anchor(built, site, tmp_path):
    with serve(built.site) as origin:
        rows = _linkchecker(tmp_path, origin, origin, origin + "404.html")
    (ARTIFACTS / "linkchecker.csv").parent.mkdir(exist_ok=True)
    with (ARTIFACTS / "linkchecker.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    pages = {urlparse(r["url"]).path for r in rows if urlparse(r["url"]).netloc == urlparse(origin).netloc}
    assert len(pages) >= len(site.html_files()), "the crawl reached every page"
    assert any("#" in r["url"] for r in rows), "anchors were checked"
    assert _broken(rows) == []


def test_the_crawl_reports_a_broken_link_and_a_missing_anchor(built, tmp_path):
    """The crawler can fail: one page of a copy of the site gets a dead link and a dead anchor."""
    copy = tmp_path / "site"
    shutil.copytree(built.site, copy)
    page = copy / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", '<p><a href="../no-such-page/">dead</a> '
                                               '<a href="../glossary/#no-such-term">dead anchor</a></p></article>', 1),
                    encoding="utf-8")
    with serve(copy) as origin:
        rows = _linkchecker(tmp_path, origin, origin + "about/", recursion=1)
    broken = _broken(rows)
    assert any("no-such-page" in b and "404" in b for b in broken), broken
    assert any("no-such-term" in b and "Anchor" in b for b in broken), broken
    assert len(broken) == 2, broken


def _ids(site: Site, path: str) -> set[str]:
    return {e["id"] for e in site.page(path).select("[id]")}


def test_every_page_is_searchable_and_every_search_result_leads_to_a_page_and_anchor_that_exist(site):
    """The search index (Pagefind's) holds every page but the 404 page, once, and each section it can
    offer as a result is a heading that exists on its page."""
    fragments = searchindex.fragments(site.root)
    pages = sorted(page_path(site.root, f) for f in site.html_files() if f.name != "404.html" or f.parent != site.root)
    assert sorted(f["url"].lstrip("/") for f in fragments) == pages
    assert searchindex.entry(site.root)["languages"]["en"]["page_count"] == len(pages)
    missing = [f"{f['url']}#{a['id']}" for f in fragments for a in f["anchors"]
               if a["id"] not in _ids(site, f["url"].lstrip("/"))]
    assert sum(len(f["anchors"]) for f in fragments) > len(pages)
    assert missing == []


# --- Privacy, statically: every page, every stylesheet ------------------------------------------

_LOADS = {"script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
          "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"], "track": ["src"],
          "input": ["src"], "form": ["action"]}
_LINK_LOADS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
               "manifest", "apple-touch-icon"}


def _outside(url: str) -> bool:
    scheme = urlparse(url.strip()).scheme
    return url.strip().startswith("//") or scheme not in ("", "data", "blob", "javascript", "mailto")


def test_no_page_or_stylesheet_asks_another_host_for_anything(site):
    found = []
    for file in site.html_files():
        html = site.page(str(file.relative_to(site.root)))
        for tag, attributes in _LOADS.items():
            for element in html.find_all(tag):
                for attribute in attributes:
                    for url in re.split(r",\s*", element.get(attribute, "")):
                        if url and _outside(url.split()[0]):
                            found.append(f"{file.relative_to(site.root)}: <{tag} {attribute}={url}>")
        for link in html.find_all("link"):
            if _LINK_LOADS & set(link.get("rel", [])) and _outside(link.get("href", "")):
                found.append(f"{file.relative_to(site.root)}: <link rel={link['rel']} href={link['href']}>")
        for styled in html.select("[style], style"):
            text = styled.get("style", "") + (styled.string or "" if styled.name == "style" else "")
            found += [f"{file.relative_to(site.root)}: style url({u})" for u in re.findall(r"url\(['\"]?([^'\")]+)", text)
                      if _outside(u)]
    for css in site.root.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)
        found += [f"{css.relative_to(site.root)}: {u}" for u in urls if _outside(u)]
    assert found == []


# --- Determinism ------------------------------------------------------------------------------

def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_clean_builds_are_byte_identical(built, tmp_path, monkeypatch):
    """The session's build and a copy of the project in another folder, built later with another hash seed
    and time zone: every file the same, byte for byte (conftest's build sets SOURCE_DATE_EPOCH). The session's
    build is the first of the two, which saves a build."""
    monkeypatch.setenv("PYTHONHASHSEED", "2" if os.environ.get("PYTHONHASHSEED") != "2" else "3")
    monkeypatch.setenv("TZ", "Asia/Seoul" if os.environ.get("TZ") != "Asia/Seoul" else "UTC")
    result = copy_project(tmp_path / "again").build()
    assert result.returncode == 0, result.output
    trees = [_tree(built.site), _tree(result.site)]
    first, second = trees
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "pagefind/pagefind-entry.json", "404.html",
            "index.html"} <= set(first)
    assert sorted(first) == sorted(second), "the same files"
    differ = [name for name in first if first[name] != second[name]]
    assert differ == [], f"{len(differ)} files differ: {differ[:10]}"
    assert gzip.decompress(first["sitemap.xml.gz"]) == first["sitemap.xml"]
    summary = {"files": len(first), "bytes": sum(map(len, first.values())),
               "sha256": hashlib.sha256(b"".join(n.encode() + b"\0" + first[n] for n in sorted(first))).hexdigest()}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "determinism.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")


# --- Sharing and search engines ---------------------------------------------------------------

def _meta(html: BeautifulSoup, **attrs: str) -> list[str]:
    return [m.get("content") for m in html.find_all("meta", attrs=attrs)]


def _title(html: BeautifulSoup) -> str:
    titles = html.head.find_all("title", recursive=False)
    assert len(titles) == 1
    return _text(titles[0].get_text())


def test_every_page_has_a_meaningful_title_and_description_and_open_graph_tags(site):
    titles, descriptions = {}, {}
    for file in site.html_files():
        path = str(file.relative_to(site.root))
        html = site.page(path)
        title = _title(html)
        description = _meta(html, name="description")
        assert len(description) == 1 and len(_text(description[0])) >= 50, f"{path}: a description of a sentence or more"
        titles.setdefault(title, []).append(path)
        descriptions.setdefault(description[0], []).append(path)
        if path == "index.html":
            assert title.startswith(SITE_NAME) or title.endswith(f" - {SITE_NAME}")
            expected_og_title = SITE_NAME
        else:
            assert title.endswith(f" - {SITE_NAME}") and len(title) > len(SITE_NAME) + 5, f"{path}: {title!r}"
            expected_og_title = title.removesuffix(f" - {SITE_NAME}")
            h1 = html.select_one("article h1")
            heading = _text(h1.get_text()).removesuffix("¶").strip() if h1 else None
            assert heading == expected_og_title, f"{path}: the title names the page as its heading does ({heading!r})"
        assert _meta(html, property="og:title") == [expected_og_title], path
        assert _meta(html, property="og:description") == description, path
        assert _meta(html, property="og:site_name") == [SITE_NAME], path
        assert _meta(html, property="og:type") == ["website" if path in ("index.html", "404.html") else "article"], path
        assert _meta(html, property="og:locale") == ["en"], path
        published = bool(CONFIG.get("site_url") or os.environ.get("SITE_URL"))
        assert bool(html.select('link[rel="canonical"]')) == (published and path != "404.html"), path
        assert bool(_meta(html, property="og:url")) == (published and path != "404.html"), path
    assert [t for t, paths in titles.items() if len(paths) > 1] == [], "every page has a title of its own"
    assert [d for d, paths in descriptions.items() if len(paths) > 1] == [], "every page has a description of its own"


@pytest.fixture(scope="module")
def published(tmp_path_factory, project_root):
    """The site as the publish workflow builds it, with `site_url` set; a description and a name with
    quote marks and ampersands test the head's escaping."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("SITE_URL", "https://example.org/explainer")
    try:
        project = copy_project(tmp_path_factory.mktemp("published"), project_root)
        project.edit("mkdocs.yml", "site_description: >-\n",
                     'site_description: >-\n  Tom & Jerry\'s "guide", <b>bold</b> &amp; more:\n')
        project.edit("data/actors.yml", "  name: Japan\n", "  name: 'Japan & \"Co\"'\n")
        result = project.build()
    finally:
        monkeypatch.undo()
    assert result.returncode == 0, result.output
    return Site(result.site)


BASE = "https://example.org/explainer/"


def test_with_site_url_every_page_has_its_canonical_url_once(published):
    for file in published.html_files():
        path = str(file.relative_to(published.root))
        html = published.page(path)
        canonical = [link["href"] for link in html.select('link[rel="canonical"]')]
        if path == "404.html":
            assert canonical == [] and _meta(html, property="og:url") == [], "a missing page has no address of its own"
            continue
        expected = BASE + path.removesuffix("index.html")
        assert canonical == [expected], path
        assert _meta(html, property="og:url") == [expected], path


def test_with_site_url_the_sitemap_lists_every_page_at_its_canonical_url(published):
    sitemap = ElementTree.parse(published.root / "sitemap.xml")
    listed = sorted(loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"))
    pages = sorted(BASE + str(f.relative_to(published.root)).removesuffix("index.html")
                   for f in published.html_files() if f.name != "404.html")
    assert listed == pages


def test_with_site_url_the_404_page_links_work_from_any_address(published):
    html = published.page("404.html")
    for element in html.select("link[href], script[src], a[href]"):
        url = element.get("href") or element.get("src")
        if url.startswith("#") or urlparse(url).scheme:
            continue
        assert url.startswith("/explainer/"), f"{url} depends on where the missing page was asked for"
        target = urljoin(BASE, url)
        local = published.root / urlparse(target).path.removeprefix("/explainer/")
        assert local.is_file() or (local / "index.html").is_file(), url


def test_the_head_escapes_descriptions_and_titles_once(published):
    description = "Tom & Jerry's \"guide\", bold & more: " + _text(CONFIG["site_description"])
    html = published.page("404.html")
    assert _meta(html, name="description") == [description], "site_description is text, even in Material's meta tag"
    assert _meta(html, property="og:description") == [description]
    japan = published.page("actors/japan/")
    assert _meta(japan, property="og:title") == ['Japan & "Co"']
    assert _title(japan) == f'Japan & "Co" - {SITE_NAME}'


def test_a_site_url_that_is_not_a_web_address_stops_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "example.org/explainer")
    result = copy_project(tmp_path).build()
    assert result.returncode != 0
    assert "site_url" in result.output and "Traceback" not in result.output


# --- Theme overrides stay in step with Material -------------------------------------------------

def test_each_copied_material_template_still_matches_the_installed_material():
    """Overrides that copy a Material partial name its checksum: a Material update that changes the
    original fails here, so the copy is redone rather than silently going stale."""
    import material

    templates = Path(material.__file__).parent / "templates"
    copies = sorted(THEME.rglob("*.html"))
    checked = 0
    for copy in copies:
        found = re.search(r"Copied from Material ([\d.]+) (\S+) \(sha256 ([0-9a-f]{64})\)", copy.read_text(encoding="utf-8"))
        if not found:
            continue
        version, original, digest = found.groups()
        assert hashlib.sha256((templates / original).read_bytes()).hexdigest() == digest, (
            f"{copy.relative_to(ROOT)} copies Material {version}'s {original}, which has changed: copy it again")
        checked += 1
    assert checked >= 3
    assert "mkdocs-material-9.8.1" in (THEME / "main.html").read_text(encoding="utf-8"), "main.html names the Material it copies"
