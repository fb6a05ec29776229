"""Every sentence the Alexa channel (skill/) says, shows or mails itself, in English.

The conversation core writes the replies of turns; these are the channel's own words: fallbacks when
the core is slow or fails, reprompts, card and e-mail text. No logic here beyond formatting.
"""

from __future__ import annotations

LOCALE = "en"

# Spoken replies the channel answers itself
WELCOME = "Welcome to {shop}. What are you looking for today?"
FALLBACK = "Sorry, I didn't catch that. You can ask me for a product, your basket, or your order."
EMPTY_QUERY = "What would you like me to look for?"
STILL_WORKING = "I'm still working on that. Give me a moment, then ask me again or say repeat."
PROGRESSIVE = "One moment, I'm checking that for you."
SORRY = "Sorry, something went wrong on my side. Please try that again."
GOODBYE = "Goodbye, and thanks for shopping with {shop}."
LINK_ACCOUNT = "I've sent a card to your Alexa app to link your {shop} account."
"""Follows the core's own explanation of why an account is needed."""

# Reprompts, said when the customer stays silent
REPROMPT_DEFAULT = "What else can I do for you?"
REPROMPT_VOICE_CODE = "Please say your four digit voice code."
REPROMPT_SIZE = "Which size would you like?"
REPROMPT_CONFIRM = "Shall I place the order? Please say yes or no."
REPROMPT_YES_NO = "Please say yes or no."
REPROMPT_PICK = "Which one would you like? You can also say more."
REPROMPT_QUANTITY = "How many would you like?"

# Cards in the Alexa app
CART_CARD_TITLE = "Your basket at {shop}"
CART_EMPTY = "Your basket is empty."
ORDER_CARD_TITLE = "Please confirm your order"
ORDER_PLACED_CARD_TITLE = "Order {order_id} placed"
CARD_ITEM = "{quantity} x {name}{size} - {price}"
CARD_ITEM_SIZE = " (size {size})"
CARD_SELLER = "Sold by {seller}"
CARD_ADDRESS = "Deliver to: {address}"
CARD_SHIPPING = "Shipping: {shipping}"
CARD_TOTAL = "Total: {total}"
CARD_STATUS = "Status: {status}"

# Order confirmation e-mail
MAIL_SUBJECT = "Your {shop} order {order_id}"
MAIL_GREETING = "Thank you for your order!"
MAIL_ORDER_LINE = "Order number: {order_id}"
MAIL_CLOSING = "We'll let you know when it's on its way.\n\n{shop}"

# The skill's listing in the Alexa skill store (skill.json's publishingInformation for the en-* locales)
SKILL_NAME = "Emma's Corner Shop"
SKILL_SUMMARY = "Shop the corner shop by voice: search, basket and orders."
SKILL_DESCRIPTION = (
    "Ask Emma for products, compare them, fill your basket and place orders with a four-digit voice code. "
    "Link your account to order."
)
SKILL_EXAMPLE_PHRASES = (
    "Alexa, open {invocation}",
    "Alexa, ask {invocation} to find rain jackets",
    "Alexa, ask {invocation} where is my order",
)
"""Amazon wants each to start with the wake word and name the invocation name."""
SKILL_KEYWORDS = ("shop", "shopping", "order", "basket", "emma")


def status_word(status: str) -> str:
    """An order status as shown on the receipt card."""
    return status


def money(value: object, symbol: str) -> str:
    """A price as shown on cards: numbers get the currency symbol and two decimals."""
    if isinstance(value, bool) or value is None:
        return "-"
    if isinstance(value, int | float):
        return f"{symbol}{value:,.2f}"
    return str(value)
