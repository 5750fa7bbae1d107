"""The built site's search index (Pagefind's, in site/pagefind/) read as the tests need it, independently of
the hooks: one fragment per indexed page, with its URL, its indexed text, its metadata and its headings."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
"""Pagefind's files are gzip-compressed JSON (or binary) behind this signature."""


def read(file: Path) -> bytes:
    data = gzip.decompress(file.read_bytes())
    assert data.startswith(SIGNATURE), f"{file} is not a Pagefind file"
    return data[len(SIGNATURE):]


def fragments(site_root: Path) -> list[dict]:
    """Every indexed page: {"url": "/actors/china/", "content": "...", "meta": {"title": ...}, "anchors": [...]}."""
    return [json.loads(read(f)) for f in sorted((site_root / "pagefind" / "fragment").glob("*.pf_fragment"))]


def entry(site_root: Path) -> dict:
    return json.loads((site_root / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


def alias_names(actor: dict) -> list[str]:
    """An actor's other names as data/actors.yml gives them (a string, or a mapping with `name`)."""
    return [a if isinstance(a, str) else a["name"] for a in actor.get("aliases", [])]
