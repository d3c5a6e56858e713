"""Create (or show) a user's API token, or revoke it.

manage.py create_api_token USERNAME            print the token (created if missing)
manage.py create_api_token USERNAME --rotate   replace the token with a new one
manage.py create_api_token USERNAME --revoke   delete the token: clients using it get 401
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Create, rotate or revoke the API token of a user (Authorization: Token <key>)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--revoke", action="store_true", help="Delete the user's token.")
        action.add_argument("--rotate", action="store_true", help="Replace it with a new one.")

    @transaction.atomic
    def handle(self, *args, username, revoke=False, rotate=False, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist as exc:
            raise CommandError(f"No user named {username!r}.") from exc
        if revoke or rotate:
            deleted, _ = Token.objects.filter(user=user).delete()
            if revoke:
                message = "Token revoked." if deleted else "The user had no token."
                self.stdout.write(message)
                return
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
