"""The exporter behind exporter/attnscope_export.py: one module per model family, plus the bundle
writer, the picture loader, weight loading and the one-line errors."""
