"""German words the logic listens for: numbers, ordinals, sizes, stop words and cue phrases, as speech
recognition writes them (lower case, no punctuation, "ß" and umlauts kept)."""

from __future__ import annotations

import re

from fulfillment.lang.de.cues import WITHOUT_NLU
from fulfillment.lang.de.folding import both, both_keys
from fulfillment.lang.de.shopping import SHOPPING
from fulfillment.lang.de.terms import glossary
from fulfillment.lang.lexicon import Lexicon

LEXICON = Lexicon(
    stop_words=frozenset(both(
        (
            "ein eine einen einem einer eines der die das den dem des ich du sie wir ihr habt haben hast hat gibt es "
            "gibts suche suchst sucht such zeig zeigen zeige mir mich bitte möchte möchten will wollen würde gern "
            "gerne kaufen brauche brauchen äh ähm öh hm also so na ja mal vielleicht nur eigentlich kann können "
            "könnten könnt da ist sind in im von vom mit und oder was welche welcher welches welchen irgendwas "
            "etwas was sowas dingens ding dinge sachen zeug art sorte ihr euer eure ihre mein meine noch auch "
            "hallo hi für nach"
        ).split()
    )),
    filler_words=frozenset({"es", "sie", "er", "der", "die", "das", "ein", "eine", "wirklich", "sehr", "auch"}),
    question_cues=(
        ("reviews", both(("bewertung", "bewertungen", "rezension", "was sagen", "sterne", "taugt", "empfehlenswert"))),
        ("store", both(("im laden", "im geschäft", "im regal", "abholen", "vor ort", "in der filiale"))),
        ("price", both(("wie viel", "wieviel", "was kostet", "preis", "kosten", "teuer", "günstig", "billig"))),
        ("sizes", both(("welche größen", "welche größe", "größen", "in welcher größe"))),
        ("colors", both(("farben", "welche farbe", "welcher farbe", "gibt es die in", "gibts die in"))),
        ("stock", both(("auf lager", "vorrätig", "verfügbar", "lieferbar", "ausverkauft", "noch da", "noch welche"))),
        ("material", both(("woraus", "aus was", "material", "stoff", "gemacht aus", "hergestellt"))),
        ("describe", both(("erzähl", "erzählen sie", "mehr über", "beschreib", "beschreiben", "was ist das",
                           "details"))),
    ),
    feature_question=re.compile(
        r"\b(?:ist (?:die|der|das|sie|er|es)|sind (?:die|sie)|hat (?:die|der|das|sie|er|es)|haben (?:die|sie)|"
        r"kann (?:die|der|das|sie|er|es)|taugt (?:die|der|das|sie|er|es))"
        r"\s+(?:(?:erste|zweite|dritte|vierte|fünfte|funfte|letzte)[nrs]?\s+)?(?:eine |einen |ein |auch )?(.+)$"
    ),
    theme_request=re.compile(r"\bfür (?:meinen |meine |meinem |meiner |mein |einen |eine |ein |den |die |das )?(.+)$"),
    complement_cues=both(("passt dazu", "passt zu", "passend", "dazu passt", "dazu passen", "zubehör", "kombinieren",
                     "dazu kaufen", "zusammen mit", "ergänzt", "was noch dazu")),
    clear_cart_words=("alles", "leeren", "leer machen", "komplett", "ganzen warenkorb"),
    spoken_digits=both_keys({
        "null": "0", "eins": "1", "ein": "1", "eine": "1", "zwei": "2", "zwo": "2", "drei": "3", "vier": "4",
        "fünf": "5", "fünfe": "5", "sechs": "6", "sieben": "7", "acht": "8", "neun": "9",
    }),
    number_units=both_keys({
        "null": 0, "ein": 1, "eine": 1, "einen": 1, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4,
        "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
        "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18,
        "neunzehn": 19,
    }),
    number_tens=both_keys({
        "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
        "achtzig": 80, "neunzig": 90,
    }),
    number_multipliers={"paar": 2, "dutzend": 12, "hundert": 100},
    number_scales={"tausend": 1000},
    ordinals=both_keys({
        "erste": 1, "ersten": 1, "erstes": 1, "erster": 1, "zweite": 2, "zweiten": 2, "zweites": 2, "dritte": 3,
        "dritten": 3, "drittes": 3, "vierte": 4, "vierten": 4, "viertes": 4, "fünfte": 5, "fünften": 5,
        "fünftes": 5, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
        "letzte": "last", "letzten": "last", "letztes": "last", "nächste": "next", "nächsten": "next",
        "mehr": "next", "günstigste": "cheapest", "günstigsten": "cheapest", "billigste": "cheapest",
        "billigsten": "cheapest", "günstiger": "cheapest", "teuerste": "priciest", "teuersten": "priciest",
    }),
    ordinal_prefix="nummer ",
    sizes=both_keys({
        "extra small": "XS", "xs": "XS", "x s": "XS", "small": "S", "s": "S", "klein": "S", "medium": "M",
        "mittel": "M", "m": "M", "large": "L", "l": "L", "groß": "L", "gross": "L", "extra large": "XL",
        "xl": "XL", "x l": "XL", "sehr groß": "XL", "xxl": "XXL", "doppel x l": "XXL",
    }),
    without_nlu={intent: both(phrases) for intent, phrases in WITHOUT_NLU.items()},
    shopping=SHOPPING,
    search_glossary=glossary(),
    language="de",
)
