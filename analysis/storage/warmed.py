"""Imported by the dashboard's fork server (see :func:`analysis.storage.ingest.parsed_uploads`):
what every parse needs is loaded there once, so each upload worker forked from it starts warm."""

from analysis.storage.ingest import warm

warm()
