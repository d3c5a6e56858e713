"""What every slice stands on, and which imports no feature (the import contract checks it):
tenancy and workspace scoping, permissions, positions, versioning, how people are shown, the
editor's htmx plumbing, and the API's base viewsets, filters, schema pieces and errors."""
