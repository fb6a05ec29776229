"""Cards in the Alexa app, in the language of the request's pack."""

from __future__ import annotations

import pytest

from fulfillment.lang import pack_for
from skill.cards import cart_card, order_card

PLACED = {"order": {"id": "K7M3PX", "status": "placed", "total": 49.9,
                    "items": [{"title": "Regenjacke", "quantity": 1, "price": 49.9, "size": "M"}]}}


@pytest.mark.parametrize(
    ("language", "title", "lines"),
    [
        ("de", "Bestellung K7M3PX aufgegeben",
         ["Verkauft von Emmas Eckladen", "1 × Regenjacke (Größe M) – 49,90 €", "Gesamt: 49,90 €",
          "Status: aufgegeben"]),
        ("en", "Order K7M3PX placed",
         ["Sold by Emmas Eckladen", "1 x Regenjacke (size M) - €49.90", "Total: €49.90", "Status: placed"]),
    ],
)
def test_the_receipt_card_is_in_the_packs_language_status_included(language, title, lines):
    assert order_card(PLACED, pack_for(language).alexa, "Emmas Eckladen", "€", placed=True) == (
        title, "\n".join(lines))


def test_the_german_basket_card():
    cart = {"cart": {"items": [{"title": "Becher", "quantity": 2, "price": 9.5}], "total": 19.0}}
    assert cart_card(cart, pack_for("de", "du").alexa, "Emmas Eckladen", "€") == (
        "Dein Warenkorb bei Emmas Eckladen", "2 × Becher – 19,00 €\nGesamt: 19,00 €")
