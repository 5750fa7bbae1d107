"""References to ids that no record has: each reported once, with the references that fail because of it.

An id can be missing because its record was deleted or never added, or because
the id is written wrongly where it is defined (`Kim-Jong-Un`). Either way the
references to it are one mistake, not many: the first one (or the bad id itself)
is reported, with how many more fail and where ("12 more references to
'kim-jong-un' (data/events.yml:40, …) fail because of this"). References come
from the data and from hand-written pages' shortcodes alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import hints, schema
from .errors import Report
from .validate import pattern_hint

if TYPE_CHECKING:
    from .validate import Record


@dataclass
class _Reference:
    """Where an id is referred to, and who refers to it ("event 'x'", or the shortcode as written)."""

    path: str
    position: tuple[int, int]
    owner: str


@dataclass
class _BadId:
    record: Record
    kind: str
    followers: list[_Reference] = field(default_factory=list)


class References:
    """Collects the references to unknown ids while the records are checked; `report_all` reports them."""

    def __init__(self, report: Report, ids: dict[str, dict[str, Record]]) -> None:
        self.report = report
        self.ids = ids
        """Each kind's ids, as the checks find them."""
        self.names: dict[str, tuple[str, str]] = {}
        """The slug of every name and alias → (kind, id), for "did you mean" when an editor writes a name for an id."""
        self._unknown: dict[tuple[str, str], list[_Reference]] = {}
        self._bad_ids: dict[tuple[str, str], _BadId] = {}

    def bad_id(self, kind: str, record: Record) -> None:
        """A record whose id does not fit the pattern; references to the id it was probably meant to be follow it."""
        self._bad_ids.setdefault((kind, hints.slug(str(record.fields.get("id")))), _BadId(record, kind))

    def unknown(self, kind: str, value: str, path: str, position: tuple[int, int], owner: str) -> None:
        self._unknown.setdefault((kind, value), []).append(_Reference(path, position, owner))

    def report_all(self) -> None:
        """Each unknown id once, at its first reference, with how many more fail because of it (in data or pages)."""
        for (kind, value), refs in self._unknown.items():
            bad = self._bad_ids.get((kind, value))
            if bad:
                bad.followers.extend(refs)
                continue
            first, more = refs[0], refs[1:]
            message = f"{first.owner}: unknown {kind} '{value}' — {self.hint(kind, value)}"
            self.report.add(first.path, first.position, message + _followers(value, more, "more "))
        for bad in self._bad_ids.values():
            record, raw = bad.record, str(bad.record.fields.get("id"))
            self.report.add(record.path, record.at("id"), f"{bad.kind} id {raw!r} — {pattern_hint(schema.SLUG, raw)}"
                            + _followers(hints.slug(raw), bad.followers))

    def hint(self, kind: str, value: str) -> str:
        """A slip within one word of a known id, a name used for an id, the id of another kind, or what to do."""
        similar = hints.did_you_mean(hints.similar_ids(value, self.ids[kind]))
        if similar:
            return similar
        named = self.names.get(hints.slug(value))
        if named and named[0] == kind:
            return f"did you mean '{named[1]}'? ('{value}' is one of its names, not its id)"
        other = [k for k in self.ids if k != kind and value in self.ids[k]]
        if other:
            return f"'{value}' is {_a(other[0])} {other[0]}, not {_a(kind)} {kind}"
        return f"add {_a(kind)} {kind} with this id first, or fix the id"


def _a(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


def _followers(value: str, refs: list[_Reference], more: str = "") -> str:
    """"; 12 more references to 'x' (data/events.yml:40, …) fail because of this", or nothing."""
    if not refs:
        return ""
    places = ", ".join(f"{r.path}:{r.position[0]}" for r in refs[:3])
    if len(refs) > 3:
        places += f" and {len(refs) - 3} more"
    count = len(refs)
    return f"; {count} {more}reference{'s' if count != 1 else ''} to '{value}' ({places}) " \
           f"fail{'s' if count == 1 else ''} because of this"
