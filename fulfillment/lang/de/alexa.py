"""Every sentence the Alexa channel (skill/) says, shows or mails itself, in German (Sie by default;
`address.load` runs this module again with `FORM = "du"`)."""

from __future__ import annotations

from babel.numbers import format_currency

from fulfillment.lang.de.prompts import status_word as status_word  # the receipt card's status, in German

FORM: str = str(globals().get("FORM", "sie"))
"""How the shopper is addressed: "sie" or "du" (preset by `address.load`)."""


def _du(sie: str, du: str) -> str:
    return du if FORM == "du" else sie


LOCALE = "de"

# Spoken replies the channel answers itself
WELCOME = _du("Willkommen bei {shop}. Was suchen Sie heute?", "Willkommen bei {shop}. Was suchst du heute?")
FALLBACK = _du("Entschuldigung, das habe ich nicht verstanden. Sie können nach einem Produkt, Ihrem Warenkorb "
               "oder Ihrer Bestellung fragen.",
               "Entschuldige, das habe ich nicht verstanden. Du kannst nach einem Produkt, deinem Warenkorb "
               "oder deiner Bestellung fragen.")
EMPTY_QUERY = _du("Wonach soll ich suchen?", "Wonach soll ich suchen?")
STILL_WORKING = _du("Ich bin noch dabei. Einen Moment, dann fragen Sie mich noch einmal oder sagen Sie „wiederholen“.",
                    "Ich bin noch dabei. Einen Moment, dann frag mich noch mal oder sag „wiederholen“.")
PROGRESSIVE = _du("Einen Moment, ich sehe für Sie nach.", "Einen Moment, ich sehe für dich nach.")
SORRY = _du("Entschuldigung, bei mir ist etwas schiefgegangen. Bitte versuchen Sie es noch einmal.",
            "Entschuldige, bei mir ist etwas schiefgegangen. Bitte versuch es noch mal.")
GOODBYE = _du("Auf Wiedersehen, und danke für Ihren Einkauf bei {shop}.",
              "Tschüss, und danke für deinen Einkauf bei {shop}.")
LINK_ACCOUNT = _du("Ich habe Ihnen eine Karte in die Alexa-App geschickt, um Ihr Konto bei {shop} zu verknüpfen.",
                   "Ich habe dir eine Karte in die Alexa-App geschickt, um dein Konto bei {shop} zu verknüpfen.")
"""Follows the core's own explanation of why an account is needed."""

# Reprompts, said when the customer stays silent
REPROMPT_DEFAULT = _du("Was kann ich sonst für Sie tun?", "Was kann ich sonst für dich tun?")
REPROMPT_VOICE_CODE = _du("Bitte sagen Sie Ihre vierstellige Sprach-PIN.", "Bitte sag deine vierstellige Sprach-PIN.")
REPROMPT_SIZE = _du("Welche Größe möchten Sie?", "Welche Größe möchtest du?")
REPROMPT_CONFIRM = _du("Soll ich die Bestellung aufgeben? Bitte sagen Sie ja oder nein.",
                       "Soll ich die Bestellung aufgeben? Bitte sag ja oder nein.")
REPROMPT_YES_NO = _du("Bitte sagen Sie ja oder nein.", "Bitte sag ja oder nein.")
REPROMPT_PICK = _du("Welches möchten Sie? Sie können auch „mehr“ sagen.",
                    "Welches möchtest du? Du kannst auch „mehr“ sagen.")
REPROMPT_QUANTITY = _du("Wie viele möchten Sie?", "Wie viele möchtest du?")

# Cards in the Alexa app
CART_CARD_TITLE = _du("Ihr Warenkorb bei {shop}", "Dein Warenkorb bei {shop}")
CART_EMPTY = _du("Ihr Warenkorb ist leer.", "Dein Warenkorb ist leer.")
ORDER_CARD_TITLE = _du("Bitte bestätigen Sie Ihre Bestellung", "Bitte bestätige deine Bestellung")
ORDER_PLACED_CARD_TITLE = "Bestellung {order_id} aufgegeben"
CARD_ITEM = "{quantity} × {name}{size} – {price}"
CARD_ITEM_SIZE = " (Größe {size})"
CARD_SELLER = "Verkauft von {seller}"
CARD_ADDRESS = "Lieferadresse: {address}"
CARD_SHIPPING = "Versand: {shipping}"
CARD_TOTAL = "Gesamt: {total}"
CARD_STATUS = "Status: {status}"

# Order confirmation e-mail
MAIL_SUBJECT = _du("Ihre Bestellung {order_id} bei {shop}", "Deine Bestellung {order_id} bei {shop}")
MAIL_GREETING = _du("Vielen Dank für Ihre Bestellung!", "Vielen Dank für deine Bestellung!")
MAIL_ORDER_LINE = "Bestellnummer: {order_id}"
MAIL_CLOSING = _du("Wir sagen Ihnen Bescheid, sobald sie unterwegs ist.\n\n{shop}",
                   "Wir sagen dir Bescheid, sobald sie unterwegs ist.\n\n{shop}")

# The skill's listing in the Alexa Skill Store (skill.json's publishingInformation for de-DE)
SKILL_NAME = "Emmas Eckladen"
SKILL_SUMMARY = "Im Laden an der Ecke per Sprache einkaufen: Suche, Warenkorb und Bestellungen."
SKILL_DESCRIPTION = _du(
    "Fragen Sie Emma nach Produkten, vergleichen Sie sie, füllen Sie Ihren Warenkorb und bestellen Sie mit "
    "einer vierstelligen Sprach-PIN. Zum Bestellen verknüpfen Sie Ihr Konto.",
    "Frag Emma nach Produkten, vergleiche sie, füll deinen Warenkorb und bestell mit einer vierstelligen "
    "Sprach-PIN. Zum Bestellen verknüpfst du dein Konto.",
)
SKILL_EXAMPLE_PHRASES = (
    "Alexa, öffne {invocation}",
    "Alexa, frag {invocation} nach Regenjacken",
    "Alexa, frag {invocation} wo meine Bestellung ist",
)
"""Amazon wants each to start with the wake word and name the invocation name."""
SKILL_KEYWORDS = ("laden", "einkaufen", "bestellung", "warenkorb", "emma")


def money(value: object, symbol: str) -> str:
    """A price as shown on cards, the German way: '1.299,00 €'; `symbol` names the currency sign."""
    if isinstance(value, bool) or value is None:
        return "-"
    if isinstance(value, int | float):
        code = {"€": "EUR", "$": "USD", "£": "GBP"}.get(symbol, "EUR")
        return format_currency(value, code, locale="de_DE").replace("\xa0", " ")
    return str(value)
