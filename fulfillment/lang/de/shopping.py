"""How German-speaking shoppers ask: budgets, product type names, refinements, comparisons and questions
about the shop, as the words speech recognition writes (lower case, no punctuation)."""

from __future__ import annotations

import re

from fulfillment.lang.de.folding import both, both_keys
from fulfillment.lang.de.terms import FEATURES, TYPES
from fulfillment.lang.lexicon import ShoppingWords

_UNITS = (
    # One number word, compounds included ("hundertzwanzig", "zweihundertfünfzig", "neunundvierzig"): a
    # run of number parts that is not a lone "und"; folded spellings too, as logic compares words folded.
    r"(?:(?!und\b)(?:eins|eine|einen|ein|zwei|drei|vier|fünf|funf|sechzehn|sechzig|sechs|siebzehn|siebzig|sieben|"
    r"acht|neun|zehn|elf|zwölf|zwolf|zwanzig|dreißig|dreissig|vierzig|fünfzig|funfzig|achtzig|neunzig|hundert|"
    r"tausend|und)+)"
)
NUMBER = rf"(?:€\s?)?(?:\d+(?:[.,]\d+)?|(?:{_UNITS})\b(?:\s+(?:und\s+)?(?:{_UNITS})\b)*)"
"""One amount: "49,90", "80", "fünfzig", "hundertzwanzig" (the words are read by nlu.entities)."""
_N = rf"(?P<n>{NUMBER})"
_CURRENCY = r"(?:\s*(?:€|euro|eur|franken|chf))"


def _all(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


# Words said in any request that must never be repaired into a similar catalog word.
_COMMON = """
ab aber alle alles als also am an andere anderen anderes auch auf aus bei beim bis bitte bin bist billig billiger
bruder da dann das dass dem den der des die dies diese dieser dieses doch du durch ein eine einen einem einer
etwas euro für gibt gut gute guten habe haben hast hat hätte ich ihm ihn ihr im in ist ja jetzt kann kaufen kein
keine mal man mehr mein meine meinem meinen meiner mich mir mit möchte nach nein nicht noch nur oder ohne papa
mama vater mutter oma opa schwester tochter sohn freund freundin frau mann kind kinder preis sehr sie sind so
soll such suche teuer um und uns unter viel vom von vor war was weihnachten geburtstag muttertag urlaub meer
welche wenn wer wie wir zu zum zur über günstig günstiger größe größen farbe marke marken zwei drei zehn hundert
regen regnet nass kalt warm winter sommer strand reise geschenk geschenke idee ideen liebt mag letzte letztes mal
günstigere günstigeren günstigeres billigere billigeren billigeres preiswertere preiswerteren lieblingsmarke
lieblingsmarken
"""


def _types() -> dict[str, tuple[str, ...]]:
    """Every German type name (singular and plural, lower case) -> its catalog type."""
    names: dict[str, tuple[str, ...]] = {}
    for kind, noun in TYPES.items():
        for word in (noun.singular.lower(), noun.plural.lower(), noun.singular.lower().replace("-", " ")):
            names[word] = (*names.get(word, ()), kind)
    return names


def _features() -> dict[str, str]:
    """Every German feature name of the catalog ("freistehend", "zwei wege reißverschluss") -> the catalog's
    feature, as a question about a product says it (lower case, hyphens as spaces)."""
    return {german.lower().replace("-", " "): english for english, german in FEATURES.items()}


SHOPPING = ShoppingWords(
    common_words=frozenset(both(_COMMON.split())),
    type_synonyms={
        **_types(),
        "jacke": ("rain jacket", "down jacket", "fleece jacket"),
        "jacken": ("rain jacket", "down jacket", "fleece jacket"),
        "regenmantel": ("rain jacket",),
        "winterjacke": ("down jacket",),
        "winterjacken": ("down jacket",),
        "turnschuhe": ("running shoe", "sneaker"),
        "turnschuh": ("running shoe", "sneaker"),
        "joggingschuhe": ("running shoe",),
        "wanderstiefel": ("hiking boot",),
        "gummistiefel": ("rain boot",),
        "kaffeemaschine": ("espresso machine", "filter coffee machine"),
        "kaffeemaschinen": ("espresso machine", "filter coffee machine"),
        "kaffee": ("coffee beans",),
        "bohnen": ("coffee beans",),
        "kapseln": ("coffee capsules",),
        "tee": ("black tea", "green tea", "herbal tea", "matcha", "tea gift set"),
        "kopfhörer": ("headphones",),  # the catalog's German name of the type; in-ears are "In-Ear-Kopfhörer"
        "ohrhörer": ("earbuds",),
        "lautsprecher": ("bluetooth speaker",),
        "box": ("bluetooth speaker",),
        "uhr": ("smartwatch",),
        "sportuhr": ("smartwatch",),
        "laufuhr": ("smartwatch",),
        "lampe": ("desk lamp",),
        "kerze": ("scented candle",),
        "kerzen": ("scented candle",),
        "decke": ("throw blanket",),
        "handtuch": ("bath towel",),
        "handtücher": ("bath towel",),
        "bettwäsche": ("bed linen set",),
        "kissen": ("pillow",),
        "pulli": ("merino sweater",),
        "pullover": ("merino sweater",),
        "regenhose": ("waterproof trousers",),
        "hose": ("waterproof trousers",),
        "shirt": ("t-shirt",),
        "shirts": ("t-shirt",),
        "socken": ("hiking socks",),
        "mütze": ("rain hat",),
        "hut": ("rain hat",),
        "tasche": ("backpack", "gym bag"),
        "flasche": ("water bottle",),
        "thermosflasche": ("water bottle",),
        "kocher": ("camping stove", "kettle"),
        "zahnbürste": ("electric toothbrush",),
        "föhn": ("hair dryer",),
        "fön": ("hair dryer",),
        "rasierer": ("beard trimmer",),
        "sonnenschutz": ("sunscreen",),
        "matte": ("yoga mat",),
        "helm": ("cycling helmet",),
        "messer": ("chef's knife",),
        "topf": ("dutch oven", "moka pot"),
        "kakao": ("hot chocolate",),
    },
    generic_heads=frozenset({"set", "tasche", "maschine", "kanne", "topf", "tee", "hülle"}),
    feature_synonyms=both_keys({
        **_features(),
        "wasserdicht": "waterproof",
        "wasserdichte": "waterproof",
        "wasserdichten": "waterproof",
        "regendicht": "waterproof",
        "leicht": "lightweight",
        "leichte": "lightweight",
        "atmungsaktiv": "breathable",
        "kabellos": "wireless",
        "geräuschunterdrückung": "noise cancelling",
        "noise cancelling": "noise cancelling",
        "spülmaschinenfest": "dishwasher safe",
        "faltbar": "foldable",
        "rutschfest": "non-slip",
        "koffeinfrei": "caffeine free",
        "vegan": "vegan",
        "usb c": "usb-c",
    }),
    number=NUMBER,
    price_between=_all(
        rf"\bzwischen (?P<low>{NUMBER}){_CURRENCY}? und (?P<high>{NUMBER})",
        rf"\bvon (?P<low>{NUMBER}){_CURRENCY}? bis (?P<high>{NUMBER})",
        rf"(?<![\w-])(?P<low>\d+(?:[.,]\d+)?){_CURRENCY}? bis (?P<high>\d+(?:[.,]\d+)?){_CURRENCY}",
    ),
    price_max=_all(
        rf"\b(?:unter|bis|höchstens|maximal|max|nicht mehr als|weniger als|billiger als|günstiger als|"
        rf"budget von|budget ist|budget liegt bei)\s+{_N}",
        rf"\b{_N}{_CURRENCY}? (?:maximal|höchstens|oder weniger)\b",
    ),
    price_min=_all(
        rf"\b(?:über|ab|mindestens|mehr als|teurer als)\s+{_N}",
        rf"\b{_N}{_CURRENCY}? (?:oder mehr|und mehr|aufwärts)\b",
    ),
    price_around=_all(
        rf"\b(?:um die|ungefähr|etwa|circa|zirka|so um die|rund)\s+{_N}",
        rf"\b{_N}{_CURRENCY}? (?:oder so|ungefähr|in etwa)\b",
    ),
    cheap_words=both(("günstig", "günstige", "günstigen", "billig", "billige", "preiswert", "nicht zu teuer",
                 "nicht so teuer", "schnäppchen", "preisgünstig")),
    pricey_words=both(("hochwertig", "hochwertige", "premium", "edel", "luxus", "das beste")),
    cheaper_cues=both(("günstiger", "günstigere", "günstigeren", "günstigeres", "billiger", "billigere",
                       "billigeren", "billigeres", "preiswerter", "preiswertere", "preiswerteren", "zu teuer",
                       "weniger kosten", "was günstigeres", "was billigeres")),
    pricier_cues=both(("teurer", "hochwertiger", "bessere qualität", "edler", "was besseres")),
    other_cues=both(("was anderes", "etwas anderes", "andere", "andere marken", "nicht diese", "keine davon",
                "zeig mir andere", "noch andere")),
    size_cue=re.compile(r"\b(?:in )?(?:größe|grösse|grosse)\s+(?P<size>extra small|extra large|x s|x l|xxl|xl|xs|"
                        r"small|medium|large|[sml]|\d{2}(?:[.,]5)?)\b"),
    my_size_cues=both(("meine größe", "meiner größe", "mir passt", "mir passen", "in meinen größen")),
    favourite_brand_cues=both(("meine lieblingsmarke", "meiner lieblingsmarke", "meinen lieblingsmarken",
                          "meine lieblingsmarken", "marken die ich mag", "meine übliche marke")),
    compare_dimensions=(
        ("battery", both(("akku", "akkulaufzeit", "längsten akku", "größten akku", "akkuladung", "laufzeit",
                          "hält am längsten", "hält länger", "läuft am längsten", "mit einer ladung"))),
        ("light", both(("leichter", "leichteste", "am leichtesten", "gewicht", "schwerer", "wiegt weniger"))),
        ("warm", both(("wärmer", "am wärmsten", "wärmste", "hält warm", "isoliert"))),
        ("pricey", both(("teurer", "am teuersten", "teuerste"))),
        ("cheap", both(("günstiger", "billiger", "am günstigsten", "günstigste", "preiswerter", "besseres angebot"))),
        ("rating", both(("besser bewertet", "am besten bewertet", "bewertung", "bewertungen", "beliebter",
                         "beliebteste"))),
        ("waterproof", both(("wasserdicht", "wasserdichter", "hält trocken", "regen", "nass"))),
    ),
    activity_tags=both_keys({
        "laufen": "running", "joggen": "running", "rennen": "running", "marathon": "marathon",
        "einen marathon": "marathon", "trailrunning": "trail running", "wandern": "hiking", "trekking": "hiking",
        "pendeln": "commute", "den arbeitsweg": "commute", "reisen": "travel", "die reise": "travel",
        "camping": "camping", "zelten": "camping", "das fitnessstudio": "gym", "fitnessstudio": "gym",
        "yoga": "yoga", "radfahren": "cycling", "fahrrad fahren": "cycling", "den winter": "winter",
        "winter": "winter", "homeoffice": "home office", "das homeoffice": "home office", "musik": "music",
        "schlafen": "sleep", "lesen": "reading", "die stadt": "city", "den alltag": "everyday",
        "alltag": "everyday", "festivals": "festival", "den strand": "beach", "strand": "beach",
        "kochen": "cooking", "fitness": "fitness",
    }),
    pick_for_me_cues=both(("für mich", "würden sie nehmen", "würdest du nehmen", "würden sie empfehlen",
                      "würdest du empfehlen", "soll ich nehmen", "soll ich kaufen", "empfiehlst du",
                      "empfehlen sie", "such du aus", "suchen sie aus", "passt zu mir")),
    same_as_last_cues=both(("wie letztes mal", "wie beim letzten mal", "dieselbe wie", "derselbe wie", "dasselbe wie",
                       "die ich hatte", "den ich hatte", "das ich hatte", "die ich gekauft", "den ich gekauft")),
    profile_questions=(
        ("shoe_size", both(("schuhgröße", "welche schuhgröße", "größe bei schuhen"))),
        ("size", both(("welche größe habe ich", "meine größe", "kleidergröße", "welche größe trage ich"))),
        ("last_order", both(("letzte bestellung", "letztes mal", "zuletzt bestellt", "zuletzt gekauft",
                        "habe ich bestellt", "hab ich bestellt", "meine bestellungen", "was hatte ich"))),
        ("brands", both(("lieblingsmarke", "lieblingsmarken", "welche marken mag ich"))),
    ),
    shop_facets=(
        ("phone", both(("telefon", "telefonnummer", "anrufen", "nummer von", "hotline", "kontakt"))),
        ("address", both(("wo ist", "wo sind", "adresse", "anschrift", "wo finde ich", "welche straße",
                          "wie komme ich"))),
        # "wie lange" asks as often about returns and refunds as about opening hours: not a cue of its own.
        ("hours", both(("offen", "geöffnet", "öffnungszeiten", "aufmachen", "zumachen", "geschlossen", "bis wann",
                        "hat auf", "haben auf"))),
        ("shipping", both(("liefern", "liefert", "lieferst", "lieferung", "lieferzeit", "versand", "versandkosten",
                           "versenden", "versendet", "verschicken", "verschickt", "schicken", "schickt", "express",
                           "expressversand"))),
        ("withdrawal", both(("widerruf", "widerrufsrecht", "widerrufen", "widerrufsfrist", "widerrufsbelehrung"))),
        ("return", both(("zurückgeben", "zurückschicken", "rücksendung", "umtausch", "umtauschen", "rückgabe",
                         "rückgaberecht", "erstattung", "erstattet", "geld zurück"))),
        ("payment", both(("bezahlen", "zahlen", "zahlung", "kreditkarte", "paypal", "klarna", "rechnung", "lastschrift",
                     "apple pay", "google pay"))),
        ("pickup", both(("abholen", "abholung", "click and collect", "im laden abholen"))),
    ),
    weekdays=both_keys({
        "montag": "monday", "montags": "monday", "dienstag": "tuesday", "dienstags": "tuesday",
        "mittwoch": "wednesday", "mittwochs": "wednesday", "donnerstag": "thursday", "donnerstags": "thursday",
        "freitag": "friday", "freitags": "friday", "samstag": "saturday", "samstags": "saturday",
        "sonnabend": "saturday", "sonntag": "sunday", "sonntags": "sunday",
    }),
    countries=both_keys({
        "deutschland": "Deutschland", "österreich": "Österreich", "oesterreich": "Österreich",
        "schweiz": "Schweiz", "die schweiz": "Schweiz", "der schweiz": "Schweiz", "liechtenstein": "Liechtenstein",
        "frankreich": "Frankreich", "italien": "Italien", "spanien": "Spanien", "niederlande": "Niederlande",
        "die niederlande": "Niederlande", "holland": "Niederlande", "belgien": "Belgien", "luxemburg": "Luxemburg",
        "dänemark": "Dänemark", "polen": "Polen", "tschechien": "Tschechien", "schweden": "Schweden",
        "england": "England", "großbritannien": "Großbritannien", "usa": "USA", "amerika": "Amerika",
    }),
    worn_words=both(("getragen", "benutzt", "gebraucht", "ausprobiert", "gewaschen", "angehabt")),
    recommend_cues=both(("geschenk", "geschenkidee", "geschenkideen", "was brauche ich", "was soll ich", "ideen",
                         "idee",
                    "empfehlen", "empfiehlst", "empfiehlt", "empfehlung", "empfehlungen", "vorschlagen",
                    "inspiration", "für meinen", "für meine", "der gerne", "die gerne",
                    "was würde")),
    compare_openers=both(("vergleich", "vergleiche", "vergleichen", "welcher ist besser", "welche ist besser",
                          "welches ist besser", "was ist besser", "welcher ist wärmer", "welche ist wärmer",
                          "welcher ist leichter", "welche ist leichter", "welcher ist günstiger",
                          "welche ist günstiger", "welcher ist besser bewertet", "welche ist besser bewertet",
                          "welches ist besser bewertet", "was ist der unterschied", "unterschied zwischen",
                          " gegen ", " versus ", " vs ")),
    compare_joiners=("oder", "und", "gegen", "versus", "vs", "mit"),
    yes_no_openers=both(("ist ", "sind ", "hat ", "haben ", "habt ", "hast ", "kann ", "kannst ", "können ", "könnt ",
                         "liefert ", "liefern ", "versendet ", "verschickt ", "nehmt ", "nehmen ", "gibt es ",
                         "gibts ", "darf ", "muss ", "akzeptiert ", "akzeptieren ")),
    yes_no_joiners=(" und ist ", " und hat ", " und sind ", " und kann ", " und gibt es "),
    usual_cues=both(("ich immer kaufe", "ich immer nehme", "ich immer bestelle", "ich immer hole", "wie immer",
                     "das übliche", "den üblichen", "die übliche", "wie letztes mal", "nochmal den", "nochmal die",
                     "nochmal das", "noch mal den", "noch mal die", "mehr von dem", "mehr von der")),
    return_question_cues=both(("kann ich zurückgeben", "kann ich zurückschicken", "zurückgeben", "zurückschicken",
                               "rückgabe", "umtausch", "umtauschen", "widerruf", "widerrufsrecht", "widerrufen",
                               "erstattung", "geld zurück", "mein geld", "wie lange habe ich", "rücksendung")),
    country_cues=both(("welche länder", "welchen ländern", "welches land", "wohin liefert", "wohin liefern",
                       "wohin versendet", "wohin versenden", "in welche länder", "länder")),
    payment_methods=both_keys({
        "visa": "Visa", "mastercard": "Mastercard", "master card": "Mastercard", "paypal": "PayPal",
        "pay pal": "PayPal", "apple pay": "Apple Pay", "google pay": "Google Pay", "klarna": "Klarna",
        "rechnung": "Klarna", "auf rechnung": "Klarna", "lastschrift": "SEPA-Lastschrift",
        "sepa": "SEPA-Lastschrift", "american express": "American Express", "amex": "American Express",
        "bar": "Bargeld", "bargeld": "Bargeld", "bitcoin": "Bitcoin", "krypto": "Krypto",
        "sofortüberweisung": "Sofortüberweisung", "giropay": "Giropay", "maestro": "Maestro",
        "diners club": "Diners Club", "überweisung": "Überweisung", "vorkasse": "Vorkasse",
    }),
    feature_qualifiers=frozenset(both(("geeignet", "fest", "sicher", "freundlich", "kompatibel", "dabei",
                                       "inklusive", "tauglich"))),
    feature_generic_words=frozenset(both(("funktion", "funktionen", "modus", "einstellung", "option", "eine", "ein",
                                          "einen", "der", "die", "das", "auch", "integriert", "integrierte",
                                          "integrierten", "eingebaut", "eingebaute", "eingebauten"))),
    price_words=both(("€", "euro", "eur", "franken", "preis", "kostet", "kosten", "budget", "ausgeben", "unter",
                      "über", "bis", "höchstens", "mindestens", "maximal", "zwischen", "ungefähr", "etwa", "circa",
                      "um die", "ab", "weniger als", "mehr als", "günstiger als")),
    add_openers=both(("leg", "lege", "pack", "packe", "tu", "tue", "ich nehme", "ich nehm", "nehme ich",
                      "ich hätte gern", "ich hätte gerne")),
    opened_words=both(("geöffnet", "geöffneten", "geöffnete", "angebrochen", "angebrochene", "aufgemacht")),
)
