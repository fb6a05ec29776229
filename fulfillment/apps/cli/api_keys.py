"""`emma api-key add/list/revoke`, and the check that keeps `emma serve` off the network without a key."""

from __future__ import annotations

import argparse
import sys

from fulfillment.adapters.sqlite.api_keys import ApiKeyRepository
from fulfillment.apps.loopback import is_loopback_host
from fulfillment.domain.errors import BadInput
from fulfillment.services.api_keys import ApiKeys
from fulfillment.settings import Settings
from fulfillment.wiring import open_database, open_home


def run(config: Settings, args: argparse.Namespace) -> int:
    shop = open_home(config)  # like every command: a fresh home gets the demo shop (and its customers)
    try:
        keys = ApiKeys(ApiKeyRepository(shop.db))
        if args.action == "add":
            record, key = keys.add(args.name, args.customer, args.scope)
            print(key)  # alone on stdout, for scripts
            for_whom = f"customer {record.customer_id}" if record.customer_id else "any customer"
            print(f"API key '{record.name}' for {for_whom}, scopes {', '.join(sorted(record.scopes))}. "
                  "Store it now: Emma keeps only its hash and cannot show it again.", file=sys.stderr)
        elif args.action == "revoke":
            keys.revoke(args.name)
            print(f"API key '{args.name}' revoked.")
        else:
            _print_table(keys)
    finally:
        shop.close()
    return 0


def _print_table(keys: ApiKeys) -> None:
    if not keys.all():
        print("No API keys. `emma api-key add NAME` creates one.")
        return
    rows = [("NAME", "PREFIX", "CUSTOMER", "SCOPES", "CREATED", "STATE")] + [
        (k.name, k.prefix + "…", k.customer_id or "(any)", ",".join(sorted(k.scopes)), k.created_at,
         f"revoked {k.revoked_at}" if k.revoked_at else "active")
        for k in keys.all()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def check_serve_keys(config: Settings) -> None:
    """Beyond loopback every API call needs a key: with none, the server is misconfigured."""
    host = config.http.host
    if is_loopback_host(host) or config.env == "development":
        return
    db = open_database(config)
    try:
        active = ApiKeyRepository(db).active_count()
    finally:
        db.close()
    if not active:
        raise BadInput(
            f"Not serving on {host}: there is no API key, and from another machine every API call needs one. "
            "Create one with `emma api-key add NAME`, serve on 127.0.0.1, or set EMMA_ENV=development.",
            code="no_api_keys",
        )
