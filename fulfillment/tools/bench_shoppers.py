"""Who speaks to Emma in `emma bench audio`: per language, what the shoppers say and in which voices.

Each language gives a table of (what the shopper says, the intent it means), written the way its
speech recogniser writes (lower case, no punctuation), round-robin over the intents of its Rasa
project, and the espeak-ng voices that say them: never Emma's own reply voice. Utterance `i` is
spoken by voice `i % len(voices)`, so a table spoken by several voices has every voice on every
kind of turn.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ShopperVoice:
    """One espeak-ng voice variant."""

    voice: str
    """espeak-ng voice with an optional variant: `de+m3`, `de+f2`."""
    words_per_minute: int = 150
    pitch: int = 50
    """espeak-ng's 0-99 (50 is the voice's own)."""

    def args(self) -> tuple[str, ...]:
        """espeak-ng's options for this voice (the cache key includes them)."""
        pitch = () if self.pitch == 50 else ("-p", str(self.pitch))
        return ("-v", self.voice, "-s", str(self.words_per_minute), *pitch)


@dataclass(frozen=True)
class Shoppers:
    """The spoken bench of one language."""

    language: str
    utterances: tuple[tuple[str, str], ...]
    """(what the shopper says, the intent it means)."""
    voices: tuple[ShopperVoice, ...]
    piper_fallback: bool = False
    """Without espeak-ng, speak with Emma's Piper voice slowed down (English has a packaged one)."""

    def voice_for(self, index: int) -> ShopperVoice:
        return self.voices[index % len(self.voices)]


ENGLISH = Shoppers(
    language="en",
    utterances=(
        ("hello there emma", "greet"),
        ("do you have rain jackets", "search_product"),
        ("the second one", "select_option"),
        ("is it waterproof", "product_question"),
        ("compare the first and the second", "compare_products"),
        ("what do you recommend for a hiking trip", "recommend"),
        ("add two in medium", "add_to_cart"),
        ("what's in my cart", "view_cart"),
        ("remove the rain jacket", "remove_from_cart"),
        ("i want to check out", "checkout"),
        ("yes please", "affirm"),
        ("no thanks", "deny"),
        ("where is my order", "order_status"),
        ("i want to cancel my order", "cancel_order"),
        ("order the same again", "reorder"),
        ("how do i send this back", "return_item"),
        ("what are your opening hours", "store_info"),
        ("can i speak to a person", "human_handoff"),
        ("can you say that again", "repeat"),
        ("what can you do", "help"),
        ("thank you that was helpful", "thank"),
        ("what's the weather tomorrow", "out_of_scope"),
        ("that's all for today goodbye", "goodbye"),
        ("hey emma are you there", "greet"),
        ("i'm looking for running shoes", "search_product"),
        ("the black one", "select_option"),
        ("what sizes does it come in", "product_question"),
        ("which one is warmer", "compare_products"),
        ("i need a gift for my dad", "recommend"),
        ("put three of those in my basket", "add_to_cart"),
        ("show me my basket", "view_cart"),
        ("take it out of the cart", "remove_from_cart"),
        ("place my order please", "checkout"),
        ("yes go ahead", "affirm"),
        ("no not that one", "deny"),
        ("has my order shipped yet", "order_status"),
        ("cancel my last order please", "cancel_order"),
        ("buy the same tea again", "reorder"),
        ("i'd like to return my jacket", "return_item"),
        ("can i pay by card", "store_info"),
        ("i want to talk to a human", "human_handoff"),
        ("sorry i didn't catch that", "repeat"),
        ("how does this work", "help"),
        ("great thanks a lot", "thank"),
        ("who wrote harry potter", "out_of_scope"),
        ("see you later emma", "goodbye"),
    ),
    voices=(ShopperVoice("en-us", 150),),  # one voice, as the English figures were always measured
    piper_fallback=True,
)

GERMAN = Shoppers(
    language="de",
    utterances=(
        ("hallo emma", "greet"),
        ("habt ihr regenjacken", "search_product"),
        ("die zweite bitte", "select_option"),
        ("ist die wasserdicht", "product_question"),
        ("vergleich die erste mit der zweiten", "compare_products"),
        ("was empfehlen sie für eine wanderung", "recommend"),
        ("leg zwei in größe m in den warenkorb", "add_to_cart"),
        ("was ist in meinem warenkorb", "view_cart"),
        ("nimm die regenjacke wieder raus", "remove_from_cart"),
        ("ich möchte zur kasse", "checkout"),
        ("ja gerne", "affirm"),
        ("nein danke", "deny"),
        ("wo ist meine bestellung", "order_status"),
        ("ich will meine bestellung stornieren", "cancel_order"),
        ("bitte das gleiche nochmal bestellen", "reorder"),
        ("wie kann ich das zurückschicken", "return_item"),
        ("wann haben sie geöffnet", "store_info"),
        ("ich möchte mit einem menschen sprechen", "human_handoff"),
        ("können sie das wiederholen", "repeat"),
        ("was kannst du alles", "help"),
        ("danke das hat mir geholfen", "thank"),
        ("wie wird das wetter morgen", "out_of_scope"),
        ("das wars für heute tschüss", "goodbye"),
        ("was habe ich letztes mal bestellt", "customer_info"),
        ("guten tag", "greet"),
        ("ich suche laufschuhe", "search_product"),
        ("die schwarze", "select_option"),
        ("welche größen gibt es", "product_question"),
        ("welche ist wärmer", "compare_products"),
        ("ich brauche ein geschenk für meinen vater", "recommend"),
        ("packen sie drei davon in den korb", "add_to_cart"),
        ("zeig mir meinen warenkorb", "view_cart"),
        ("entfern das aus dem warenkorb", "remove_from_cart"),
        ("ich möchte jetzt bezahlen", "checkout"),
        ("ja genau", "affirm"),
        ("nein die nicht", "deny"),
        ("ist mein paket schon unterwegs", "order_status"),
        ("stornieren sie bitte meine letzte bestellung", "cancel_order"),
        ("den tee bitte noch einmal", "reorder"),
        ("ich möchte meine jacke zurückgeben", "return_item"),
        ("kann ich mit karte bezahlen", "store_info"),
        ("verbinden sie mich mit einem mitarbeiter", "human_handoff"),
        ("wie bitte", "repeat"),
        ("wie funktioniert das hier", "help"),
        ("vielen dank für die hilfe", "thank"),
        ("erzähl mir einen witz", "out_of_scope"),
        ("auf wiedersehen emma", "goodbye"),
        ("was war meine letzte bestellung", "customer_info"),
    ),
    voices=(
        ShopperVoice("de+m3", 150),
        ShopperVoice("de+f2", 160, pitch=60),
        ShopperVoice("de+m1", 175, pitch=40),
        ShopperVoice("de+f4", 140, pitch=70),
        ShopperVoice("de", 130),
    ),
)

SHOPPERS = {s.language: s for s in (ENGLISH, GERMAN)}


def shoppers_for(language: str) -> Shoppers:
    """The bench of `language`; ValueError names the ones there are."""
    try:
        return SHOPPERS[language]
    except KeyError:
        raise ValueError(f"No spoken bench for {language!r}: there is one for {', '.join(SHOPPERS)}.") from None
