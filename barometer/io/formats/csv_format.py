"""CSV: one table, LF line ends, None as an empty cell."""

from __future__ import annotations

from barometer.io.csv_io import render_csv
from barometer.io.formats import Table


def write(table: Table) -> bytes:
    return render_csv(table.columns, table.rows).encode("utf-8")
