"""Sharing a map: read-only share links (anonymous view, embed, password) and map templates
(built-in ones in Russian and English, and a workspace's own, saved from a map).

- ``models``: ``ShareLink``, ``JourneyTemplate``;
- ``services``: creating and revoking links, checking a link's password, saving a map as a
  template, creating a map from a template (one service, one transaction);
- ``selectors``: a journey's links, a link by its token, the templates a user may start from;
- ``builtin``: the built-in templates' content;
- ``views`` / ``api``: the share panel, the shared map and the API (docs/sharing.md).
"""
