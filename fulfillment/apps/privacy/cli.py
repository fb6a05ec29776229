"""What `emma privacy purge|export|delete|retention` do (arguments are parsed in fulfillment.apps.cli.main)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from fulfillment.services.privacy.retention import Retention, get_retention, purge, set_retention
from fulfillment.services.privacy.rights import delete_customer, export_customer
from fulfillment.settings import Settings
from fulfillment.wiring import open_database


def run(config: Settings, args: argparse.Namespace) -> int:
    db = open_database(config)  # SQLite under the home, or EMMA_DATABASE_URL's PostgreSQL
    user = f"cli:{getpass.getuser()}"
    defaults = Retention.from_settings(config.privacy)
    try:
        if args.action == "purge":
            _print(purge(db, config.home, defaults).to_json())
        elif args.action == "export":
            data = json.dumps(export_customer(db, config.home, args.customer, by=user), indent=2, ensure_ascii=False,
                              default=str)
            if args.out:
                _write_private(args.out, data + "\n")
                print(f"Wrote everything held on {args.customer} to {args.out}.", file=sys.stderr)
            else:
                print(data)
        elif args.action == "delete":
            _print(delete_customer(db, config.home, args.customer, by=user).to_json())
        elif args.transcript_days is None and args.audio_days is None:
            _print(get_retention(db, defaults).to_json())
        else:
            _print(set_retention(db, args.transcript_days, args.audio_days, by=user, defaults=defaults).to_json())
    finally:
        db.close()
    return 0


def _print(value: dict[str, Any]) -> None:
    print(json.dumps(value, indent=2))


def _write_private(path: Path, text: str) -> None:
    """The export is personal data: only its owner may read the file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
