"""The German locale of the skill (de-DE, published in Germany and Austria): Alexa's training data.

Written as Alexa's German recognition writes it: lower case, numbers as words, umlauts and ß.
"""

from __future__ import annotations

from skill.locales import InvocationRules, SkillLocale

INVOCATION_RULES = InvocationRules(
    forbidden_words=frozenset(
        {
            "alexa", "amazon", "echo", "computer",  # wake words
            "skill", "app", "apps",
            "öffne", "starte", "beginne", "frag", "frage", "sag", "sage", "lade", "spiele", "benutze", "verwende",
            "aktiviere", "nutze", "sprich",  # launch phrases ("alexa, öffne ...", "alexa, frag ... nach ...")
            "von", "wenn", "und", "ob", "nach",  # connecting words
        }
    ),
    two_word_fillers=frozenset(
        {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "für", "zu", "zum",
         "zur", "von", "mit", "an", "am", "auf", "bei", "im", "in", "über"}
    ),
)

DE_DE = SkillLocale(
    code="de-DE",
    invocation_name="emmas eckladen",
    carrier_phrases=(
        "ich möchte", "ich will", "ich brauche", "ich suche", "ich suche nach", "ich hätte gern", "habt ihr",
        "haben sie", "hast du", "gibt es", "zeig mir", "zeigen sie mir", "finde", "finde mir", "such mir",
        "such nach", "suche nach", "was ist mit", "erzähl mir von", "erzählen sie mir von",
    ),
    seed_intents=(
        (
            "SearchProductIntent",  # refinements of the last search, as the English NLU data has them
            {"color": "COLOR", "brand": "BRAND"},
            (
                "in {color}", "in {color} bitte", "lieber in {color}", "gibt es das auch in {color}",
                "habt ihr das auch in {color}", "haben sie das auch in {color}", "von {brand}", "lieber von {brand}",
                "nur von {brand}", "gibt es das auch von {brand}",
            ),
        ),
        (
            "OrderStatusIntent",
            {"order_id": "ORDER_ID"},
            (
                "wo ist meine bestellung", "wo bleibt meine bestellung", "wo ist bestellung {order_id}",
                "wie ist der status meiner bestellung", "wie ist der status von bestellung {order_id}",
                "verfolge meine bestellung", "verfolge bestellung {order_id}", "wann kommt meine bestellung",
                "wann kommt bestellung {order_id}", "status von bestellung {order_id}",
            ),
        ),
        (
            "QuantityIntent",
            {"quantity": "AMAZON.NUMBER"},
            (
                "{quantity}", "{quantity} bitte", "mach {quantity} draus", "ich nehme {quantity}", "nur {quantity}",
                "{quantity} davon", "{quantity} stück",
            ),
        ),
        (
            "VoiceCodeIntent",
            {"pin": "AMAZON.FOUR_DIGIT_NUMBER"},
            (
                "{pin}", "mein code ist {pin}", "meine pin ist {pin}", "meine sprach pin ist {pin}",
                "der code ist {pin}", "die pin ist {pin}", "sprach pin {pin}",
            ),
        ),
        (
            "SizeIntent",
            {"size": "SIZE"},
            (
                "{size}", "größe {size}", "in {size}", "in größe {size}", "ich hätte gern größe {size}",
                "ich nehme größe {size}", "ich trage {size}", "ich trage größe {size}", "{size} bitte",
            ),
        ),
    ),
    catalog_templates={
        "PRODUCT": (
            "{product}", "den {product}", "die {product}", "das {product}", "zeig mir {product}",
            "verkaufst du {product}", "verkaufen sie {product}", "was kostet {product}", "was kosten {product}",
            "wie viel kostet {product}",
        ),
        "COLOR": ("{color} {product}", "{product} in {color}", "zeig mir {color} {product}",
                  "habt ihr {product} in {color}"),
        "BRAND": ("{brand} {product}", "etwas von {brand}", "was von {brand}", "zeig mir {product} von {brand}"),
    },
    default_sizes=("x s", "s", "m", "l", "x l", "x x l", "klein", "mittel", "groß", "extra groß"),
    default_order_ids=("k sieben m drei p x", "e k sechs sechs drei c", "p f t sechs c d"),
    builtin_words={
        "ja": "AMAZON.YesIntent", "jawohl": "AMAZON.YesIntent", "nein": "AMAZON.NoIntent",
        "hilfe": "AMAZON.HelpIntent", "stopp": "AMAZON.StopIntent", "stop": "AMAZON.StopIntent",
        "abbrechen": "AMAZON.CancelIntent", "tschüss": "AMAZON.StopIntent", "auf wiedersehen": "AMAZON.StopIntent",
        "startseite": "AMAZON.NavigateHomeIntent", "wiederholen": "AMAZON.RepeatIntent",
        "sag das noch mal": "AMAZON.RepeatIntent", "weiter": "AMAZON.NextIntent",
        "nächste": "AMAZON.NextIntent",
    },
    invocation_rules=INVOCATION_RULES,
    distribution_countries=("DE", "AT"),
    and_word="und",
)
