"""The impact definition of docs/impact.md in plain Python, for the tests only: per window, the
customers' funnel progress by the words of docs/funnels.md (the window is the date range and the
conversion window), then the counts at one stage. Shares no code with cjm/evidence."""

import datetime
from collections import defaultdict


def window_reference(events, stage_ids, stage_index, touchpoint_id, start, end):
    """``events``: (customer, stage_id, touchpoint_id, occurred_at, event_id) tuples.
    Returns (entered, converted or None, exit_customers)."""
    deadline_length = end - start
    own = defaultdict(list)
    for event in events:
        if start <= event[3] < end and event[1] in stage_ids:
            own[event[0]].append(event)
    entered = converted = exits = 0
    for rows in own.values():
        first = [e[3] for e in rows if e[1] == stage_ids[0]]
        if not first:
            continue
        t1 = min(first)
        deadline = t1 + deadline_length
        times = [t1]
        for stage_id in stage_ids[1:]:
            later = [e[3] for e in rows if e[1] == stage_id and times[-1] <= e[3] <= deadline]
            if not later:
                break
            times.append(min(later))
        reached = len(times)
        if reached <= stage_index:
            continue
        entered += 1
        if reached > stage_index + 1:
            converted += 1
            continue
        if stage_index == len(stage_ids) - 1:
            continue  # reached the last stage: nobody leaves from there
        tk = times[stage_index]
        candidates = [
            e
            for e in rows
            if e[1] == stage_ids[stage_index] and e[2] is not None and tk <= e[3] <= deadline
        ]
        if candidates:
            last = max(candidates, key=lambda e: (e[3], e[4]))
            if last[2] == touchpoint_id:
                exits += 1
    last_stage = stage_index == len(stage_ids) - 1
    return entered, None if last_stage else converted, exits


UTC = datetime.UTC
