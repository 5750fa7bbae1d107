"""MkDocs hooks for the explainer: each event hands over to the `nkexplainer` package.

Per-build state lives in `_build`, made fresh in `on_config` because
`mkdocs serve` keeps this module loaded across rebuilds. Under `mkdocs serve`
a data error does not stop the server: the last good data stays on screen
with the errors shown above every page, until the next good save.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from nkexplainer import incremental, nav, opendata, preview, shortcodes
from nkexplainer.check import load_model
from nkexplainer.crosslink import Site, cross_link, placeholder_site
from nkexplainer.errors import DataError, Problem
from nkexplainer.link import MentionMode
from nkexplainer.model import SPLIT_AFTER

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from nkexplainer.model import Model

_serving = False
"""True under `mkdocs serve`, where errors are shown in the browser instead of stopping the server."""
_last_good: Model | None = None
"""Under `mkdocs serve`: the model of the last build whose data was valid."""
_tracker: incremental.Tracker | None = None
"""Under `mkdocs serve --dirty` (or `build --dirty`): which pages each rebuild must render (incremental.py)."""


class _Build:
    """What one build knows: its model, its pages and, under serve, its problems."""

    def __init__(self) -> None:
        self.model: Model | None = None
        self.site: Site | None = None
        self.data_error: DataError | None = None
        """The problems of the data and of the hand-written pages' shortcodes, checked together in `on_config`."""
        self.problems: list[Problem] = []
        self.json_ld: dict[str, str | None] | None = None
        """Under a dirty build: each page's JSON-LD, made in on_files to tell whether the page changed."""
        self.files: Files | None = None


_build = _Build()


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving, _tracker
    _serving = command == "serve"
    if _tracker is not None:
        _tracker.close()
    _tracker = incremental.Tracker() if dirty else None


def on_shutdown() -> None:
    global _tracker
    if _tracker is not None:
        _tracker.close()
        _tracker = None


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _build, _last_good
    gc.unfreeze()  # under serve: what the last build kept may be collected now
    _build = _Build()
    split_after = _split_after(config)
    try:
        with _building():
            root = Path(config.config_file_path).parent
            _build.model = replace(load_model(root, shortcodes.read_pages(root, Path(config.docs_dir))[0]), split_after=split_after)
        _last_good = _build.model
    except DataError as error:
        _build.data_error = error
    except Exception as error:  # a bug of ours: a clean message, and under serve a page that says so
        _build.data_error = DataError([preview.internal_error(error)])
    if _build.data_error is not None:
        _build.model = _last_good
        # Broken links are expected while the data is broken; they must not stop the preview.
        config.strict = False
    _mention_mode(config)
    if _tracker is not None:
        _tracker.begin(config)
        incremental.reuse_theme_work(config)
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    docs = {f.src_uri: f.content_string for f in files.documentation_pages()}
    if _build.data_error is not None:
        _fail(_build.data_error.problems)
    try:
        with _building():
            _build.site = placeholder_site(docs) if _build.model is None else cross_link(_build.model, docs, _mention_mode(config))
    except Exception as error:
        _fail([preview.internal_error(error)])
        _build.site = placeholder_site(docs)
    if _build.site.problems and _build.data_error is None:
        _fail(_build.site.problems)
    for generated in _build.site.generated:
        inclusion = InclusionLevel.UNDEFINED if generated.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, generated.path, content=generated.markdown, inclusion=inclusion))
    if _build.model is not None:
        for path, text in opendata.data_files(_build.model).items():
            files.append(File.generated(config, path, content=text))
            if _tracker is not None:
                _tracker.note_page(files.get_file_from_path(path), text)
    if _tracker is not None:
        _note_pages(files, docs, config)
    return files


def _note_pages(files: Files, docs: dict[str, str], config: MkDocsConfig) -> None:
    """Tell the tracker what each page is made from: its Markdown, its JSON-LD, its edit link."""
    assert _build.site is not None and _tracker is not None
    edit_paths = _build.site.edit_paths
    _build.json_ld = {}
    for file in files.documentation_pages():
        src = file.src_uri
        linked_data = opendata.json_ld(_build.model, src) if _build.model is not None else None
        _build.json_ld[src] = linked_data
        if src in docs:
            _tracker.note_page(file, docs[src], _build.site.docs.get(src), linked_data, edit_paths.get(src))
        else:
            _tracker.note_page(file, file.content_string, linked_data, edit_paths.get(src))


def on_nav(nav_: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    if _build.model is not None:
        nav_ = nav.fill(nav_, _build.model, files, config)
    if _tracker is not None:
        _tracker.note_frame(nav_, _build.problems)
    return nav_


def on_env(env, /, *, config: MkDocsConfig, files: Files):
    if _tracker is not None:
        _build.files = files
        _tracker.after_reading(files, config)
    return env


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    assert _build.site is not None
    edit_base = config.extra.get("explainer", {}).get("edit_url")
    if edit_base:
        page.edit_url = edit_base + _build.site.edit_paths.get(page.file.src_uri, f"docs/{page.file.src_uri}")
    if _build.json_ld is not None:
        linked_data = _build.json_ld.get(page.file.src_uri)
    else:
        linked_data = opendata.json_ld(_build.model, page.file.src_uri) if _build.model is not None else None
    if linked_data:
        # In the page's front matter, printed by the theme (main.html): an export without hooks keeps it.
        page.meta["json_ld"] = linked_data
    # Hand-written pages were expanded and linked together with the generated ones in on_files.
    return _build.site.docs.get(page.file.src_uri, markdown)


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    return preview.with_problems(output, _build.problems) if _build.problems else output


@event_priority(100)  # before the search plugin writes its index: the tracker completes it
def on_post_build(*, config: MkDocsConfig) -> None:
    gc.unfreeze()
    if _tracker is not None:
        assert _build.files is not None
        _tracker.finish(_build.files, config)


def on_build_error(*, error: Exception) -> None:
    if _tracker is not None:
        _tracker.forget()


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
    return preview.with_problems(output_content, _build.problems) if _build.problems else output_content


@contextmanager
def _building() -> Iterator[None]:
    """Build our model or pages without the garbage collector's rounds, then keep them out of its way.

    Building allocates much and frees little, so collecting meanwhile is wasted work; what is built then
    lives until the build ends, and frozen, it is no longer walked by every collection MkDocs triggers
    while it renders. Together about a second of a 35-second build at ×100 (bench/results.md).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


def _fail(problems: list[Problem]) -> None:
    """Stop the build with every problem; under serve, show them in the browser instead."""
    error = DataError(_build.problems + problems)
    if not _serving:
        raise PluginError(error.summary())
    _build.problems = error.problems
    preview.report(_build.problems)


def _split_after(config: MkDocsConfig) -> int:
    """How many records an index page lists before it is split into parts (parts.py)."""
    setting = config.extra.get("explainer", {}).get("split_after", SPLIT_AFTER)
    if isinstance(setting, bool) or not isinstance(setting, int) or setting < 1:
        raise PluginError(f"mkdocs.yml: extra.explainer.split_after is {setting!r} — use a whole number of records, "
                          f"at least 1 (default {SPLIT_AFTER})")
    return setting


def _mention_mode(config: MkDocsConfig) -> MentionMode:
    setting = config.extra.get("explainer", {}).get("link_mentions", MentionMode.FIRST_ON_PAGE.value)
    try:
        return MentionMode(setting)
    except ValueError:
        choices = ", ".join(m.value for m in MentionMode)
        raise PluginError(f"mkdocs.yml: extra.explainer.link_mentions is '{setting}' — use one of: {choices}") from None
