"""Audit records of support reads, kept in the privacy layer's audit log (fulfillment.services.privacy.audit)."""

from __future__ import annotations

from fulfillment.adapters.ports import ShopDatabase
from fulfillment.services.privacy.audit import AuditEntry, count_audit, list_audit, record_access

__all__ = ["AuditEntry", "audited", "audit_page"]


def audited(db: ShopDatabase, user: str, action: str, subject: str) -> None:
    """Records that `user` did `action` (view_transcript, view_raw, play_audio, view_ticket...) to `subject`."""
    with db.transaction() as conn:
        record_access(conn, user, action, subject)


def audit_page(db: ShopDatabase, page: int, size: int) -> tuple[list[AuditEntry], int]:
    """One page of the log, newest first, and how many entries there are in all."""
    return list_audit(db, limit=size, offset=(page - 1) * size), count_audit(db)
