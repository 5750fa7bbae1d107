"""Partial rebuilds under `mkdocs serve --dirty`: only the pages an edit changes are rendered again.

MkDocs skips reading, rendering and writing a page in a dirty build when `File.is_modified()` is false. For
the pages our hooks generate (content in memory) it is always true; for a page on disk it compares file
times, which know nothing of the data its shortcodes show. So a `Tracker`, kept for the life of the serve
process, decides instead, from what goes into each page's HTML:

- a page is modified when its own input changed since the last build: its Markdown as MkDocs receives it
  (front matter included; for a hand-written page, after shortcodes and mention links), its JSON-LD, its
  edit link;
- every page is modified when something every page shows changed: the navigation (titles, order, records
  added or removed), mkdocs.yml, the theme's templates, the data problems shown above every page; and when
  a page, once read, turns out to have another title or navigation metadata than before;
- a skipped page lends other pages what they read of it (title, metadata, anchors) and the search index
  its entries, all as the build that last rendered it left them, so the site equals a clean build's;
- what an earlier build wrote and this one no longer makes (a removed record's page) is deleted.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import jinja2
import jinja2.bccache

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.nkexplainer.incremental")

NAV_META = ("title", "icon", "subtitle", "status")
"""Page metadata that the theme shows in other pages' navigation (Material's nav-item and tabs partials)."""


def digest(*parts: str | bytes | None) -> str:
    """One short hash of `parts`, kept apart so that ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = b"\xff" if part is None else part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@dataclass
class _Kept:
    """What the last build that rendered a page knew of it."""

    fingerprint: str
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    anchors: set[str] | None = None
    search: list[dict] = field(default_factory=list)


class _QuietDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build "will likely lead to inaccurate navigation": not with this tracker, which
    rebuilds every page when the navigation changes. Left in, the warning would also fail `strict: true`."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


_QUIET = _QuietDirtyWarning()


class Tracker:
    """Which pages a dirty build must render, across the builds of one `mkdocs serve --dirty` process."""

    def __init__(self) -> None:
        self.kept: dict[str, _Kept] = {}
        self.frame: tuple[str, ...] | None = None
        """The fingerprint of what every page shows, as the last build had it."""
        self.outputs: set[str] = set()
        """Every file the last build wrote (absolute paths)."""
        self.rendered: set[str] = set()
        """The pages and generated files the last build rendered (src_uri)."""
        self._fingerprints: dict[str, str] = {}
        self._changed: set[str] = set()
        self._everything = True
        self._setup = ""
        self._why = "first build"
        logging.getLogger("mkdocs.commands.build").addFilter(_QUIET)

    def close(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(_QUIET)

    def forget(self) -> None:
        """After a failed build: the next one renders everything."""
        self.kept.clear()
        self.frame = None

    # -- one build, event by event ------------------------------------------------------

    def begin(self, config: MkDocsConfig) -> None:
        """on_config: what of the set-up every page depends on (mkdocs.yml, the theme overrides)."""
        self._fingerprints = {}
        self._changed = set()
        self._everything = False
        self._why = "first build" if self.frame is None else ""
        parts: list[str | bytes | None] = []
        if config.config_file_path and os.path.isfile(config.config_file_path):
            parts.append(Path(config.config_file_path).read_bytes())
        custom = config.theme.custom_dir  # relative in serve's first configuration, absolute in the next ones
        if custom and os.path.isdir(custom):
            for path in sorted(Path(custom).rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    parts.append(f"{path.relative_to(custom)}:{stat.st_mtime_ns}:{stat.st_size}")
        self._setup = digest(*parts)

    def note_page(self, file: File, *inputs: str | None) -> None:
        """on_files: a page (or a generated file) and everything its output is made from."""
        fingerprint = digest(*inputs)
        self._fingerprints[file.src_uri] = fingerprint
        kept = self.kept.get(file.src_uri)
        if kept is None or kept.fingerprint != fingerprint:
            self._changed.add(file.src_uri)
        file.is_modified = lambda: self.modified(file)  # type: ignore[method-assign]

    def note_frame(self, nav: Navigation, problems: Iterable[object]) -> None:
        """on_nav: what every page shows; when it changed, every page is rendered again."""
        frame = (self._setup, digest(_nav_outline(nav)), digest(repr(list(problems))))
        if frame != self.frame:
            self._everything = True
            if self.frame is not None:
                changed = [what for what, now, before in zip(("mkdocs.yml or the theme", "the navigation", "the data problems"),
                                                              frame, self.frame) if now != before]
                self._why = " and ".join(changed) + " changed"
        self.frame = frame

    def modified(self, file: File) -> bool:
        return self._everything or file.src_uri in self._changed or not os.path.exists(file.abs_dest_path)

    def after_reading(self, files: Files, config: MkDocsConfig) -> None:
        """on_env, every page read or skipped: skipped pages get what other pages read of them; and if a
        page read anew has another title or navigation metadata, every page is rendered after all."""
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        late = not self._everything and any(
            self.modified(page.file) and (kept := self.kept.get(page.file.src_uri)) is not None
            and _nav_meta(page.title, page.meta) != _nav_meta(kept.title, kept.meta)
            for page in pages)
        if late:
            from mkdocs.commands.build import _populate_page  # MkDocs' own reading of one page

            skipped = [page for page in pages if not self.modified(page.file)]
            self._everything = True
            self._why = "a page's title or navigation metadata changed"
            for page in skipped:
                _populate_page(page, config, files)
            return
        for page in pages:
            if self.modified(page.file):
                continue
            kept = self.kept[page.file.src_uri]
            if "title" not in vars(page) and kept.title is not None:
                page.title = kept.title  # type: ignore[misc]  # a weak property: set, it stays
            page.meta = dict(kept.meta)
            page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None

    def finish(self, files: Files, config: MkDocsConfig) -> None:
        """on_post_build, before the search plugin writes its index: the index made whole from the entries
        of the pages rendered now and those kept for the others; what was rendered, kept; stale files gone."""
        search = _material_search(config)
        fresh: dict[str, list[dict]] = {}
        if search is not None:
            for entry in search.search_index.entries:
                fresh.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        entries: list[dict] = []
        kept: dict[str, _Kept] = {}
        for file in files:
            src = file.src_uri
            if src not in self._fingerprints:
                continue
            page = file.page if file.is_documentation_page() else None
            if self.modified(file) or src not in self.kept:
                item = _Kept(self._fingerprints[src])
                if page is not None:
                    item.title, item.meta = page.title, dict(page.meta)
                    item.anchors = set(page.present_anchor_ids) if page.present_anchor_ids is not None else None
                    item.search = fresh.get(page.url, [])
            else:
                item = self.kept[src]
            kept[src] = item
            if page is not None and file.inclusion.is_included():
                entries.extend(item.search)
        self.kept = kept
        if search is not None:
            search.search_index.entries = entries
            search.search_index_prev = None  # merged here: its own merge assumes a single page changed
        outputs = {file.abs_dest_path for file in files if file.abs_dest_path}
        for stale in sorted(self.outputs - outputs, reverse=True):
            _remove(stale, config.site_dir)
        self.outputs = outputs
        self.rendered = {src for src in self._fingerprints if self._everything or src in self._changed}
        log.info(f"partial rebuild: {len(self.rendered)} of {len(self._fingerprints)} pages and files rendered"
                 + (f" (all: {self._why})" if self._everything else ""))


def reuse_theme_work(config: MkDocsConfig) -> None:
    """Make the theme's Jinja environment of every rebuild reuse the work of the first: its templates'
    compiled code (keyed by their source, so an edited template is compiled anew) and the listing of the
    theme's installed folders (some 10,000 icons), where only the project's own overrides are listed again.
    Together about half a second of every rebuild, whatever the size of the site."""
    theme = config.theme
    if "get_env" in vars(theme):
        return
    make_env = theme.get_env
    custom = os.path.abspath(theme.custom_dir) if theme.custom_dir else None

    def get_env():
        env = make_env()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:
            env.loader = _ListedOnce(loader.searchpath, loader.encoding, loader.followlinks, mutable={custom})
        env.bytecode_cache = _COMPILED
        env.list_templates = _filtered_once(env.list_templates, frozenset(theme.static_templates))  # type: ignore[method-assign]
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, for the life of the serve process; Jinja checks each against its source."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (data := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()
_LISTED: dict[str, list[str]] = {}
_FILTERED: dict[tuple, list[str]] = {}


def _filtered_once(list_templates, static_templates: frozenset[str]):
    """MkDocs lists the theme's static files by passing each of the theme's names through a filter of
    patterns that depend only on the theme's static templates: filtered once per process, per listing."""

    def listed(extensions=None, filter_func=None):
        if extensions is not None or getattr(filter_func, "__qualname__", "") != "Files.add_files_from_theme.<locals>.filter":
            return list_templates(extensions, filter_func)
        names = tuple(list_templates())
        key = (names, static_templates)
        if key not in _FILTERED:
            _FILTERED.clear()
            _FILTERED[key] = [name for name in names if filter_func(name)]
        return list(_FILTERED[key])

    return listed


class _ListedOnce(jinja2.FileSystemLoader):
    """A file-system loader that lists each installed folder once per process (the `mutable` ones each time)."""

    def __init__(self, searchpath, encoding: str, followlinks: bool, mutable: set[str | None]) -> None:
        super().__init__(searchpath, encoding, followlinks)
        self.mutable = mutable

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            listed = _LISTED.get(folder)
            if listed is None or os.path.abspath(folder) in self.mutable:
                listed = jinja2.FileSystemLoader(folder, self.encoding, self.followlinks).list_templates()
                _LISTED[folder] = listed
            found.update(listed)
        return sorted(found)


def _nav_outline(nav: Navigation) -> str:
    """The navigation as every page shows it: sections, titles given in the nav, addresses, order."""
    from mkdocs.structure.nav import Link, Section
    from mkdocs.structure.pages import Page

    out: list[str] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, Section):
                out.append(f"{depth}S{item.title}")
                walk(item.children, depth + 1)
            elif isinstance(item, Page):
                out.append(f"{depth}P{vars(item).get('title')}\x00{item.url}")
            elif isinstance(item, Link):
                out.append(f"{depth}L{item.title}\x00{item.url}")

    walk(nav.items, 0)
    return "\n".join(out)


def _nav_meta(title: str | None, meta: dict[str, Any]) -> tuple:
    return (title, *(repr(meta.get(key)) for key in NAV_META))


def _material_search(config: MkDocsConfig) -> Any:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index") and getattr(plugin.config, "enabled", True):
            return plugin
    return None


def _remove(path: str, site_dir: str) -> None:
    """Delete a stale output file, and the folders it leaves empty, never leaving `site_dir`."""
    try:
        os.remove(path)
    except FileNotFoundError:
        return
    folder = os.path.dirname(path)
    root = os.path.abspath(site_dir)
    while os.path.abspath(folder).startswith(root + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)
