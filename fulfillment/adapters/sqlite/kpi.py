"""The shop KPIs on SQLite: the shared queries of `adapters.kpi_sql` in SQLite's spelling."""

from __future__ import annotations

from fulfillment.adapters.kpi_sql import Dialect, SqlKpiStore
from fulfillment.adapters.sqlite.database import Database
from fulfillment.adapters.sqlite.review import FLAG_SQL

SQLITE = Dialect(
    param=lambda name: f":{name}",
    flags=FLAG_SQL,
    timing_numbers="SELECT j.key, j.value FROM turns t, json_each(t.timings) AS j WHERE j.type IN ('integer', 'real')",
)


class KpiStore(SqlKpiStore):
    def __init__(self, db: Database) -> None:
        super().__init__(lambda sql, params: db.connection().execute(sql, params).fetchall(), SQLITE)
        self.db = db
