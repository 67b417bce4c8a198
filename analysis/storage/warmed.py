"""Imported by the dashboard's fork server (see :func:`analysis.storage.ingest.parsed_uploads`):
it first lowers its own priority (its warming, and every upload worker forked from it, yield the
processor to the dashboard's sessions), then loads what every parse needs once, so each upload
worker forked from it starts warm."""

from analysis.storage.workers import yield_processor

yield_processor()

from analysis.storage.ingest import warm  # noqa: E402 - imported (and warmed) at the lower priority

warm()
