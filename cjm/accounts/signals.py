"""Signals of the people slice that other slices listen to (sent on commit)."""

from django.dispatch import Signal

# Sent after an invitation is accepted, on commit: sender=Invitation model class,
# kwargs invitation=<Invitation>, user=<the User who joined>, workspace=<Workspace>,
# inviter=<User or None> (who sent the invitation).
invitation_accepted = Signal()
