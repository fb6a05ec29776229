"""`emma db migrate-to postgresql://...`: moves a SQLite shop into PostgreSQL and checks the counts."""

from __future__ import annotations

from fulfillment.domain.errors import BadInput
from fulfillment.settings import Settings


def migrate_to(config: Settings, url: str) -> int:
    """Copies everything of the home's SQLite database into the (empty) PostgreSQL database at `url`, then
    prints each table's rows on both sides. The SQLite file is left as it was."""
    from fulfillment.adapters.postgres.catalog import TEXT_CONFIGS, PgCatalog
    from fulfillment.adapters.postgres.copy import TargetNotEmpty, copy_sqlite
    from fulfillment.adapters.postgres.database import PgDatabase, is_postgres_url
    from fulfillment.lang import DEFAULT

    if not is_postgres_url(url):
        raise BadInput("Give a postgresql:// URL.", code="bad_database_url")
    if not config.db_path.exists():
        raise BadInput(f"There is no SQLite shop at {config.db_path}.", code="no_sqlite_shop")
    db = PgDatabase(url)
    try:
        counts = copy_sqlite(config.db_path, db, PgCatalog(db, TEXT_CONFIGS[DEFAULT.code]))
    except TargetNotEmpty as err:
        raise BadInput(f"{err} Use an empty database.", code="target_not_empty") from err
    finally:
        db.close()
    width = max(map(len, counts))
    print(f"{'table':<{width}}  {'SQLite':>8}  {'PostgreSQL':>10}")
    for table, (source, target) in counts.items():
        print(f"{table:<{width}}  {source:>8}  {target:>10}")
    print(f"All {sum(s for s, _ in counts.values())} rows copied; the counts match."
          f" Now start Emma with EMMA_DATABASE_URL={url}")
    return 0
