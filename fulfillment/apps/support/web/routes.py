"""URL table of the support app, with the least role each route needs (None: public)."""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler

from fulfillment.apps.support.models import Role
from fulfillment.apps.support.web import (
    views_admin,
    views_annotations,
    views_auth,
    views_conversations,
    views_handoff,
    views_kpi,
)

AGENT, SUPERVISOR, ADMIN = Role.AGENT, Role.SUPERVISOR, Role.ADMIN

ROUTES: tuple[tuple[str, str, Handler, str, Role | None], ...] = (
    ("GET", "/login", views_auth.login_form, "login_form", None),
    ("POST", "/login", views_auth.login, "login", None),
    ("GET", "/static/support.css", views_auth.stylesheet, "stylesheet", None),
    ("GET", "/language", views_auth.choose_language, "language", None),
    ("POST", "/logout", views_auth.logout, "logout", AGENT),
    ("GET", "/", views_auth.home, "home", AGENT),
    ("GET", "/conversations", views_conversations.conversations, "conversations", AGENT),
    ("GET", "/conversations/{session_id}", views_conversations.conversation_view, "conversation", AGENT),
    ("GET", "/audio/{turn_id}.wav", views_conversations.audio, "audio", SUPERVISOR),
    ("GET", "/turns/{turn_id}/annotate", views_annotations.annotate_form, "annotate_form", AGENT),
    ("POST", "/turns/{turn_id}/annotate", views_annotations.annotate, "annotate", AGENT),
    ("GET", "/annotations", views_annotations.annotation_list, "annotations", AGENT),
    ("POST", "/annotations/import", views_annotations.start_import, "import_annotations", SUPERVISOR),
    ("GET", "/training/{run_id}", views_annotations.training_run, "training_run", AGENT),
    ("GET", "/tickets", views_handoff.tickets, "tickets", AGENT),
    ("GET", "/tickets/{ticket_id}", views_handoff.ticket, "ticket", AGENT),
    ("POST", "/tickets/{ticket_id}/claim", views_handoff.claim, "claim_ticket", AGENT),
    ("POST", "/tickets/{ticket_id}/notes", views_handoff.add_note, "ticket_note", AGENT),
    ("POST", "/tickets/{ticket_id}/resolve", views_handoff.resolve, "resolve_ticket", AGENT),
    ("GET", "/kpi", views_kpi.dashboard, "kpi", AGENT),
    ("GET", "/kpi.csv", views_kpi.kpi_csv, "kpi_csv", AGENT),
    ("GET", "/users", views_admin.users, "users", ADMIN),
    ("POST", "/users", views_admin.add_user, "add_user", ADMIN),
    ("POST", "/users/{name}", views_admin.update_user, "update_user", ADMIN),
    ("GET", "/audit", views_admin.audit_log, "audit", ADMIN),
    ("GET", "/retention", views_admin.retention, "retention", ADMIN),
    ("POST", "/retention", views_admin.set_retention_days, "set_retention", ADMIN),
)


def setup_routes(app: web.Application) -> dict[str, Role | None]:
    """Adds every route; returns route name -> role for the guard middleware."""
    for method, path, handler, name, _ in ROUTES:
        app.router.add_route(method, path, handler, name=name)
    return {name: role for _, _, _, name, role in ROUTES}
