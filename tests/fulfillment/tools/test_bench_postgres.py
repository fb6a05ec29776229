"""`emma bench search --database`: the same generated catalog on SQLite and PostgreSQL, figures side by side."""

from __future__ import annotations

from fulfillment.tools import bench_postgres


def test_search_prints_both_backends_side_by_side(postgres, capsys):
    url = postgres.create_database("bench_search_test")
    try:
        assert bench_postgres.search(products=400, queries=20, database=url) == 0
    finally:
        postgres.drop_database("bench_search_test")
    out = capsys.readouterr().out
    rows = [line.split()[0] for line in out.splitlines() if " ms   p95 " in line]
    assert rows == ["SQLite", "PostgreSQL"]
    assert "400 products generated" in out


def test_a_url_is_used_as_it_is():
    with bench_postgres.scratch_database("postgresql://emma@127.0.0.1:5/x") as url:
        assert url == "postgresql://emma@127.0.0.1:5/x"
