"""The German pack: every prompt renders in both forms of address, with German agreement, prices,
dates and speech rules."""

from __future__ import annotations

import inspect
from dataclasses import replace
from types import ModuleType
from typing import Any

import pytest

from fulfillment.lang import PACKS, pack_for
from fulfillment.lang.de import grammar
from fulfillment.lang.de.address import load
from fulfillment.lang.de.speech import ASR_HALLUCINATIONS
from speech.normalize import normalize_for_speech
from tests.fulfillment.lang.test_packs import (
    BOOTS,
    JACKET,
    MUG,
    ORDER,
    PLACED,
    SAMPLES,
    Samples,
    problems,
)

GERMAN = PACKS["de"]
DU = pack_for("de", "du")
STORE = {"name": "Emma Laden Berlin", "city": "Berlin", "address": "Torstraße 12, 10119 Berlin",
         "phone": "+49 30 1234567", "hours": {"monday": "10:00-20:00", "tuesday": "10:00-20:00", "sunday": "closed"}}
EXTRA: dict[str, Samples] = {
    "greet_with_news": [("Alex", ORDER), ("Alex", replace(ORDER, status="delivered"))],
    "limits": [(), ("red", "Garmin", "M", ["waterproof"], 2000, 12000), (None, None, None, (), None, 5000, True, True)],
    "nothing_cheaper": [("rain jacket",), ("",)],
    "nothing_else": [("rain jacket",), ("",)],
    "made_of": [(JACKET, "wool", []), (JACKET, "nylon", ["recycled nylon"]), (MUG, "glass", [])],
    "good_for": [(JACKET, "Wandern", True), (MUG, "Wandern", False)],
    "same_as_before": [(JACKET, "Dienstag, dem 1. Dezember")],
    "not_same_as_before": [(JACKET, BOOTS), (JACKET, None)],
    "compared": [(d, JACKET, [BOOTS, MUG], t) for d in ("light", "warm", "cheap", "pricey", "waterproof", "rating")
                 for t in ([], [BOOTS])],
    "better_for": [(JACKET, "Wandern", True, [BOOTS], False), (JACKET, "Wandern", False, [BOOTS], False),
                   (JACKET, "Wandern", True, [BOOTS], True)],
    "pick": [(JACKET, True, "M", True), (JACKET, False, None, False), (MUG, False, None, False)],
    "ideas_lead": [("Für Regentage", " bis 50 €"), (None,)],
    "ideas": [([JACKET, BOOTS], ["hält trocken", ""], True), ([MUG], [""], False)],
    "no_ideas": [(" bis 20 €",), ()],
    "store_phone": [(STORE,)],
    "shop_phone": [("+49 30 1234567",), ("",)],
    "all_stores": [([STORE, {**STORE, "city": "München", "address": "Sendlinger Str. 3, München"}],), ([STORE],)],
    "clock": [("20:00",), ("10:30",)],
    "hours_on": [("monday", [(STORE, "10:00-20:00")], True, False), ("sunday", [(STORE, "closed")], True, True),
                 ("sunday", [(STORE, "closed"), (STORE, "10:00-14:00")], False, False)],
    "store_hours": [(STORE,)],
    "ships_to": [("Österreich", True, ["Deutschland"], 495, 5000, "2-4"), ("USA", False, ["Deutschland",
                                                                                          "Österreich", "Schweiz"],
                                                                                 0, 0, "")],
    "worn_return": [(14,)],
    "delivery_countries": [(["Deutschland", "Österreich", "Schweiz"],)],
    "opened_return": [(["geöffneter Kaffee und Tee"], 30)],
    "pays_with": [("PayPal", True, ["PayPal", "Klarna"]), ("Bitcoin", False, ["PayPal", "Klarna"])],
    "pickup_at": [([("Berlin", True)], True, (), 7), ([("Hamburg", False)], True, ["Berlin", "München"]),
                  ([("Berlin", True), ("Hamburg", False)], False)],
    "your_usual": [(1,), (3,)],
    "your_size": [("shoes", "43"), ("apparel", None)],
    "your_sizes": [({"shoes": "43", "apparel": "M"},), ({},)],
    "your_brands": [(["Vaude"],), (["Vaude", "Hanwag"],), ([],)],
    "last_order": [(ORDER,)],
    "feature_no": [(JACKET, "warm"), (JACKET, "warm", "waterproof"), (MUG, "noise cancelling")],
    "it": [(JACKET,), (BOOTS, "acc")],
    "with_feature": [("waterproof",), ("noise cancelling",)],
    "feature": [("waterproof",), ("pit zips",)],
    "feature_phrase": [("waterproof",), ("noise cancelling",)],
    "capitalize": [("ja",)],
    "negative": [("waterproof",), ("noise cancelling", True)],
    "the": [(JACKET,), (BOOTS, "dat")],
    "status_word": [("shipped",), ("delivered",)],
    "recommend": [("Wandern", None), (None, "Leicht und trocken."), (None, None)],
}
ALL_SAMPLES = {**SAMPLES, **EXTRA}
_ENGLISH_LEFTOVERS = (" the ", " and ", " your ", " you ", "Sorry", " is ", " with ")


def _functions(module: ModuleType) -> set[str]:
    return {n for n, v in vars(module).items() if inspect.isfunction(v) and not n.startswith("_")
            and v.__module__ == module.__name__}


NOT_SENTENCES = {"is_plural"}


def test_every_german_prompt_function_has_samples():
    assert _functions(GERMAN.prompts) - set(ALL_SAMPLES) - NOT_SENTENCES == set(), "add samples to EXTRA"


def test_plural_types_take_plural_verbs():
    assert GERMAN.prompts.is_plural("earbuds") and not GERMAN.prompts.is_plural("rain jacket")
    assert GERMAN.prompts.negative("noise cancelling", True) == "haben keine Geräuschunterdrückung"


@pytest.mark.parametrize("pack", [GERMAN, DU], ids=["sie", "du"])
@pytest.mark.parametrize(("name", "index", "args"),
                         [(n, i, a) for n, calls in ALL_SAMPLES.items() for i, a in enumerate(calls)])
def test_german_prompt_renders_cleanly(pack, name, index, args: tuple[Any, ...]):
    if not hasattr(pack.prompts, name):
        pytest.fail(f"de.prompts lacks {name}")
    text = getattr(pack.prompts, name)(*args)
    assert isinstance(text, str)
    assert text.strip() or name in ("variant_asked", "variant_chosen", "limits", "search_found"), "says nothing"
    assert problems(text) == [], text
    assert not any(w in f" {text} " for w in _ENGLISH_LEFTOVERS), text


@pytest.mark.parametrize("pack", [GERMAN, DU], ids=["sie", "du"])
def test_german_constants_are_clean(pack):
    for name, text in vars(pack.prompts).items():
        if name.isupper() and isinstance(text, str):
            assert text.strip() and problems(text) == [], (name, text)


def test_sie_is_the_default_and_du_a_choice():
    assert "Ihr Warenkorb ist leer" in GERMAN.prompts.CART_EMPTY
    assert "Dein Warenkorb ist leer" in DU.prompts.CART_EMPTY
    assert "Sie" not in DU.prompts.greet(None) and "Sie" in GERMAN.prompts.greet(None)
    assert "suchst du" in DU.alexa.WELCOME and "suchen Sie" in GERMAN.alexa.WELCOME
    assert pack_for("de-CH", "sie") is GERMAN
    assert pack_for("en", "du") is PACKS["en"]  # a language without forms ignores the choice
    with pytest.raises(ValueError, match="form of address"):
        load(GERMAN.prompts, "ihr")


@pytest.mark.parametrize(("count", "noun", "said"), [
    (7, "rain jacket", "Ich habe sieben Regenjacken gefunden. "),
    (2, "backpack", "Ich habe zwei Rucksäcke gefunden. "),
    (1, "backpack", "Ich habe einen Rucksack: "),
    (1, "rain jacket", "Ich habe eine Regenjacke: "),
    (1, "tent", "Ich habe ein Zelt: "),
    (14, "regenjacken", "Ich habe 14 Regenjacken gefunden. "),
    (3, "Kinderregenjacke", "Ich habe drei Kinderregenjacken gefunden. "),
])
def test_counts_agree_in_number_and_gender(count, noun, said):
    assert GERMAN.prompts.search_found(count, noun) == said


def test_articles_follow_the_product_type():
    assert GERMAN.prompts.price(JACKET).startswith("Die Antora Rain Jacket kostet je nach Ausführung 129,99 €")
    assert GERMAN.prompts.sizes(BOOTS).startswith("Den Banks GTX Hiking Boot gibt es in den Größen 42")
    assert "ihn in Ihren Warenkorb" in GERMAN.prompts.product_intro(BOOTS)


@pytest.mark.parametrize(("cents", "written"),
                         [(4990, "49,90 €"), (2400, "24 €"), (129950, "1.299,50 €"), (5, "0,05 €")])
def test_prices_are_written_the_german_way(cents, written):
    assert grammar.money(cents) == written


def test_dates_read_with_weekday_and_dative():
    assert grammar.on_day("2026-12-01T10:00:00+00:00") == "am Dienstag, dem 1. Dezember"
    assert "am Dienstag, dem 24. November verschickt" in GERMAN.prompts.status(ORDER)
    assert GERMAN.prompts.day("kein Datum") == "kein Datum"


def test_order_status_is_said_in_german():
    assert "verschickt" in GERMAN.prompts.status(ORDER) and "aufgegeben" in GERMAN.prompts.confirm_cancel(PLACED) \
        or "stornieren" in GERMAN.prompts.confirm_cancel(PLACED)


@pytest.mark.parametrize(("written", "spoken"), [
    ("Die Jacke kostet 49,90 €.", "Die Jacke kostet neunundvierzig Euro neunzig."),
    ("Nur 1 €.", "Nur ein Euro."),
    ("Das macht 1.299,50 € inkl. MwSt.", "Das macht eintausendzweihundertneunundneunzig Euro fünfzig inklusive "
                                         "Mehrwertsteuer."),
    ("Kaffee, z. B. 3 × 250 g.", "Kaffee, zum Beispiel drei mal zweihundertfünfzig Gramm."),
    ("Ab €80 versandkostenfrei.", "Ab achtzig Euro versandkostenfrei."),
    ("Ihre Bestellung K7M3PX.", "Ihre Bestellung K wie Kaufmann, sieben, M wie Martha, drei, P wie Paula, "
                                "X wie Xanthippe."),
    ("Verschickt am Dienstag, dem 3. Dezember.", "Verschickt am Dienstag, dem dritten Dezember."),
    ("Zugestellt am 24. Dezember.", "Zugestellt am vierundzwanzigsten Dezember."),
    ("Akku mit 5000 mAh, ca. 2 h Laufzeit.", "Akku mit fünftausend Milliamperestunden, circa zwei Stunden Laufzeit."),
    ("Torstr. 12, Tel. 030 1234567", "Torstraße 12, Telefon 030 1234567"),
])
def test_german_speech_normalisation(written, spoken):
    assert normalize_for_speech(written, GERMAN.tts) == spoken


def test_the_sentence_splitter_keeps_german_abbreviations_together():
    from speech.sentences import split_sentences

    assert split_sentences("Warm, z. B. aus Wolle. Und leicht.", GERMAN.tts) == ["Warm, z. B. aus Wolle.",
                                                                                 "Und leicht."]


@pytest.mark.parametrize("phrase", ["Untertitel im Auftrag des ZDF, 2021", "Vielen Dank fürs Zuschauen!",
                                    "Untertitel der Amara.org-Community"])
async def test_german_whisper_hallucinations_on_silence_are_dropped(phrase):
    from speech.faster_whisper_transcriber import DecodingOptions, FasterWhisperTranscriber
    from tests.speech.test_transcriber_guards import FakeWhisper, speech_like

    german = DecodingOptions(language="de")
    invented = await FasterWhisperTranscriber(FakeWhisper(phrase, speech_s=0.3), german).transcribe(speech_like())
    assert invented.rejected_by == "hallucination"
    said = await FasterWhisperTranscriber(FakeWhisper("Habt ihr Regenjacken?", speech_s=0.3),
                                          german).transcribe(speech_like())
    assert said.heard_speech and said.text == "Habt ihr Regenjacken?"


def test_the_german_filter_holds_what_german_whisper_invents():
    assert {"untertitel im auftrag des zdf", "vielen dank fürs zuschauen"} <= ASR_HALLUCINATIONS
    assert "thank you" not in ASR_HALLUCINATIONS


def test_the_form_of_address_is_a_setting():
    from fulfillment.settings import Settings, SettingsError

    assert Settings.from_env({}).conversation.german_form == "sie"
    assert Settings.from_env({"EMMA_GERMAN_FORM": "Du"}).conversation.german_form == "du"
    with pytest.raises(SettingsError, match="EMMA_GERMAN_FORM"):
        Settings.from_env({"EMMA_GERMAN_FORM": "ihr"})


@pytest.mark.parametrize(("form", "said"), [("sie", "Ihr Warenkorb ist leer"), ("du", "Dein Warenkorb ist leer")])
async def test_a_german_turn_answers_in_the_shops_form(shop, form, said):
    from fulfillment.domain.conversation import Conversation
    from fulfillment.domain.turns import TurnRequest
    from tests.fakes import TableNlu

    shop = replace(shop, rules=replace(shop.rules, german_form=form))
    conversation = Conversation(shop, TableNlu({"was ist im warenkorb": ("view_cart", 0.95, [])}))
    result = await conversation.handle(TurnRequest("s-de", "was ist im warenkorb", "demo", "test", locale="de-DE"))
    assert said in result.reply, result.reply
    english = await conversation.handle(TurnRequest("s-en", "was ist im warenkorb", "demo", "test", locale="en"))
    assert "cart is empty" in english.reply, english.reply


def test_a_size_that_is_missing_agrees_with_a_plural_product() -> None:
    shorts, jacket = replace(JACKET, type="running shorts", title="Launch Laufshorts"), JACKET
    assert grammar.noun("running shorts").gender == "pl"  # the data this test is about
    assert GERMAN.prompts.variant_unavailable(shorts, "43", ["S", "M"]).endswith("Erhältlich sind sie in S oder M.")
    assert "Erhältlich ist sie in" in GERMAN.prompts.variant_unavailable(jacket, "43", ["S", "M"])


@pytest.mark.parametrize(("said", "plural"), [("schuhe", "Schuhe"), ("schuh", "Schuhe"), ("jacken", "Jacken")])
def test_the_head_of_a_known_compound_said_alone_keeps_its_plural(said: str, plural: str) -> None:
    assert grammar.noun(said).plural == plural  # "15 Schuhe", never "15 Schuhen"
