"""Derived tables recomputed after each batch (filled by the analysis issue)."""


def refresh(con) -> None:
    return None
