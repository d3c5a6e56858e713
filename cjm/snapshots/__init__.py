"""Snapshots of a map (frozen, read-only) and the comparison of two maps (docs/snapshots.md)."""
