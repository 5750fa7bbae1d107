"""When a relation holds: `since` and `until` name the events that began and ended it.

The timeline draws such a relation as a lane ("Xi Jinping leads China" from his becoming general
secretary), so the events must make sense as its ends: ones that happened (a lane cannot start
at something only expected), and the end not before the start. Unknown ids are reported with
every other reference (`check.py`); this only judges events that exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import Report
    from .model import Model
    from .validate import Record


def check_tenures(model: Model, records: dict[str, list[Record]], report: Report) -> None:
    """Report each `since`/`until` naming an expected event, and each `until` earlier than its `since`."""
    events = {r.id: r for r in records["events"] if r.id}
    for record in records["actors"]:
        owner = f"actor '{record.id}'" if record.id else f"the actor on line {record.at()[0]}"
        for j, relation in record.items("relations"):
            what = f"{owner}: relation '{relation.get('label')}' {relation.get('to')}"
            ends = {key: relation[key] for key in ("since", "until") if isinstance(relation.get(key), str)}
            for key, event_id in ends.items():
                event = events.get(event_id)
                if event is not None and event.fields.get("status") == "expected":
                    report.add(record.path, record.at("relations", j, key),
                               f"{what}: `{key}` names '{event_id}', an event the article only expects — a relation "
                               "can only begin or end with an event that happened; name one, or leave out "
                               f"`{key}` until it has happened")
            first, last = (model.events.get(ends.get(key, "")) for key in ("since", "until"))
            if first is not None and last is not None and _start(last.date) < _start(first.date):
                report.add(record.path, record.at("relations", j, "until"),
                           f"{what}: `until` '{last.id}' ({last.date.label}) comes before `since` '{first.id}' "
                           f"({first.date.label}) — swap them, or name the event that ended the relation")


def _start(date) -> tuple[int, int, int]:
    return date.year, date.month or 1, date.day or 1
