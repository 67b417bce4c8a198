"""The filters every view and export shares, turned into SQL over the ``reports`` table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Filters:
    """Which reports (and which section kinds) a view covers; empty means all.

    ``year_range`` is inclusive; ``years`` lists single years (the CLI's ``--year``).
    """

    year_range: tuple[int, int] | None = None
    years: tuple[int, ...] = ()
    provinces: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()
    townships: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    report_ids: tuple[int, ...] = ()

    def where(self, alias: str = "r") -> tuple[str, list]:
        """SQL condition on a ``reports`` alias and its parameters (``TRUE`` when unfiltered)."""
        parts, params = ["TRUE"], []
        if self.year_range:
            parts.append(f"{alias}.year BETWEEN ? AND ?")
            params += list(self.year_range)
        for column, values in (
            ("year", self.years),
            ("province", self.provinces),
            ("county", self.counties),
            ("township", self.townships),
            ("id", self.report_ids),
        ):
            if values:
                parts.append(f"{alias}.{column} IN ({', '.join('?' * len(values))})")
                params += list(values)
        return " AND ".join(parts), params

    def kind_where(self, column: str = "s.kind") -> tuple[str, list]:
        """SQL condition on a section-kind column (``TRUE`` when all kinds)."""
        if not self.kinds:
            return "TRUE", []
        return f"{column} IN ({', '.join('?' * len(self.kinds))})", list(self.kinds)


ALL = Filters()
