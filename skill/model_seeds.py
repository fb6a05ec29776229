"""The intents, samples and slot types every Emma interaction model has, whatever the NLU data.

Sample utterances here are training data for Alexa, not things Emma says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

CATCH_ALL_INTENT = "ShopIntent"
QUERY_SLOT = "query"
"""The catch-all's AMAZON.SearchQuery slot: the shopper's own words."""
VOICE_CODE_SLOT = "pin"
"""VoiceCodeIntent's slot: a secret, so it is never an entity nor part of the transcript."""
DEFAULT_CARRIER_PHRASES = (
    "i want",
    "i'd like",
    "i need",
    "i'm looking for",
    "i am looking for",
    "do you have",
    "have you got",
    "show me",
    "find",
    "find me",
    "search for",
    "look for",
    "get me",
    "what about",
    "tell me about",
    "i'm after",
)
BUILTIN_INTENTS = (
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
    "AMAZON.RepeatIntent",
    "AMAZON.NextIntent",
)
RASA_TO_BUILTIN = {
    "affirm": "AMAZON.YesIntent",
    "deny": "AMAZON.NoIntent",
    "goodbye": "AMAZON.StopIntent",
    "help": "AMAZON.HelpIntent",
    "repeat": "AMAZON.RepeatIntent",
    "stop": "AMAZON.StopIntent",
}
SKIPPED_RASA_INTENTS = frozenset({"nlu_fallback", "out_of_scope"})
ENTITY_SLOT_TYPES = {
    "product": "PRODUCT",
    "brand": "BRAND",
    "color": "COLOR",
    "colour": "COLOR",
    "size": "SIZE",
    "quantity": "AMAZON.NUMBER",
    "number": "AMAZON.NUMBER",
    "amount": "AMAZON.NUMBER",
    "count": "AMAZON.NUMBER",
    "ordinal": "AMAZON.Ordinal",
    "pin": "AMAZON.FOUR_DIGIT_NUMBER",
    "voice_code": "AMAZON.FOUR_DIGIT_NUMBER",
    "code": "AMAZON.FOUR_DIGIT_NUMBER",
}
DEFAULT_ORDER_IDS = ("k 7 m 3 p x", "e k six six three c", "p f t 6 c d")
"""Shape of Emma's order ids (six letters and digits, spelled out) when the NLU data has none."""
DEFAULT_SIZES = ("extra small", "small", "medium", "large", "extra large", "x. l.", "x. x. l.")

SEED_INTENTS: tuple[tuple[str, dict[str, str], tuple[str, ...]], ...] = (
    (
        "OrderStatusIntent",
        {"order_id": "ORDER_ID"},
        (
            "where is my order",
            "where's my order",
            "where is order {order_id}",
            "what's the status of my order",
            "what is the status of order {order_id}",
            "track my order",
            "track order {order_id}",
            "when will my order arrive",
            "when will order {order_id} arrive",
            "status of order {order_id}",
        ),
    ),
    (
        "QuantityIntent",
        {"quantity": "AMAZON.NUMBER"},
        (
            "{quantity}",
            "{quantity} please",
            "make it {quantity}",
            "i'll take {quantity}",
            "just {quantity}",
            "{quantity} of them",
            "{quantity} of those",
        ),
    ),
    (
        "VoiceCodeIntent",
        {VOICE_CODE_SLOT: "AMAZON.FOUR_DIGIT_NUMBER"},
        (
            "{pin}",
            "my code is {pin}",
            "my voice code is {pin}",
            "the code is {pin}",
            "voice code {pin}",
            "my pin is {pin}",
            "the pin is {pin}",
        ),
    ),
    (
        "SizeIntent",
        {"size": "SIZE"},
        (
            "{size}",
            "size {size}",
            "in {size}",
            "in size {size}",
            "i'd like size {size}",
            "make it size {size}",
            "i wear {size}",
            "i wear size {size}",
            "{size} please",
        ),
    ),
)


def catalog_samples(vocabulary: Mapping[str, Sequence[str]]) -> list[tuple[str, list[str]]]:
    """Catch-all samples naming catalog words, so Alexa learns the vocabulary in context."""
    present = {vocabulary_type(key) for key, words in vocabulary.items() if words}
    if "PRODUCT" not in present:
        return []
    result = [
        (
            "PRODUCT",
            [
                "{product}",
                "the {product}",
                "show me the {product}",
                "do you sell {product}",
                "how much is the {product}",
                "how much are {product}",
            ],
        )
    ]
    if "COLOR" in present:
        result.append(
            (
                "COLOR",
                [
                    "{color} {product}",
                    "the {color} {product}",
                    "show me {color} {product}",
                    "do you have {product} in {color}",
                ],
            )
        )
    if "BRAND" in present:
        result.append(
            ("BRAND", ["{brand} {product}", "anything from {brand}", "show me {brand} {product}"])
        )
    return result


def vocabulary_type(key: str) -> str:
    """Slot type of a vocabulary key: `products`, `Colours`, `SIZE` -> PRODUCT, COLOR, SIZE."""
    upper = key.strip().upper()
    aliases = {
        "PRODUCTS": "PRODUCT",
        "BRANDS": "BRAND",
        "COLORS": "COLOR",
        "COLOURS": "COLOR",
        "COLOUR": "COLOR",
        "SIZES": "SIZE",
    }
    return aliases.get(upper, upper)
