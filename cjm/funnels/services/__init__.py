"""Writes of events and funnels, split by noun: ``events`` (ingestion, mapping rules, starting an
import), ``funnels`` (report requests, manual funnels) and ``runs`` (what the background tasks
run).

Nothing is re-exported here: ``events`` and ``funnels`` import the tasks, and the tasks import
``runs``, so importing the package must not pull in the modules that import the tasks (the
rest of the product uses ``cjm.funnels.facade``).
"""
