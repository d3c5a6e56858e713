"""Browser pages of the touchpoints app, split by page."""
