"""Shared pieces of the REST API: errors, pagination, parsing limits, throttling, permissions,
ETag / If-Match handling, scoped relation fields and the OpenAPI error responses."""
