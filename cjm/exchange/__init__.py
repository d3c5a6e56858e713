"""Exchange: a journey map out to a file and back (JSON, CSV, XLSX). See docs/exchange.md."""
