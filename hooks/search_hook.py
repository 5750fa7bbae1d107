"""MkDocs hooks for the site's search: Material's search box, Pagefind's index (`nkexplainer.search`).

`on_files` adds the box's settings file; `on_post_build` indexes the built site. A build stops with
one clear line if Pagefind cannot run. Under `mkdocs serve` the index is rebuilt in the background,
so a saved edit shows at once and search catches up a moment later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from nkexplainer import search

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = get_plugin_logger("search")
_background: search.Background | None = None
"""Under `mkdocs serve` only."""


def on_startup(*, command: str, dirty: bool) -> None:
    global _background
    _background = search.Background(log.warning) if command == "serve" else None


def on_pre_build(*, config: MkDocsConfig) -> None:
    if _background is not None:
        _background.stop()


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    files.append(File.generated(config, search.SETTINGS_FILE, content=search.settings_json(_language(config)),
                                inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_post_build(*, config: MkDocsConfig) -> None:
    if _background is not None:
        _background.start(config.site_dir, _language(config))
        return
    try:
        search.build_index(config.site_dir, _language(config))
    except search.SearchIndexError as error:
        raise PluginError(str(error)) from None


def on_shutdown() -> None:
    if _background is not None:
        _background.stop()


def _language(config: MkDocsConfig) -> str:
    return str(config.theme.get("language") or "en").split("-")[0].lower() or "en"
