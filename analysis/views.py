"""Analysis tables exported by the CLI and shown by the dashboard (filled by the analysis issue)."""

EXPORTS: dict = {}
