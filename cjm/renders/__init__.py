"""The map as a PDF or PNG file, rendered on the server by a Celery job (docs/renders.md)."""
