"""Fixtures of the Alexa tests; the helpers themselves live in `alexa_kit.py`."""

from __future__ import annotations

import pytest

from tests.skill.alexa_kit import SigningAuthority, make_authority


@pytest.fixture(scope="session")
def authority() -> SigningAuthority:
    """One private CA per run: RSA keys are slow to generate."""
    return make_authority()
