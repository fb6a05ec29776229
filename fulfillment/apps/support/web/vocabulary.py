"""Words the pages show from data (statuses, roles, stages): listed here so `pybabel extract` puts them in the
catalog, and templates translate them with `_(value)`. Values not listed stay as stored."""

from __future__ import annotations

from fulfillment.apps.support.message import Message

TICKET_STATUSES = (Message("open"), Message("claimed"), Message("resolved"))
RUN_STATUSES = (Message("running"), Message("done"), Message("failed"), Message("interrupted"))
RUN_STAGES = (Message("evaluating before"), Message("merging"), Message("training"), Message("evaluating after"))
"""`run.stage` with spaces for underscores."""
ROLES = (Message("agent"), Message("supervisor"), Message("admin"))
