"""Browser pages of the people slice: the workspace's people (members, invitations, teams),
joining by invitation, team pages, account basics."""
