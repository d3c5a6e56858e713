"""The map of the REST API benchmarks (bench_api_journey_map.py, bench_api_map_cache.py).

Run as a script it does nothing (`make bench` runs every file here). ``build_map`` makes, through
the services (actor=None: the system), a workspace with four users, three teams, six channels, a
segment and two personas, and one journey of 12 stages x 10 touchpoints (a channel and a team
each, an owner on two in three, 0-2 improvement actions, some overdue, some done) x 8 lanes with
a cell at every stage; it returns the journey and an API token of the workspace's admin.
"""

import datetime
import sys

STAGES, PER_STAGE = 12, 10
LANE_KINDS = ["goals", "actions", "touchpoints", "channels", "thoughts", "emotions", "pains",
              "metrics"]  # fmt: skip


def build_map():
    """The map, through the services (actor=None: the system); returns (journey, token key)."""
    from django.contrib.auth import get_user_model

    from cjm import services
    from cjm.services.accounts import api_token_create
    from personas import services as persona_services
    from touchpoints import services as tp_services

    new_user = get_user_model().objects.create_user
    users = [new_user(f"bench{i}", first_name=f"Owner{i}", last_name="B") for i in range(4)]
    workspace = services.workspace_create(name="Bench", creator=users[0])
    for user in users[1:]:
        services.membership_set(actor=None, workspace=workspace, user=user, role="editor")
    teams = [
        services.team_create(actor=None, workspace=workspace, name=f"Team {i}", members=users[:2])
        for i in range(3)
    ]
    kinds, media = ["online", "offline"], ["website", "app", "other"]
    channels = [
        tp_services.channel_create(actor=None, workspace=workspace, name=f"Channel {i}",
                                   kind=kinds[i % 2], medium=media[i % 3])
        for i in range(6)
    ]  # fmt: skip
    segment = persona_services.segment_create(actor=None, workspace=workspace, name="Buyers")
    personas = [persona_services.persona_create(actor=None, workspace=workspace, name=f"P{i}")
                for i in range(2)]  # fmt: skip
    journey = services.journey_create(
        actor=None, workspace=workspace, title="Benchmark map", segment=segment,
        personas=personas, with_standard_lanes=False,
        stage_names=[f"Stage {i}" for i in range(STAGES)],
    )  # fmt: skip
    lanes = [services.lane_create(actor=None, journey=journey, name=kind.title(), kind=kind)
             for kind in LANE_KINDS]  # fmt: skip
    ratings = ["excellent", "so_so", "awful", "unrated"]
    categories = ["business", "product", "service", "employee", "brand"]
    today = datetime.date.today()
    for stage in journey.stages.order_by("position"):
        for lane in lanes:
            emotion = (stage.position % 7) - 3 if lane.kind == "emotions" else None
            text = f"{lane.name} at {stage.name}: what the customer does, thinks and feels."
            services.lane_cell_set(actor=None, lane=lane, stage=stage, text=text,
                                   emotion_score=emotion)  # fmt: skip
        for i in range(PER_STAGE):
            touchpoint = tp_services.touchpoint_create(
                actor=None, stage=stage, name=f"Touchpoint {stage.position}.{i}",
                description="Where the customer meets us here.", channel=channels[i % 6],
                owner=users[i % 4] if i % 3 else None, team=teams[i % 3],
                rating=ratings[i % 4], category=categories[i % 5], is_critical=i == 0,
            )  # fmt: skip
            for n in range(i % 3):  # 0, 1 or 2 actions; some overdue, some done
                tp_services.action_create(
                    actor=None, touchpoint=touchpoint, title=f"Improve {n}",
                    assignee=users[n], due_date=today + datetime.timedelta(days=5 * n - 3),
                    status="done" if (i + n) % 4 == 0 else "open",
                )  # fmt: skip
    token = api_token_create(actor=users[0])
    return journey, token.key


if __name__ == "__main__":
    print("_map_data.py: the map of the API benchmarks, nothing to run alone")
    sys.exit(0)
