"""Keeping reports. In: ParsedReports (ingest). Out: the DuckDB store and its published snapshots,
summary tables, the shared Filters and the plain tables pages read (reports, sections, items)."""
