"""Live co-editing: who is on a map and every committed change pushed to its open copies
(docs/live.md)."""
