"""Who has a map open: a small dict per map in Django's cache (Redis when ``REDIS_URL`` is set),
one entry per open socket, each with the time it was last heard of.

An entry not refreshed for ``EXPIRY`` seconds is dropped when the map is next read (a tab closed
without a goodbye: a killed browser, a lost network), and the whole key expires with it. Writes
are read-modify-write: two sockets joining in the same instant may drop one of them, which its
next heartbeat (every ``HEARTBEAT`` seconds) puts back.
"""

import time

from django.core.cache import cache

HEARTBEAT = 5  # seconds between a client's heartbeats
EXPIRY = 15  # seconds after which a silent client is gone

# Outline and avatar colours, picked by user id (the same person has the same colour everywhere).
COLOURS = ("#c2410c", "#0f766e", "#7c3aed", "#be185d", "#1d4ed8", "#4d7c0f", "#b45309", "#0e7490")


def _key(journey_id: int) -> str:
    return f"cjm:live:presence:{journey_id}"


def colour_of(user_id: int) -> str:
    return COLOURS[user_id % len(COLOURS)]


def _fresh(entries: dict, now: float) -> dict:
    return {channel: entry for channel, entry in entries.items() if now - entry["seen"] < EXPIRY}


def people(journey_id: int, *, now: float | None = None) -> list[dict]:
    """The people on the map, once each (several tabs of one person: the latest marker wins),
    in the order they came."""
    now = time.time() if now is None else now
    entries = _fresh(cache.get(_key(journey_id)) or {}, now)
    by_user: dict[int, dict] = {}
    for entry in sorted(entries.values(), key=lambda item: item["since"]):
        person = by_user.setdefault(entry["id"], {**entry})
        if entry["editing"] and entry["seen"] >= person["seen"]:
            person["editing"] = entry["editing"]
    return [
        {key: person[key] for key in ("id", "name", "initials", "colour", "editing")}
        for person in by_user.values()
    ]


def touch(journey_id: int, channel: str, person: dict | None = None, **changes) -> bool:
    """Add or refresh one socket's entry (``person``: id, name, initials on the first call;
    ``editing``: an element id or ""). True when what others see changed."""
    now = time.time()
    key = _key(journey_id)
    stored = cache.get(key) or {}
    entries = _fresh(stored, now)
    changed = len(entries) != len(stored)
    entry = entries.get(channel)
    if entry is None:
        if person is None:
            return changed
        entry = {**person, "colour": colour_of(person["id"]), "editing": "", "since": now}
        changed = True
    for name, value in changes.items():
        changed = changed or entry.get(name) != value
        entry[name] = value
    entry["seen"] = now
    entries[channel] = entry
    cache.set(key, entries, EXPIRY)
    return changed


def leave(journey_id: int, channel: str) -> None:
    key = _key(journey_id)
    entries = _fresh(cache.get(key) or {}, time.time())
    entries.pop(channel, None)
    if entries:
        cache.set(key, entries, EXPIRY)
    else:
        cache.delete(key)
