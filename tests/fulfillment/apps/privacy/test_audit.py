"""The audit log of support reads."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fulfillment.services.privacy.audit import count_audit, list_audit, record_access


def test_entries_are_listed_newest_first_with_paging(shop):
    at = datetime(2025, 3, 10, 9, 30, tzinfo=UTC)
    with shop.db.transaction() as conn:
        for n in range(5):
            record_access(conn, f"agent{n}", "view_transcript", f"session-{n}", at=at)
    page = list_audit(shop.db, limit=2, offset=1)
    assert [(e.user, e.subject) for e in page] == [("agent3", "session-3"), ("agent2", "session-2")]
    assert page[0].at == "2025-03-10T09:30:00+00:00" and page[0].action == "view_transcript"
    assert page[0].to_json()["user"] == "agent3"
    assert count_audit(shop.db) == 5


def test_an_entry_belongs_to_the_callers_transaction(shop):
    with pytest.raises(RuntimeError), shop.db.transaction() as conn:
        record_access(conn, "sup", "view_raw", "turn-1")
        raise RuntimeError("the read failed")
    assert count_audit(shop.db) == 0
