"""Create the demo workspace: an online store with courier delivery, two maps, 50 touchpoints."""

from django.core.management.base import BaseCommand

from cjm.demo import people
from cjm.demo.loader import demo_seed
from touchpoints.models import ImprovementAction, Touchpoint

APP_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = (
        "Create the demo workspace (slug 'demo') with users, teams, channels, segments, personas, "
        "two journey maps, touchpoints, improvement actions and comments. Running it again "
        "changes nothing; --reset deletes the demo workspace and demo users and creates them anew."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo workspace and the demo users first, then create them again.",
        )

    def handle(self, *args, reset: bool = False, **options):
        result = demo_seed(reset=reset)
        workspace = result.workspace
        if not result.created:
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
        self.stdout.write("")
        self.stdout.write(f"Open {APP_URL} and sign in (password {people.PASSWORD}):")
        for spec in people.USERS:
            name = f"{spec['first_name']} {spec['last_name']}"
            self.stdout.write(f"  {spec['username']:<8} {spec['role']:<7} {name} - {spec['title']}")
