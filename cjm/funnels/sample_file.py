"""The sample import file of a journey: real names of its stages, touchpoints and channels, a few
customers walking the map, with the header the importer expects (importer.py, names.py).

UTF-8 with a byte order mark (so that spreadsheet software shows Cyrillic names right when it
opens the file) and ``,`` between values; the importer reads it back as it is.
"""

import csv
import datetime
import io

SAMPLE_COLUMNS = (
    "event_id",
    "customer",
    "journey",
    "stage",
    "touchpoint",
    "channel",
    "occurred_at",
    "properties",
)
# (customer, how many stages they reach, start hour): one goes all the way, two drop off.
WALKS = (("customer-001", None, 9), ("customer-002", 2, 11), ("customer-003", 1, 14))
START = datetime.datetime(2026, 1, 12, tzinfo=datetime.UTC)  # a Monday


def sample_rows(journey, stages) -> list[list[str]]:
    """Rows of the sample: each customer's events, stage after stage, an hour apart, at the
    stage's touchpoints in turn (the stage alone when it has none)."""
    rows = []
    for number, (customer, reach, hour) in enumerate(WALKS):
        at = START + datetime.timedelta(days=number, hours=hour)
        for index, stage in enumerate(stages[:reach] if reach else stages):
            touchpoints = list(stage.touchpoints.all())
            touchpoint = touchpoints[number % len(touchpoints)] if touchpoints else None
            channel = touchpoint.channel if touchpoint is not None else None
            properties = '{"source": "sample"}' if index == 0 else ""
            rows.append(
                [
                    f"sample-{number + 1}-{index + 1}",
                    customer,
                    journey.title,
                    stage.name,
                    touchpoint.name if touchpoint is not None else "",
                    channel.name if channel is not None else "",
                    at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    properties,
                ]
            )
            at += datetime.timedelta(hours=1)
    return rows


def sample_csv(journey, stages) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SAMPLE_COLUMNS)
    writer.writerows(sample_rows(journey, stages))
    return out.getvalue().encode("utf-8-sig")
