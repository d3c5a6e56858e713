"""Create (or show) a user's API token, or revoke it.

manage.py create_api_token USERNAME            print the token (created if missing)
manage.py create_api_token USERNAME --rotate   replace the token with a new one
manage.py create_api_token USERNAME --revoke   delete the token: clients using it get 401
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cjm.accounts.services.users import api_token_create, api_token_obtain, api_token_revoke


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
        # The command acts for the user (the operator speaks for them): the services write.
        if revoke:
            revoked = api_token_revoke(actor=user)
            self.stdout.write("Token revoked." if revoked else "The user had no token.")
            return
        token = api_token_create(actor=user) if rotate else api_token_obtain(actor=user)
        self.stdout.write(token.key)
