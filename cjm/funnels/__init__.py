"""Events and funnels, one slice: customers and their events (bulk and track API, file imports,
mapping rules), funnel reports computed in the background by the engines here, manual funnels,
and their pages, API, tasks and the ``import_events`` command. Other code uses ``facade``.
docs/funnels.md describes the computation."""
