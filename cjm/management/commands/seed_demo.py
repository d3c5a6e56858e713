"""Create the demo workspace: an online store with courier delivery, two maps, 50 touchpoints,
and three months of history (customers, events, survey answers, reviews, funnel reports)."""

import argparse

from django.core.management.base import BaseCommand

from cjm.demo import people
from cjm.demo.loader import demo_seed
from touchpoints.models import ImprovementAction, Touchpoint

APP_URL = "http://127.0.0.1:8000/"


def positive_scale(value: str) -> float:
    try:
        scale = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"takes a number, not {value!r}") from None
    if not 0 < scale <= 10:
        raise argparse.ArgumentTypeError("must be above 0 and at most 10")
    return scale


class Command(BaseCommand):
    help = (
        "Create the demo workspace (slug 'demo') with users, teams, channels, segments, personas, "
        "two journey maps, touchpoints, improvement actions and comments, and three months of "
        "history: about 5,000 customers with 50,000 events, survey answers, reviews and a funnel "
        "report per journey. Running it again changes nothing (it only completes a history that "
        "is missing); --reset deletes the demo workspace and demo users and creates them anew."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo workspace and the demo users first, then create them again.",
        )
        parser.add_argument(
            "--scale",
            type=positive_scale,
            default=1.0,
            help="Size of the history relative to the usual one (e.g. 0.1 for a small demo).",
        )
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="Only the workspace and its maps: no customers, events, feedback or reports.",
        )

    def handle(self, *args, reset: bool = False, scale: float = 1.0, **options):
        result = demo_seed(reset=reset, scale=scale, with_history=not options["no_history"])
        workspace = result.workspace
        history = result.history
        if not result.created:
            if history is not None and history.changed:
                self.stdout.write(f"Demo workspace {workspace.name} already exists.")
            else:
                self.stdout.write(
                    f"Demo workspace already exists ({workspace.name}, slug '{workspace.slug}'): "
                    "nothing changed. Use --reset to recreate it."
                )
        else:
            touchpoints = Touchpoint.objects.filter(stage__journey__workspace=workspace)
            actions = ImprovementAction.objects.filter(touchpoint__in=touchpoints)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created demo workspace {workspace.name} (slug '{workspace.slug}'): "
                    f"{workspace.journeys.count()} journeys, {touchpoints.count()} touchpoints, "
                    f"{actions.count()} improvement actions, "
                    f"{workspace.personas.count()} personas."
                )
            )
            if result.users_kept:
                self.stdout.write(
                    "These users already existed and keep their own passwords: "
                    + ", ".join(result.users_kept)
                )
        if history is not None and history.changed:
            self.write_history(history)
        self.stdout.write("")
        self.stdout.write(f"Open {APP_URL} and sign in (password {people.PASSWORD}):")
        for spec in people.USERS:
            name = f"{spec['first_name']} {spec['last_name']}"
            self.stdout.write(f"  {spec['username']:<8} {spec['role']:<7} {name} - {spec['title']}")

    def write_history(self, history) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"Added history: {history.customers} customers, {history.events} events, "
                f"{history.surveys} surveys with {history.answers} answers, "
                f"{history.reviews} reviews."
            )
        )
        for report in history.reports:
            self.stdout.write(
                f"Funnel report for {report.journey.title}: {report.get_status_display()}"
                + ("" if report.status == "done" else " (a Celery worker computes it)")
            )
