"""Writes the German texts of the demo catalog (fulfillment/data/de/catalog_texts.jsonl): one line per
product of the English catalog, the same handle, German title, description, features, materials and
reviews. Built from the catalog tables and the curated terms of `fulfillment/lang/de/terms.py`, never by
a machine translator. `python -m fulfillment.tools.demo.german_texts` regenerates it.
"""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path
from typing import Any

from fulfillment.lang.de.grammar import noun
from fulfillment.lang.de.terms import FEATURES, MATERIALS
from fulfillment.tools.demo.generate_catalog import FAMILIES

DATA = Path(__file__).resolve().parents[2] / "data"
OUT = DATA / "de" / "catalog_texts.jsonl"

USES = {
    "rain jacket": "hält bei Stadtregen und auf nassen Wanderwegen trocken",
    "merino sweater": "wärmt, ohne dass man darin schwitzt",
    "fleece jacket": "ist die warme Zwischenschicht für kühle Tage",
    "down jacket": "hält im Winter warm und lässt sich klein verpacken",
    "t-shirt": "ist ein bequemes Basic für jeden Tag",
    "waterproof trousers": "schützt die Beine bei Regen",
    "hiking socks": "polstern und wärmen auf langen Touren",
    "rain hat": "hält Kopf und Nacken trocken",
    "running shorts": "sind leicht und luftig für schnelle Läufe",
    "running shoe": "dämpft jeden Schritt auf der Straße",
    "trail running shoe": "greift auf Waldwegen und Schotter",
    "hiking boot": "gibt Halt auf steilen Pfaden",
    "sneaker": "passt zu jedem Alltagsoutfit",
    "sandal": "ist bequem für warme Tage und den Strand",
    "rain boot": "hält die Füße in jeder Pfütze trocken",
    "slipper": "ist gemütlich für zu Hause",
    "backpack": "trägt alles für Alltag, Reise und Tagestour",
    "backpack rain cover": "schützt den Rucksack vor Regen",
    "tent": "ist ein verlässliches Zuhause beim Camping",
    "sleeping bag": "hält in kalten Nächten warm",
    "camping stove": "kocht Kaffee und Essen unterwegs",
    "headlamp": "leuchtet den Weg, wenn es dunkel wird",
    "water bottle": "hält Getränke kalt oder heiß",
    "yoga mat": "gibt Halt bei jeder Übung",
    "foam roller": "lockert Muskeln nach dem Training",
    "kettlebell": "bringt Kraft ins Training zu Hause",
    "massage gun": "entspannt verspannte Muskeln",
    "cycling helmet": "schützt auf dem Weg zur Arbeit und auf Touren",
    "running vest": "trägt Wasser und Proviant beim Laufen",
    "gym bag": "nimmt alles fürs Training mit",
    "scented candle": "sorgt für eine gemütliche Stimmung",
    "throw blanket": "ist weich und warm für Abende auf dem Sofa",
    "bath towel": "trocknet schnell und fühlt sich weich an",
    "bed linen set": "sorgt für erholsamen Schlaf",
    "pillow": "stützt Kopf und Nacken im Schlaf",
    "vase": "sieht mit frischen Blumen oder ganz allein schön aus",
    "desk lamp": "gibt gutes Licht am Schreibtisch",
    "smart bulb": "lässt sich per App dimmen und einfärben",
    "face cream": "pflegt die Haut den ganzen Tag",
    "sunscreen": "schützt zuverlässig vor der Sonne",
    "shampoo": "pflegt das Haar mild",
    "lip balm": "schützt die Lippen bei Wind und Kälte",
    "electric toothbrush": "putzt gründlich und sanft",
    "hair dryer": "trocknet das Haar schnell und schonend",
    "beard trimmer": "trimmt den Bart präzise",
    "headphones": "bringt Ruhe und guten Klang",
    "earbuds": "sind klein, kabellos und klingen gut",
    "bluetooth speaker": "bringt Musik überallhin",
    "smartwatch": "begleitet Training und Alltag",
    "e-reader": "hat Platz für tausende Bücher",
    "power bank": "lädt Handy und Kopfhörer unterwegs",
    "webcam": "macht Videocalls scharf",
    "espresso machine": "macht Espresso wie im Café",
    "filter coffee machine": "brüht Filterkaffee für die ganze Familie",
    "moka pot": "kocht Espresso auf dem Herd",
    "coffee grinder": "mahlt die Bohnen frisch",
    "milk jug": "schäumt Milch für Cappuccino",
    "kettle": "kocht Wasser schnell",
    "chef's knife": "schneidet präzise und liegt gut in der Hand",
    "dutch oven": "schmort langsam und gleichmäßig",
    "coffee beans": "sind frisch geröstet und aromatisch",
    "coffee capsules": "sind schnell zubereitet",
    "black tea": "ist kräftig und aromatisch",
    "green tea": "ist frisch und mild",
    "herbal tea": "ist koffeinfrei und wohltuend",
    "matcha": "ist fein gemahlen und leuchtend grün",
    "tea gift set": "ist ein schönes Geschenk für Teefreunde",
    "hot chocolate": "wärmt an kalten Tagen",
}
"""What each product type is good for, said after its name ("... hält bei Stadtregen ... trocken")."""

PRAISE = ("Genau wie beschrieben und super schnell geliefert.", "Top Qualität, würde ich wieder kaufen.",
          "Hat sich als Geschenk riesig gefreut.", "Preis und Leistung stimmen.",
          "Im Laden in Hamburg ausprobiert, sehr nette Beratung.", "Mein zweites, immer noch begeistert.")
OKAY = ("Gute Qualität, aber etwas teuer.", "Erfüllt seinen Zweck, bisher keine Beanstandungen.",
        "Solide, nichts Besonderes.")
CRITICISM = ("Die Lieferung hat ein paar Tage länger gedauert.", "Die Verpackung war viel zu groß.",
             "Fällt etwas kleiner aus als erwartet.", "Nach ein paar Wochen erste Gebrauchsspuren.",
             "Hatte mir die Farbe etwas anders vorgestellt.")


def _pick(pool: tuple[str, ...], key: str) -> str:
    return pool[zlib.crc32(key.encode()) % len(pool)]


def _models() -> dict[str, tuple[str, str, str]]:
    """(brand, model name, own title) of every model in the catalog tables, by English title."""
    found = {}
    for families in FAMILIES.values():
        for family in families:
            for brand, name, _price, *more in family["models"]:
                opts = more[0] if more and isinstance(more[0], dict) else {}
                title = opts.get("title") or f"{name} {family['suffix']}"
                found[f"{brand}|{title}"] = (brand, name, opts.get("title", ""))
    return found


def german(product: dict[str, Any], models: dict[str, tuple[str, str, str]]) -> dict[str, Any]:
    """The German texts of one English catalog product."""
    brand, name, own_title = models.get(f"{product['brand']}|{product['title']}",
                                        (product["brand"], product["title"], product["title"]))
    kind = noun(product["type"])
    title = own_title or f"{name} {kind.singular}"
    article = {"m": "Der", "f": "Die", "n": "Das", "pl": "Die"}[kind.gender]
    use = USES.get(product["type"], "ist eine gute Wahl")
    verb_plural = kind.gender == "pl" and use.startswith(("ist ", "hält ", "gibt ", "trägt "))
    if verb_plural:
        use = use.replace("ist ", "sind ", 1).replace("hält ", "halten ", 1).replace("gibt ", "geben ", 1).replace(
            "trägt ", "tragen ", 1)
    features = [FEATURES.get(f, f) for f in product["features"]]
    highlights = features[:3]
    description = f"{article} {brand} {name} {use}."
    if highlights:
        description += " Highlights: " + (", ".join(highlights[:-1]) + " und " if len(highlights) > 1 else "") \
            + highlights[-1] + "."
    reviews = []
    for n, review in enumerate(product["reviews"]):
        rating = review["rating"]
        pool = PRAISE if rating == 5 else OKAY if rating == 4 else CRITICISM
        reviews.append({"rating": rating, "text": _pick(pool, f"{product['handle']}|{n}")})
    return {
        "handle": product["handle"], "language": "de", "title": title, "description": description,
        "features": features, "materials": [MATERIALS.get(m, m) for m in product["materials"]],
        "reviews": reviews,
    }


def build() -> list[dict[str, Any]]:
    models = _models()
    lines = (DATA / "catalog.jsonl").read_text(encoding="utf-8").splitlines()
    return [german(json.loads(line), models) for line in lines if line.strip()]


def main() -> int:
    texts = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(t, ensure_ascii=False) + "\n" for t in texts)
    english_left = sum(1 for t in texts for f in t["features"] if f[:1].islower() and f not in FEATURES.values())
    print(f"wrote {len(texts)} German product texts to {OUT} ({english_left} features kept in English)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
