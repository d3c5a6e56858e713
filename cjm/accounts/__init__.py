"""Accounts, one slice: the writes, API and admin of workspaces, their members and teams (the
tables themselves are tenancy, in ``cjm.core.tenancy``: every slice scopes by them), and what
a person sets for themselves (interface language, API token) with its page, middleware and the
``create_api_token`` command."""
