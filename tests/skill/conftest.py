"""Fixtures of the Alexa tests; the helpers themselves live in `alexa_kit.py`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from alexa_kit import SigningAuthority, make_authority  # noqa: E402


@pytest.fixture(scope="session")
def authority() -> SigningAuthority:
    """One private CA per run: RSA keys are slow to generate."""
    return make_authority()
