"""Evidence: the measured impact of done improvement actions and the moments-of-truth ledger
(docs/impact.md). Reads only: events (SQL on the events table, portable), the latest funnel
report (through ``cjm.funnels.facade``), feedback (through ``feedback.facade``)."""
