"""Generate the demo shop catalog: `python -m fulfillment.tools.demo.generate_catalog`.

Writes `fulfillment/data/catalog.jsonl`, one product per line. Product families are tables
(electronics, kitchen and coffee and tea below; the other categories and the `fam()` format
in `catalog_tables.py`); `expand()` turns every model of a family into a product with
colour and size variants, prices, stock per store and reviews. Seeded, so the output is stable.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from fulfillment.tools.demo.catalog_tables import TABLES, Model, fam, words

OUT = Path(__file__).resolve().parents[2] / "data" / "catalog.jsonl"
CATEGORIES = ("apparel", "shoes", "outdoor", "electronics", "kitchen", "coffee and tea",
              "beauty", "sport", "home")
STORES = ("berlin", "munich", "hamburg")

# Size sets: "label=price factor" (factor 1 when omitted), smallest size first.
_SIZES = {
    "clothes": "XS, S, M, L, XL", "shoes": ", ".join(str(n) for n in range(38, 47)),
    "socks": "35-38, 39-42, 43-46", "hat": "S/M, L/XL", "helmet": "S, M, L",
    "bag": "regular, long=1.12", "cover": "20-35 l, 35-55 l=1.15", "bottle": "500 ml, 750 ml=1.2",
    "beans": "250 g, 500 g=1.85, 1 kg=3.3", "caps": "10 capsules, 50 capsules=4.6",
    "bags": "20 bags, 50 bags=2.2", "loose": "100 g, 250 g=2.2", "matcha": "30 g, 100 g=2.9",
    "cups": "3 cups, 6 cups=1.3, 9 cups=1.6", "jug": "350 ml, 600 ml=1.2",
    "pot": "20 cm, 24 cm=1.2, 28 cm=1.45", "pan": "24 cm, 28 cm=1.15", "ml": "250 ml, 500 ml=1.7",
    "cream": "30 ml, 150 ml=2.4", "kb": "8 kg, 12 kg=1.45, 16 kg=1.9, 20 kg=2.4",
    "bed": "135 x 200 cm, 155 x 220 cm=1.25", "towel": "50 x 100 cm, 70 x 140 cm=1.7",
}
SIZE_SETS = {key: [(s.partition("=")[0], float(s.partition("=")[2] or 1)) for s in words(spec)]
             for key, spec in _SIZES.items()}

# SKU prefixes where the first three letters of the brand are unclear or taken.
BRAND_CODES = {
    "The North Face": "TNF", "Helly Hansen": "HH", "Arc'teryx": "ARC", "Outdoor Research": "OR",
    "Darn Tough": "DT", "New Balance": "NB", "Black Diamond": "BD", "Big Agnes": "BA",
    "Sea to Summit": "STS", "Hydro Flask": "HF", "Klean Kanteen": "KK", "Coleman": "CLM",
    "Ultimate Ears": "UE", "De'Longhi": "DL", "Le Creuset": "LC", "Five Elephant": "FVE",
    "The Barn": "BRN", "Staub": "STB", "Starbucks": "SBX", "Yogi Tea": "YOG", "Jade Leaf": "JL",
    "Mariage Frères": "MF", "Sonnentor": "SNT", "La Roche-Posay": "LRP", "Dr. Hauschka": "DRH",
    "Clinique": "CLQ", "Burt's Bees": "BB", "L'Occitane": "LOC", "Oral-B": "ORB", "L'OR": "LOR",
    "Carhartt WIP": "CHT", "Under Armour": "UA", "Gorilla Sports": "GOR", "Therabody": "THB",
    "Theraband": "TRB", "Yankee Candle": "YC", "Philips Hue": "HUE", "Louis Poulsen": "LP",
    "Stadler Form": "SF", "de Buyer": "DEB", "Sealskinz": "SKZ",
}

COLOR_CODES = {
    "black": "BLK", "white": "WHT", "navy": "NVY", "olive": "OLV", "yellow": "YEL", "red": "RED",
    "charcoal": "CHR", "oatmeal": "OAT", "forest green": "FGR", "burgundy": "BUR", "blue": "BLU",
    "grey": "GRY", "green": "GRN", "stone": "STN", "beige": "BEI", "sand": "SND", "brown": "BRN",
    "orange": "ORG", "pink": "PNK", "purple": "PUR", "teal": "TEA", "silver": "SLV",
    "cream": "CRM", "sage": "SAG", "rust": "RST", "natural": "NAT", "khaki": "KHA",
}

ELECTRONICS = [
    fam("headphones", "Headphones", "", "black, white, silver, blue, beige", "",
        "wireless, noise cancelling; multipoint pairing, foldable, fast charging, "
        "transparency mode", "music, travel, commute, home office",
        "The {model} shuts out trains, planes and open offices and sounds rich and clear.",
        "Noise cancelling is amazing on the U-Bahn. | Comfortable for a whole long-haul flight.",
        "Ears get warm after an hour or two. | The case is bulky for a small bag.",
        [("Bose", "QuietComfort Ultra", 449.95, "24 hour battery"),
         ("Sony", "WH-1000XM5", 349.00, "30 hour battery"),
         ("Sennheiser", "Momentum 4 Wireless", 299.00, "60 hour battery"),
         ("JBL", "Tune 770NC", 99.99, "70 hour battery"),
         ("Sony", "WH-CH720N", 99.00, "35 hour battery"),
         ("Apple", "AirPods Max", 579.00, "20 hour battery"),
         ("Bose", "QuietComfort", 349.95, "24 hour battery")]),
    fam("earbuds", "Earbuds", "", "black, white, silver, blue", "",
        "wireless; noise cancelling, wireless charging case, water resistant, multipoint pairing",
        "music, running, gym, commute, travel",
        "The {model} are tiny earbuds with big sound for workouts, commutes and calls.",
        "They stay put even on sweaty runs. | Call quality is great, colleagues can't tell.",
        "The case scratches easily. | The touch controls trigger far too easily.",
        [("Sony", "WF-1000XM5", 299.00), ("Bose", "QuietComfort Ultra", 299.95),
         ("JBL", "Live Beam 3", 179.99), ("Apple", "AirPods Pro 2", 279.00),
         ("Samsung", "Galaxy Buds3 Pro", 249.00), ("Jabra", "Elite 8 Active", 199.99),
         ("Sony", "WF-C700N", 99.00)]),
    fam("bluetooth speaker", "Bluetooth Speaker", "", "black, blue, red, teal, white",
        "; fabric, silicone",
        "waterproof; usb-c charging, built-in microphone, dustproof, pairs with a second speaker",
        "music, summer, camping, festival",
        "The {model} is a rugged speaker for the park, the beach and the bathroom.",
        "Surprisingly loud and full for its size. | Dropped it in the lake, still works.",
        "Bass gets thin at max volume. | No aux input.",
        [("JBL", "Flip 6", 129.99, "12 hour battery"),
         ("JBL", "Charge 5", 179.99, "20 hour battery"),
         ("Bose", "SoundLink Flex", 149.95, "12 hour battery"),
         ("Sony", "ULT Field 1", 129.00, "12 hour battery"),
         ("Marshall", "Emberton II", 169.99, "30 hour battery"),
         ("Ultimate Ears", "Wonderboom 4", 99.99, "14 hour battery"),
         ("JBL", "Go 4", 49.99, "7 hour battery")]),
    fam("smartwatch", "Smartwatch", "", "black, white, grey, pink", "; aluminium, titanium",
        "gps; heart rate monitor, sleep tracking, contactless payments, water resistant, "
        "music storage", "running, fitness, hiking, marathon",
        "The {model} tracks runs, sleep and recovery and shows your messages at a glance.",
        "GPS locks in seconds and the pace is spot on. | Sleep tracking changed my bedtime.",
        "The strap irritated my wrist on hot days. | The app is overwhelming at first.",
        [("Garmin", "Fenix 8", 949.99, "16 day battery"),
         ("Apple", "Watch Ultra 2", 899.00, "36 hour battery"),
         ("Garmin", "Forerunner 265", 449.99, "13 day battery"),
         ("Garmin", "Venu 3", 449.99, "14 day battery"), ("Samsung", "Galaxy Watch7", 319.00),
         ("Polar", "Pacer Pro", 299.90), ("Apple", "Watch Series 10", 449.00, "18 hour battery")]),
    fam("e-reader", "E-Reader", "", "black, green, blue", "", "glare-free screen; waterproof, "
        "adjustable warm light, weeks of battery, audiobook support",
        "reading, travel, back to school",
        "The {model} holds thousands of books and reads like paper even in bright sun.",
        "Reading in the bath is finally stress free. | Battery lasts weeks, I barely charge it.",
        "The store menus are cluttered. | Page turns are a touch slow.",
        [("Amazon", "Kindle Paperwhite", 169.99), ("Kobo", "Clara BW", 139.99),
         ("Kobo", "Libra Colour", 229.99), ("Amazon", "Kindle Kids", 119.99, {"tags": "for kids"}),
         ("PocketBook", "Verse Pro", 149.00)]),
    fam("power bank", "Power Bank", "", "black, white, blue", "; aluminium",
        "usb-c; fast charging, charges two devices, airline safe, compact",
        "travel, commute, camping, festival",
        "The {model} charges your phone two or three times over on long travel days.",
        "Charged my phone three times at a festival. | Small enough for a jeans pocket.",
        "Gets warm while fast charging. | Takes ages to recharge itself.",
        [("Anker", "PowerCore 10000", 25.99), ("Anker", "Prime 20000", 99.99),
         ("Belkin", "BoostCharge Pro 10K", 49.99), ("Xiaomi", "Redmi 20000", 24.99),
         ("Anker", "Nano", 29.99)]),
    fam("webcam", "Webcam", "", "black, white", "",
        "autofocus; privacy shutter, built-in microphone, light correction, wide angle",
        "home office",
        "The {model} makes you look sharp and well lit on every video call.",
        "Colleagues noticed the sharper picture right away. | Worked instantly, no drivers.",
        "The clip is wobbly on thin monitors. | The microphone picks up keyboard noise.",
        [("Logitech", "C920 HD Pro", 79.99), ("Logitech", "Brio 4K", 199.00),
         ("Elgato", "Facecam MK.2", 149.99)]),
]

KITCHEN = [
    fam("espresso machine", "Espresso Machine", "", "black, silver, red, cream",
        "stainless steel; aluminium", "steam wand; compact, cup warmer, pid temperature control, "
        "removable water tank, fast heat-up", "coffee lover, new home",
        "The {model} pulls cafe-style espresso and steams silky milk for flat whites at home.",
        "Makes better flat whites than my local cafe. | Heats up fast, coffee in two minutes.",
        "The drip tray fills up quickly. | The steam wand takes practice to get microfoam.",
        [("De'Longhi", "Dedica Style EC685", 179.99),
         ("De'Longhi", "La Specialista Arte", 599.99, "built-in grinder"),
         ("Sage", "Bambino Plus", 399.99), ("Sage", "Barista Express", 649.99, "built-in grinder"),
         ("Gaggia", "Classic Evo Pro", 449.00), ("Rancilio", "Silvia V6", 899.00),
         ("De'Longhi", "Magnifica Evo", 449.99, "built-in grinder")]),
    fam("coffee grinder", "Coffee Grinder", "", "black, white, silver",
        "stainless steel; aluminium",
        "burr grinder; stepless adjustment, single dosing, quiet motor, grind timer",
        "coffee lover",
        "The {model} grinds evenly and fresh, from fine espresso to coarse French press.",
        "Fresh grounds made a bigger difference than a new machine. | Super consistent grind.",
        "Some static, grounds stick to the cup. | Louder than I expected.",
        [("Fellow", "Ode Gen 2", 349.00), ("Baratza", "Encore ESP", 199.00),
         ("Sage", "Smart Grinder Pro", 199.99),
         ("Comandante", "C40 MK4", 269.00, {"feats": "hand grinder", "colors": "black"}),
         ("De'Longhi", "KG 79", 39.99)]),
    fam("moka pot", "Stovetop Espresso Maker", "cups", "silver, black, red", "aluminium",
        "stovetop; safety valve, ergonomic handle, easy to clean", "coffee lover, camping, travel",
        "The {model} brews strong Italian-style coffee on the stove in five minutes.",
        "Tastes just like my nonna's kitchen. | Cheap, simple and lasts forever.",
        "The handle gets hot if the flame is too high. | Needs an adapter for induction.",
        [("Bialetti", "Moka Express", 29.99),
         ("Bialetti", "Venus", 39.99, {"feats": "induction compatible", "mats": "stainless steel"}),
         ("Alessi", "Pulcina", 79.00), ("Bialetti", "Brikka", 44.99)]),
    fam("kettle", "Kettle", "", "black, white, silver, cream", "stainless steel",
        "; variable temperature, keep warm, auto shut-off, 1.7 litre",
        "tea lover, coffee lover, new home",
        "The {model} brings water to exactly the right temperature for tea or pour-over.",
        "Perfect pour control for my V60. | Green tea finally tastes sweet.",
        "The lid is stiff to open. | It beeps a bit loudly.",
        [("Fellow", "Stagg EKG", 179.00, "gooseneck spout, variable temperature"),
         ("Smeg", "KLF03", 159.99), ("WMF", "Lono", 69.99),
         ("Hario", "V60 Buono", 49.90, {"feats": "gooseneck spout, stovetop", "colors": "silver"}),
         ("Bodum", "Bistro", 49.99)]),
    fam("filter coffee machine", "Filter Coffee Machine", "", "black, silver, white, red",
        "aluminium; glass, stainless steel",
        "; thermal carafe, hot plate, 10 cups, auto shut-off, drip stop",
        "coffee lover, new home, home office",
        "The {model} brews a full jug of filter coffee in about six minutes.",
        "Brews at the right temperature, coffee tastes clean. | Built like a tank.",
        "The glass jug is fragile. | Pricey for a drip machine.",
        [("Moccamaster", "KBG Select", 249.00), ("Moccamaster", "Cup-One", 169.00),
         ("Melitta", "Aroma Elegance", 59.99), ("Sage", "Precision Brewer", 299.99)]),
    fam("milk jug", "Milk Jug", "jug", "silver, black", "stainless steel",
        "; pointed spout, measuring lines, dishwasher safe", "coffee lover",
        "The {model} helps you pour silky microfoam and latte art at home.",
        "My first latte art heart, finally! | Solid, feels professional.",
        "No measuring lines inside. | The handle gets hot while steaming.",
        [("Motta", "Europa", 19.90), ("Fellow", "Eddy", 39.00),
         ("De'Longhi", "Stainless Steel", 19.99)]),
    fam("dutch oven", "Dutch Oven", "pot", "orange, red, blue, black, sage", "cast iron; enamel",
        "oven safe; induction compatible, dishwasher safe, self-basting lid", "cooking, new home",
        "The {model} is an enamelled cast iron pot for stews, bread and slow Sunday roasts.",
        "Bakes the best sourdough I have ever made. | Stew never sticks and cleans up easily.",
        "Very heavy when full. | The enamel chipped on the rim after a year.",
        [("Le Creuset", "Signature Round", 289.00), ("Staub", "La Cocotte Round", 229.00),
         ("Lodge", "Enamel Cast Iron", 99.95), ("Le Creuset", "Signature Oval", 309.00)]),
    fam("chef's knife", "Chef's Knife", "", "", "stainless steel",
        "20 cm blade; full tang, forged blade, ergonomic handle, razor sharp", "cooking, gift",
        "The {model} is a balanced chef's knife for everyday chopping and slicing.",
        "Glides through tomatoes and onions. | Perfect balance, an extension of my hand.",
        "Not dishwasher safe, wash by hand. | Needs sharpening more often than I hoped.",
        [("Zwilling", "Pro", 99.95), ("Victorinox", "Fibrox", 49.90), ("Global", "G-2", 119.00),
         ("Wüsthof", "Classic", 149.00)]),
]

COFFEE_AND_TEA = [
    fam("coffee beans", "Coffee Beans", "beans", "", "arabica",
        "whole bean; fair trade, freshly roasted", "coffee lover, home office",
        "The {model} roast shines as espresso, in a moka pot or in a filter.",
        "Chocolatey and smooth, perfect for flat whites. | Roast date was only a week old.",
        "A bit too dark for my taste. | The bag doesn't reseal well.",
        [("Lavazza", "Super Crema", 5.49, {"mats": "arabica, robusta", "feats": "medium roast"}),
         ("illy", "Classico", 8.99, "medium roast"),
         ("The Barn", "Espresso", 14.50, "light roast, single origin"),
         ("Five Elephant", "House Espresso", 12.90, "medium roast"),
         ("Dallmayr", "Crema d'Oro", 6.49, "medium roast"),
         ("Segafredo", "Intermezzo", 4.99, {"mats": "arabica, robusta", "feats": "dark roast"}),
         ("Tchibo", "Barista Caffè Crema", 5.49, "medium roast"),
         ("Lavazza", "Qualità Oro", 6.99, "medium roast")]),
    fam("coffee capsules", "Coffee Capsules", "caps", "", "arabica; robusta",
        "nespresso compatible; recyclable, fair trade", "coffee lover, home office, travel",
        "The {model} capsules fit Nespresso Original machines for quick espresso anywhere.",
        "As good as the original capsules for less money. | Rich crema every time.",
        "One capsule in ten gets stuck. | Too bitter for me as a lungo.",
        [("L'OR", "Espresso Forza", 3.49), ("Lavazza", "Espresso Intenso", 3.29),
         ("Starbucks", "Pike Place", 4.49), ("illy", "Intenso", 5.49)]),
    fam("black tea", "Black Tea", "bags", "", "black tea",
        "; strong, great with milk, individually wrapped", "tea lover, home office",
        "The {model} is a full-bodied black tea that takes milk and a morning rush well.",
        "Strong and malty, perfect with milk in the morning. | My daily cuppa for years.",
        "Goes bitter if you steep it too long. | The box dents easily in the post.",
        [("Twinings", "English Breakfast", 2.99), ("Twinings", "Earl Grey", 2.99),
         ("Teekanne", "Ostfriesen", 2.49),
         ("Ronnefeldt", "Assam Golden Tips", 8.90, {"sizes": "loose", "feats": "loose leaf"}),
         ("Mariage Frères", "Marco Polo", 19.00, {"sizes": "loose", "feats": "loose leaf"}),
         ("Twinings", "Lady Grey", 2.99)]),
    fam("green tea", "Green Tea", "bags", "", "green tea", "; light, organic, low caffeine",
        "tea lover, self care, home office",
        "The {model} is a fresh, grassy green tea for a calm afternoon.",
        "Light and fresh, never bitter at 80 degrees. | Lovely with a slice of lemon.",
        "A bit weak unless I use two bags. | Tastes dusty compared to loose leaf.",
        [("Clipper", "Organic Green", 2.79), ("Twinings", "Pure Green", 2.99),
         ("Ronnefeldt", "Japan Sencha", 9.50, {"sizes": "loose", "feats": "loose leaf"}),
         ("Pukka", "Supreme Matcha Green", 3.99), ("Yogi Tea", "Green Balance", 3.29)]),
    fam("herbal tea", "Herbal Tea", "bags", "", "herbs", "caffeine free; organic, calming",
        "tea lover, self care, sleep",
        "The {model} is a caffeine-free blend to unwind with in the evening.",
        "Helps me switch off before bed. | Smells wonderful the moment you open the box.",
        "Too much liquorice for my taste. | The flavour fades after a few weeks open.",
        [("Pukka", "Night Time", 3.99, {"mats": "oat flower, lavender, limeflower"}),
         ("Pukka", "Three Chamomile", 3.99, {"mats": "chamomile"}),
         ("Yogi Tea", "Bedtime", 3.29, {"mats": "rooibos, lemon balm"}),
         ("Yogi Tea", "Classic", 3.29, {"mats": "cinnamon, ginger, cardamom"}),
         ("Teekanne", "Lemon Ginger", 2.49, {"mats": "ginger, lemongrass"}),
         ("Sonnentor", "Feel Good", 3.99, {"mats": "peppermint, fennel"})]),
    fam("matcha", "Matcha", "matcha", "", "matcha", "ceremonial grade; stone ground, organic",
        "tea lover, self care",
        "The {model} is a vivid green, stone-ground matcha for whisking or silky lattes.",
        "Bright green and not bitter at all. | Makes the best iced matcha latte.",
        "Small tin for the price. | Clumps unless you sift it.",
        [("Aiya", "Ceremonial", 24.90), ("Jade Leaf", "Ceremonial Grade", 29.95),
         ("Ippodo", "Sayaka", 32.00)]),
    fam("tea gift set", "Tea Gift Set", "", "", "black tea; green tea, herbal tea",
        "gift box; assorted flavours, wooden box", "gift, tea lover",
        "The {model} is a beautifully boxed tea selection to give or to explore yourself.",
        "Lovely box, my mum was delighted. | Nice variety, found some new favourites.",
        "Half the flavours are fruit teas I don't like. | The box is bigger than the contents.",
        [("Twinings", "Discovery Collection", 14.99), ("Pukka", "Selection Box", 12.99),
         ("Mariage Frères", "Classics Discovery", 45.00),
         ("Ronnefeldt", "Teavelope Selection", 24.90)]),
    fam("hot chocolate", "Hot Chocolate", "", "", "cocoa", "; rich, vegan, organic, fair trade",
        "cozy, for kids, winter",
        "The {model} makes a rich, velvety hot chocolate for cold afternoons.",
        "Rich and not too sweet, the kids love it. | Like a cafe hot chocolate at home.",
        "Doesn't dissolve well in cold milk. | Pricey per cup.",
        [("Whittard", "Luxury", 12.95), ("Hachez", "Cocoa d'Arriba", 6.49),
         ("Rapunzel", "Organic", 4.49)]),
]

FAMILIES = {**TABLES, "electronics": ELECTRONICS, "kitchen": KITCHEN,
            "coffee and tea": COFFEE_AND_TEA}
DRAFTS = {"hay-ete-bed-linen-set", "aesop-classic-shampoo", "nanoleaf-essentials-e27-smart-bulb"}
"""Unpublished products, kept so that loaders can be tested against drafts."""
GENDERED = ("apparel", "shoes")
GOOD = ["Exactly as described and arrived in two days.", "My second {model}, still love it.",
        "Great value for the price.", "Bought it as a gift and it went down really well.",
        "Tried it in the Hamburg store first, staff were really helpful."]
OKAY = ["Good quality, a little pricey though.", "Does the job, no complaints so far."]
MEH = ["Delivery took a few days longer than promised.", "The packaging was far too big."]


def ascii_text(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slug(text: str) -> str:
    text = ascii_text(text).lower().replace("&", " and ").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def model_code(name: str) -> str:
    """'Torrentshell 3L' -> 'TOR3L', 'Gel-Nimbus 26' -> 'GELN26', 'Kånken' -> 'KANKE'."""
    head, *rest = re.findall(r"[A-Za-z]+|\d+", ascii_text(name))
    code = head[:5] if not rest else head[:3]
    return (code + "".join(t if t.isdigit() else t[0] for t in rest)).upper()[:8]


def brand_code(brand: str) -> str:
    return BRAND_CODES.get(brand) or re.sub(r"[^A-Z]", "", ascii_text(brand).upper())[:3]


def size_code(size: str) -> str:
    """'M' -> 'M', '250 g' -> '250G', '10 capsules' -> '10C', '135 x 200 cm' -> '135X200'."""
    short = {"capsules": "C", "bags": "B", "cups": "C", "regular": "R", "long": "LG", "cm": ""}
    return "".join(short.get(p, p) for p in re.findall(r"[a-z]+|\d+|[A-Z]+", size)).upper()


def nice_price(amount: float, like: float) -> float:
    """Round up to the price ending of `like` (x.99, x.95, x.90 or whole euros)."""
    ending = round(like % 1, 2)
    whole = int(amount) if ending else round(amount)
    return round(whole + ending + (1 if whole + ending < amount - 0.5 else 0), 2)


def pick(rng: random.Random, pool: list[str], low: int, high: int) -> list[str]:
    return rng.sample(pool, min(len(pool), rng.randint(low, high)))


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def expand(rng: random.Random, category: str, family: dict[str, Any], model: Model,
           prefixes: set[str]) -> dict[str, Any]:
    """One product: title, text fields, tags, then colour x size variants and reviews."""
    brand, name, base, *more = model
    opts: dict[str, str] = more[0] if more and isinstance(more[0], dict) else {}
    opts = {"feats": more[0]} if more and isinstance(more[0], str) else opts
    title = opts.get("title") or f"{name} {family['suffix']}"
    handle = slug(f"{brand} {title}")
    always, some = family["materials"]
    materials = words(opts["mats"]) if "mats" in opts else unique(always + pick(rng, some, 0, 1))
    always, some = family["features"]
    features = unique(always + words(opts.get("feats", "")) + pick(rng, some, 2, 3))
    tags = unique(family["tags"] + words(opts.get("tags", "")))
    if category in GENDERED:
        roll = rng.random()  # men's, women's or unisex
        tags += [["for him"], ["for her"], ["for him", "for her"]][(roll > 0.35) + (roll > 0.7)]
    if "gift" not in tags and 10 <= base <= 300 and rng.random() < 0.4:
        tags.append("gift")
    if "gift" in tags:
        tags += [t for t in ("birthday", "christmas") if t not in tags and rng.random() < 0.55]
    *first, last = features[:3]
    full_name = f"{brand} {name}"  # "The Patagonia Torrentshell 3L ...", "The North Face ..."
    description = family["desc"].format(model=full_name).replace("The The ", "The ")
    description += f" Highlights: {', '.join(first)} and {last}." if first else ""

    pool, (low, high) = family["colors"], (2, 3) if category in GENDERED else (0, 2)
    colors = pool[:1] + pick(rng, pool[1:], low, high)  # the first colour, plus a few others
    colors = words(opts["colors"]) if "colors" in opts else colors
    prefix = f"{brand_code(brand)}-{model_code(name)}"
    while prefix in prefixes:  # same brand and model name in two types, e.g. Bose QC Ultra
        prefix += family["type"][0].upper()
    prefixes.add(prefix)
    markup = rng.choice((1.15, 1.2, 1.25, 1.3)) if rng.random() < 0.18 else 0  # on sale
    variants = []
    for color in colors or [None]:
        for size, factor in SIZE_SETS.get(opts.get("sizes", family["sizes"]), [(None, 1.0)]):
            price = nice_price(base * factor, base)
            codes = [prefix, COLOR_CODES[color] if color else "", size_code(size) if size else ""]
            roll = rng.random()
            variants.append({
                "sku": "-".join(c for c in codes if c), "color": color, "size": size,
                "price": price,
                "compare_at_price": nice_price(price * markup, base) if markup else None,
                "stock": 0 if roll < 0.08 else rng.randint(1, 12) if roll < 0.6
                else rng.randint(13, 40),
                "store_stock": {s: 0 if rng.random() < 0.3 else rng.randint(1, 8) for s in STORES},
            })
    rating = round(min(4.9, max(3.2, rng.gauss(4.3, 0.4))), 1)
    return {
        "handle": handle, "title": title, "brand": brand, "category": category,
        "type": family["type"], "description": description, "materials": materials,
        "features": features, "tags": tags, "rating": rating,
        "review_count": 3 + int(897 * rng.random() ** 2.5),
        "reviews": reviews(rng, family, name, rating),
        "status": "draft" if handle in DRAFTS else "active", "variants": variants,
    }


def reviews(rng: random.Random, family: dict[str, Any], name: str, rating: float) -> list[dict]:
    """3-5 reviews: always one praise (5 stars) and one criticism (3 stars or less)."""
    good, bad = rng.sample(family["good"], 2), rng.sample(family["bad"], 2)
    chosen = [(5, good[0]), (rng.choice((1, 2, 3, 3)), bad[0])]
    extras = [(rng.choice((4, 5)), good[1]), (3, bad[1]), (5, rng.choice(GOOD)),
              (4, rng.choice(OKAY)), (rng.choice((2, 3)), rng.choice(MEH))]
    weights = [3, 1, 2, 2, 1] if rating >= 4.2 else [1, 3, 1, 2, 2]
    target = rng.randint(3, 5)
    while len(chosen) < target:
        extra = rng.choices(extras, weights)[0]
        if all(extra[1] != text for _, text in chosen):
            chosen.append(extra)
    rng.shuffle(chosen)
    return [{"rating": r, "text": text.format(model=name)} for r, text in chosen]


def build(seed: int = 7) -> list[dict[str, Any]]:
    rng, prefixes = random.Random(seed), set[str]()
    return [expand(rng, category, family, model, prefixes) for category in CATEGORIES
            for family in FAMILIES[category] for model in family["models"]]


def check(products: list[dict[str, Any]]) -> None:
    """Fail loudly on anything a loader or the demo conversation would trip over."""
    skus = [v["sku"] for p in products for v in p["variants"]]
    for name, values in (("sku", skus), ("handle", [p["handle"] for p in products])):
        dupes = [v for v, n in Counter(values).items() if n > 1]
        assert not dupes, f"duplicate {name}s: {dupes}"
    codes = Counter(brand_code(b) for b in {p["brand"] for p in products})
    assert codes.most_common(1)[0][1] == 1, f"brand codes clash: {codes.most_common(3)}"
    for p in products:
        ratings = [r["rating"] for r in p["reviews"]]
        assert 3 <= len(ratings) <= 5 and max(ratings) == 5 and min(ratings) <= 3, p["handle"]
        assert all(len(r["text"]) < 90 for r in p["reviews"]), p["handle"]
    types = {c: {p["type"] for p in products if p["category"] == c} for c in CATEGORIES}
    assert len(products) >= 320 and all(len(t) >= 6 for t in types.values()), types


def main() -> int:
    products = build()
    check(products)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in products)
    counts = Counter(p["category"] for p in products)
    variants = sum(len(p["variants"]) for p in products)
    print(f"wrote {len(products)} products, {variants} variants to {OUT}")
    print("\n".join(f"  {c:15} {counts[c]}" for c in CATEGORIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
