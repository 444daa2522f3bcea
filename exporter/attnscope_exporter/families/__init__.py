"""One module per model family. Each family knows how to build its models, which of their modules
are attention blocks the exporter reads, and how to export those blocks from one forward pass."""
