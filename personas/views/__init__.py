"""Browser pages of the personas app, split by page."""
