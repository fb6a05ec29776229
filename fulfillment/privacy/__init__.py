"""Data protection: PII redaction, retention purges, customer access/erasure and the audit log."""
