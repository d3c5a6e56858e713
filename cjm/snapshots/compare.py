"""Compare two maps: a pure function over two frozen maps (``selectors.journey_freeze`` or a
snapshot's ``data``), whatever they come from: two snapshots, a snapshot and now, or a
future-state copy and the map it was copied from (docs/snapshots.md).

Touchpoints and stages are matched by id; for a copy, ``stage_links`` / ``touchpoint_links``
translate the "to" side's ids into the "from" side's (``selectors.copy_links``).
"""

from collections.abc import Mapping


def touchpoint_rows(frozen: dict) -> list[dict]:
    """Every touchpoint of a frozen map, in map order."""
    return [tp for stage in frozen.get("stages", []) for tp in stage.get("touchpoints", [])]


def _stage_figures(frozen: dict, stage_id: int) -> dict:
    return (frozen.get("metrics") or {}).get("stages", {}).get(str(stage_id), {})


def compare_maps(
    before: dict,
    after: dict,
    *,
    stage_links: Mapping[int, int] | None = None,
    touchpoint_links: Mapping[int, int] | None = None,
) -> dict:
    """What changed from ``before`` to ``after`` in the contract's shape (API_CONTRACT.md,
    ``compare/``): touchpoints added and removed, ratings and owners that changed, and per
    stage the entered count, drop-off rate and NPS on both sides.

    ``*_links``: "after" id -> "before" id for what was copied (what has no link is new);
    None: ids match ids.
    Every list is in map order ("after"'s, then what only "before" had).
    """
    old = {tp["id"]: tp for tp in touchpoint_rows(before)}
    new = touchpoint_rows(after)
    matched: set[int] = set()
    added, ratings, owners = [], [], []
    for tp in new:
        key = tp["id"] if touchpoint_links is None else touchpoint_links.get(tp["id"])
        was = old.get(key) if key is not None else None
        if was is None:
            added.append({"touchpoint": tp["id"], "name": tp["name"], "stage": tp["stage"]})
            continue
        matched.add(was["id"])
        if was["rating"] != tp["rating"]:
            ratings.append(
                {
                    "touchpoint": tp["id"],
                    "name": tp["name"],
                    "from": was["rating"],
                    "to": tp["rating"],
                    "touchpoint_from": was["id"],
                }
            )
        if was["owner"] != tp["owner"]:
            owners.append(
                {
                    "touchpoint": tp["id"],
                    "name": tp["name"],
                    "from": was["owner"],
                    "to": tp["owner"],
                    "from_name": was.get("owner_name", ""),
                    "to_name": tp.get("owner_name", ""),
                    "touchpoint_from": was["id"],
                }
            )
    removed = [
        {"touchpoint": tp["id"], "name": tp["name"], "stage": tp["stage"]}
        for tp in touchpoint_rows(before)
        if tp["id"] not in matched
    ]
    return {
        "touchpoints_added": added,
        "touchpoints_removed": removed,
        "rating_changes": ratings,
        "owner_changes": owners,
        "stages": _stages(before, after, stage_links),
    }


def _stages(before: dict, after: dict, links: Mapping[int, int] | None) -> list[dict]:
    old = {stage["id"]: stage for stage in before.get("stages", [])}
    rows, seen = [], set()
    for stage in after.get("stages", []):
        key = stage["id"] if links is None else links.get(stage["id"])
        was = old.get(key) if key is not None else None
        if was is not None:
            seen.add(was["id"])
        rows.append(_stage_row(before, after, was, stage))
    rows.extend(
        _stage_row(before, after, stage, None)
        for stage in before.get("stages", [])
        if stage["id"] not in seen
    )
    return rows


def _stage_row(before: dict, after: dict, was: dict | None, now: dict | None) -> dict:
    then = _stage_figures(before, was["id"]) if was else {}
    figures = _stage_figures(after, now["id"]) if now else {}
    shown = now or was or {}
    return {
        "stage": shown.get("id"),
        "name": shown.get("name", ""),
        "stage_from": was["id"] if was else None,
        "change": "kept" if was and now else "added" if now else "removed",
        "entered_from": then.get("entered"),
        "entered_to": figures.get("entered"),
        "converted_from": then.get("converted"),
        "converted_to": figures.get("converted"),
        "drop_off_rate_from": then.get("drop_off_rate"),
        "drop_off_rate_to": figures.get("drop_off_rate"),
        "nps_from": then.get("nps"),
        "nps_to": figures.get("nps"),
    }
