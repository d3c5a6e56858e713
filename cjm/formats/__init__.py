"""One way to write dates per language (``FORMAT_MODULE_PATH``): every template writes dates
with ``|date:"DATE_FORMAT"`` / ``"DATETIME_FORMAT"`` (the SHORT_ names are the same), and dates
drawn by scripts are formatted on the server the same way (docs/dates.md)."""
