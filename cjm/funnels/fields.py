"""A list of integers stored natively: ``bigint[]`` on PostgreSQL, JSON text elsewhere.

The funnel progress of a customer keeps the offsets of the stages they reached. PostgreSQL reads
them with array subscripts inside the aggregation queries (no JSON parsing per row); SQLite, the
embedded default, keeps the same list as JSON text and the portable engine reads it in Python.
"""

import json

from django.db import models


class IntegerListField(models.Field):
    description = "A list of 64-bit integers"

    def db_type(self, connection) -> str:
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value, expression, connection):
        if value is None or isinstance(value, list):
            return value
        return json.loads(value)

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        return json.loads(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        value = [int(item) for item in value]
        if connection.vendor == "postgresql":
            return value
        return json.dumps(value, separators=(",", ":"))
