"""Data for bench_funnel.py: a map and 10M generated events, made in SQL (not Python).

Run as a script it does nothing (`make bench` runs every file here; bench_funnel.py is the one).

Shape: 8 stages with 5 touchpoints each (40), 5 channels, 4 segments, N customers. Each customer
starts at a random moment of 2025, goes through a random number of stages (each one continued by
70%), and produces exactly events/customers events spread over the stages reached, a random
0.2 to 2.2 days apart (20% of customers are slower: up to 6.2 days, often leaving the 30-day
window); 5% of events land at a random time around the start (out of order, before t1, or
later); 80% carry a touchpoint of their stage (with its channel). Inserted in time order, like
real arrivals. Deterministic (setseed).
"""

STAGES, TOUCHPOINTS_PER_STAGE, CHANNELS, SEGMENTS = 8, 5, 5, 4


def build_map(user):
    """The workspace (``user`` its admin), journey, stages, channels, touchpoints, segments."""
    from cjm import services
    from cjm.accounts import services as account_services
    from personas import services as persona_services
    from touchpoints import services as touchpoint_services

    workspace = account_services.workspace_create(name="Funnel benchmark", creator=user)
    journey = services.journey_create(
        actor=None,
        workspace=workspace,
        title="Online store (benchmark)",
        status="active",
        stage_names=[f"Stage {i + 1}" for i in range(STAGES)],
    )
    channels = [
        touchpoint_services.channel_create(
            actor=None,
            workspace=workspace,
            name=f"Channel {i + 1}",
            kind="online",
            medium="website",
        )
        for i in range(CHANNELS)
    ]
    for stage in journey.stages.order_by("position"):
        for t in range(TOUCHPOINTS_PER_STAGE):
            touchpoint_services.touchpoint_create(
                actor=None,
                stage=stage,
                name=f"TP {stage.position + 1}.{t + 1}",
                channel=channels[t],
            )
    for i in range(SEGMENTS):
        persona_services.segment_create(actor=None, workspace=workspace, name=f"Segment {i + 1}")
    return workspace, journey


def generate_events(cursor, workspace_id: int, journey_id: int, customers: int, events: int):
    per_customer = events // customers
    cursor.execute("SET work_mem = '512MB'")
    cursor.execute("SET maintenance_work_mem = '2GB'")
    cursor.execute("SET synchronous_commit = off")
    cursor.execute("SET session_replication_role = replica")  # no FK triggers while loading
    cursor.execute("SELECT setseed(0.42)")
    cursor.execute(
        """INSERT INTO cjm_customer (workspace_id, external_id, segment_id, attributes,
               first_seen_at, last_seen_at, created_at)
        SELECT %(ws)s, 'cust-' || g,
               CASE WHEN g %% 10 = 0 THEN NULL
                    ELSE (SELECT min(id) FROM personas_segment WHERE workspace_id = %(ws)s)
                         + g %% 4 END,
               '{}', NULL, NULL, now()
        FROM generate_series(1, %(n)s) g""",
        {"ws": workspace_id, "n": customers},
    )
    cursor.execute("DROP TABLE IF EXISTS bench_params, bench_stages")
    cursor.execute(
        """CREATE UNLOGGED TABLE bench_params AS
        SELECT c.id AS customer_id,
               timestamptz '2025-01-01' + random() * interval '350 days' AS t0,
               least(8, 1 + floor(ln(1 - random()) / ln(0.7)))::int AS depth,
               0.2 + random() * (CASE WHEN random() < 0.2 THEN 6 ELSE 2 END) AS gap_days
        FROM cjm_customer c WHERE c.workspace_id = %s""",
        [workspace_id],
    )
    cursor.execute(
        """CREATE UNLOGGED TABLE bench_stages AS
        SELECT s.position, s.id AS stage_id,
               array_agg(t.id ORDER BY t.position) AS touchpoints,
               array_agg(t.channel_id ORDER BY t.position) AS channels
        FROM cjm_stage s JOIN touchpoints_touchpoint t ON t.stage_id = s.id
        WHERE s.journey_id = %s GROUP BY s.position, s.id""",
        [journey_id],
    )
    cursor.execute(
        "SELECT indexdef FROM pg_indexes WHERE tablename = 'cjm_event' "
        "AND indexname NOT LIKE '%%pkey'"
    )
    definitions = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT conname FROM pg_constraint WHERE conrelid = 'cjm_event'::regclass AND contype='u'"
    )
    unique = [row[0] for row in cursor.fetchall()]
    for name in unique:
        cursor.execute(f"ALTER TABLE cjm_event DROP CONSTRAINT {name}")
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'cjm_event' "
        "AND indexname NOT LIKE '%%pkey'"
    )
    for (name,) in cursor.fetchall():
        cursor.execute(f"DROP INDEX {name}")
    cursor.execute(
        """INSERT INTO cjm_event (workspace_id, customer_id, stage_id, touchpoint_id, channel_id,
                                  occurred_at, event_id, properties, received_at)
        SELECT %(ws)s, customer_id, stage_id,
               CASE WHEN has_touchpoint THEN touchpoints[k] END,
               channels[k], t, md5(customer_id || '-' || j), '{}', now()
        FROM (
            SELECT p.customer_id, j, s.stage_id, s.touchpoints, s.channels,
                   random() < 0.8 AS has_touchpoint, 1 + (random() * 4)::int AS k,
                   CASE WHEN random() < 0.05
                        THEN p.t0 + (random() * 30 - 5) * interval '1 day'
                        ELSE p.t0 + j * p.gap_days * interval '1 day' * (0.5 + random())
                   END AS t
            FROM bench_params p
            CROSS JOIN generate_series(0, %(per)s - 1) j
            JOIN bench_stages s ON s.position = (j * p.depth) / %(per)s
        ) x
        ORDER BY t""",
        {"ws": workspace_id, "per": per_customer},
    )
    for name in unique:
        cursor.execute(
            f"ALTER TABLE cjm_event ADD CONSTRAINT {name} UNIQUE (workspace_id, event_id)"
        )
    for definition in definitions:
        if "UNIQUE" not in definition:
            cursor.execute(definition)
    cursor.execute("SET session_replication_role = DEFAULT")
    cursor.execute(
        """UPDATE cjm_customer c SET first_seen_at = x.first, last_seen_at = x.last
        FROM (SELECT customer_id, min(occurred_at) AS first, max(occurred_at) AS last
              FROM cjm_event GROUP BY customer_id) x WHERE x.customer_id = c.id"""
    )
    cursor.execute("DROP TABLE bench_params, bench_stages")


def late_events(cursor, workspace_id: int, journey_id: int, count: int, tag: str) -> None:
    """``count`` events that arrive now for existing customers, at past times of 2025."""
    cursor.execute(
        """INSERT INTO cjm_event (workspace_id, customer_id, stage_id, touchpoint_id, channel_id,
                                  occurred_at, event_id, properties, received_at)
        SELECT %(ws)s, c.lo + (x.pick * (c.hi - c.lo))::bigint, s.id, NULL, NULL,
               timestamptz '2025-01-01' + x.moment * interval '360 days',
               %(tag)s || x.g, '{}', now()
        FROM (SELECT g, random() AS pick, random() AS moment,
                     least(7, floor(-ln(1 - random()) * 2))::int AS position
              FROM generate_series(1, %(n)s) g) x
        CROSS JOIN (SELECT min(id) AS lo, max(id) AS hi FROM cjm_customer
                    WHERE workspace_id = %(ws)s) c
        JOIN cjm_stage s ON s.journey_id = %(journey)s AND s.position = x.position""",
        {"ws": workspace_id, "journey": journey_id, "n": count, "tag": tag},
    )
