"""The English locales of the skill (en-US, and en-GB with the same model): Alexa's training data."""

from __future__ import annotations

from dataclasses import replace

from skill.locales import InvocationRules, SkillLocale

INVOCATION_RULES = InvocationRules(
    forbidden_words=frozenset(
        {
            "alexa", "amazon", "echo", "computer",  # wake words
            "skill", "app", "apps", "ask", "begin", "do", "enable", "launch", "load", "open", "play", "resume",
            "run", "start", "talk", "tell", "use",  # launch phrases
            "by", "from", "if", "and", "whether",  # connecting words
        }
    ),
    two_word_fillers=frozenset({"the", "a", "an", "for", "to", "of", "about", "up", "by", "at", "off", "with"}),
)

EN_US = SkillLocale(
    code="en-US",
    invocation_name="corner shop",
    carrier_phrases=(
        "i want", "i'd like", "i need", "i'm looking for", "i am looking for", "do you have", "have you got",
        "show me", "find", "find me", "search for", "look for", "get me", "what about", "tell me about",
        "i'm after",
    ),
    seed_intents=(
        (
            "OrderStatusIntent",
            {"order_id": "ORDER_ID"},
            (
                "where is my order", "where's my order", "where is order {order_id}",
                "what's the status of my order", "what is the status of order {order_id}", "track my order",
                "track order {order_id}", "when will my order arrive", "when will order {order_id} arrive",
                "status of order {order_id}",
            ),
        ),
        (
            "QuantityIntent",
            {"quantity": "AMAZON.NUMBER"},
            (
                "{quantity}", "{quantity} please", "make it {quantity}", "i'll take {quantity}", "just {quantity}",
                "{quantity} of them", "{quantity} of those",
            ),
        ),
        (
            "VoiceCodeIntent",
            {"pin": "AMAZON.FOUR_DIGIT_NUMBER"},
            (
                "{pin}", "my code is {pin}", "my voice code is {pin}", "the code is {pin}", "voice code {pin}",
                "my pin is {pin}", "the pin is {pin}",
            ),
        ),
        (
            "SizeIntent",
            {"size": "SIZE"},
            (
                "{size}", "size {size}", "in {size}", "in size {size}", "i'd like size {size}",
                "make it size {size}", "i wear {size}", "i wear size {size}", "{size} please",
            ),
        ),
    ),
    catalog_templates={
        "PRODUCT": (
            "{product}", "the {product}", "show me the {product}", "do you sell {product}",
            "how much is the {product}", "how much are {product}",
        ),
        "COLOR": ("{color} {product}", "the {color} {product}", "show me {color} {product}",
                  "do you have {product} in {color}"),
        "BRAND": ("{brand} {product}", "anything from {brand}", "show me {brand} {product}"),
    },
    default_sizes=("extra small", "small", "medium", "large", "extra large", "x. l.", "x. x. l."),
    default_order_ids=("k 7 m 3 p x", "e k six six three c", "p f t 6 c d"),
    builtin_words={
        "yes": "AMAZON.YesIntent", "yeah": "AMAZON.YesIntent", "no": "AMAZON.NoIntent",
        "help": "AMAZON.HelpIntent", "stop": "AMAZON.StopIntent", "cancel": "AMAZON.CancelIntent",
        "goodbye": "AMAZON.StopIntent", "go home": "AMAZON.NavigateHomeIntent", "repeat": "AMAZON.RepeatIntent",
        "say that again": "AMAZON.RepeatIntent", "next": "AMAZON.NextIntent",
    },
    invocation_rules=INVOCATION_RULES,
    distribution_countries=("US",),
)
EN_GB = replace(EN_US, code="en-GB", distribution_countries=("GB",))
