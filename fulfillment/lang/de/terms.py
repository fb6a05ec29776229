"""Curated German names of the demo catalog's words: product types (with gender and plural), colors,
materials and features. Replies read them for agreement; `fulfillment/tools/demo/german_texts.py` writes
the German catalog texts from them. Hand-written, never machine-translated."""

from __future__ import annotations

from typing import NamedTuple


class Noun(NamedTuple):
    """A German noun: singular, plural and grammatical gender (m, f, n; "pl" for plural-only words)."""

    singular: str
    plural: str
    gender: str


TYPES: dict[str, Noun] = {
    "backpack": Noun("Rucksack", "Rucksäcke", "m"),
    "backpack rain cover": Noun("Regenhülle für Rucksäcke", "Regenhüllen für Rucksäcke", "f"),
    "bath towel": Noun("Badetuch", "Badetücher", "n"),
    "beard trimmer": Noun("Bartschneider", "Bartschneider", "m"),
    "bed linen set": Noun("Bettwäsche-Set", "Bettwäsche-Sets", "n"),
    "black tea": Noun("Schwarztee", "Schwarztees", "m"),
    "bluetooth speaker": Noun("Bluetooth-Lautsprecher", "Bluetooth-Lautsprecher", "m"),
    "camping stove": Noun("Campingkocher", "Campingkocher", "m"),
    "chef's knife": Noun("Kochmesser", "Kochmesser", "n"),
    "coffee beans": Noun("Kaffeebohnen", "Kaffeebohnen", "pl"),
    "coffee capsules": Noun("Kaffeekapseln", "Kaffeekapseln", "pl"),
    "coffee grinder": Noun("Kaffeemühle", "Kaffeemühlen", "f"),
    "cycling helmet": Noun("Fahrradhelm", "Fahrradhelme", "m"),
    "desk lamp": Noun("Schreibtischlampe", "Schreibtischlampen", "f"),
    "down jacket": Noun("Daunenjacke", "Daunenjacken", "f"),
    "dutch oven": Noun("Schmortopf", "Schmortöpfe", "m"),
    "e-reader": Noun("E-Reader", "E-Reader", "m"),
    "earbuds": Noun("In-Ear-Kopfhörer", "In-Ear-Kopfhörer", "pl"),
    "electric toothbrush": Noun("elektrische Zahnbürste", "elektrische Zahnbürsten", "f"),
    "espresso machine": Noun("Espressomaschine", "Espressomaschinen", "f"),
    "face cream": Noun("Gesichtscreme", "Gesichtscremes", "f"),
    "filter coffee machine": Noun("Filterkaffeemaschine", "Filterkaffeemaschinen", "f"),
    "fleece jacket": Noun("Fleecejacke", "Fleecejacken", "f"),
    "foam roller": Noun("Faszienrolle", "Faszienrollen", "f"),
    "green tea": Noun("Grüntee", "Grüntees", "m"),
    "gym bag": Noun("Sporttasche", "Sporttaschen", "f"),
    "hair dryer": Noun("Haartrockner", "Haartrockner", "m"),
    "headlamp": Noun("Stirnlampe", "Stirnlampen", "f"),
    "headphones": Noun("Kopfhörer", "Kopfhörer", "m"),
    "herbal tea": Noun("Kräutertee", "Kräutertees", "m"),
    "hiking boot": Noun("Wanderschuh", "Wanderschuhe", "m"),
    "hiking socks": Noun("Wandersocken", "Wandersocken", "pl"),
    "hot chocolate": Noun("Trinkschokolade", "Trinkschokoladen", "f"),
    "kettle": Noun("Wasserkocher", "Wasserkocher", "m"),
    "kettlebell": Noun("Kettlebell", "Kettlebells", "f"),
    "lip balm": Noun("Lippenpflege", "Lippenpflegestifte", "f"),
    "massage gun": Noun("Massagepistole", "Massagepistolen", "f"),
    "matcha": Noun("Matcha", "Matchas", "m"),
    "merino sweater": Noun("Merinopullover", "Merinopullover", "m"),
    "milk jug": Noun("Milchkännchen", "Milchkännchen", "n"),
    "moka pot": Noun("Espressokocher", "Espressokocher", "m"),
    "pillow": Noun("Kopfkissen", "Kopfkissen", "n"),
    "power bank": Noun("Powerbank", "Powerbanks", "f"),
    "rain boot": Noun("Gummistiefel", "Gummistiefel", "m"),
    "rain hat": Noun("Regenhut", "Regenhüte", "m"),
    "rain jacket": Noun("Regenjacke", "Regenjacken", "f"),
    "running shoe": Noun("Laufschuh", "Laufschuhe", "m"),
    "running shorts": Noun("Laufshorts", "Laufshorts", "pl"),
    "running vest": Noun("Laufweste", "Laufwesten", "f"),
    "sandal": Noun("Sandale", "Sandalen", "f"),
    "scented candle": Noun("Duftkerze", "Duftkerzen", "f"),
    "shampoo": Noun("Shampoo", "Shampoos", "n"),
    "sleeping bag": Noun("Schlafsack", "Schlafsäcke", "m"),
    "slipper": Noun("Hausschuh", "Hausschuhe", "m"),
    "smart bulb": Noun("smarte Glühbirne", "smarte Glühbirnen", "f"),
    "smartwatch": Noun("Smartwatch", "Smartwatches", "f"),
    "sneaker": Noun("Sneaker", "Sneaker", "m"),
    "sunscreen": Noun("Sonnencreme", "Sonnencremes", "f"),
    "t-shirt": Noun("T-Shirt", "T-Shirts", "n"),
    "tea gift set": Noun("Tee-Geschenkset", "Tee-Geschenksets", "n"),
    "tent": Noun("Zelt", "Zelte", "n"),
    "throw blanket": Noun("Kuscheldecke", "Kuscheldecken", "f"),
    "trail running shoe": Noun("Trailrunning-Schuh", "Trailrunning-Schuhe", "m"),
    "vase": Noun("Vase", "Vasen", "f"),
    "water bottle": Noun("Trinkflasche", "Trinkflaschen", "f"),
    "waterproof trousers": Noun("Regenhose", "Regenhosen", "f"),
    "webcam": Noun("Webcam", "Webcams", "f"),
    "yoga mat": Noun("Yogamatte", "Yogamatten", "f"),
}
"""Catalog type (English, as stored) -> its German noun."""

HEADS: dict[str, Noun] = {
    "boot": Noun("Stiefel", "Stiefel", "m"), "boots": Noun("Stiefel", "Stiefel", "m"),
    "shoe": Noun("Schuh", "Schuhe", "m"), "jacket": Noun("Jacke", "Jacken", "f"),
    "bag": Noun("Tasche", "Taschen", "f"), "bottle": Noun("Flasche", "Flaschen", "f"),
    "lamp": Noun("Lampe", "Lampen", "f"), "set": Noun("Set", "Sets", "n"), "mat": Noun("Matte", "Matten", "f"),
    "machine": Noun("Maschine", "Maschinen", "f"), "mug": Noun("Becher", "Becher", "m"),
    "cup": Noun("Tasse", "Tassen", "f"), "hat": Noun("Hut", "Hüte", "m"), "tea": Noun("Tee", "Tees", "m"),
    "sweater": Noun("Pullover", "Pullover", "m"), "product": Noun("Produkt", "Produkte", "n"),
    "store": Noun("Laden", "Läden", "m"),
}
"""The last English word of a type outside the demo catalog -> a German noun for its article and plural."""

CATEGORIES: dict[str, str] = {
    "apparel": "Bekleidung", "beauty": "Pflege", "coffee and tea": "Kaffee und Tee", "electronics": "Elektronik",
    "home": "Wohnen", "kitchen": "Küche", "outdoor": "Outdoor", "shoes": "Schuhe", "sport": "Sport",
}

COLORS: dict[str, str] = {
    "beige": "beige", "black": "schwarz", "blue": "blau", "brown": "braun", "burgundy": "bordeauxrot",
    "charcoal": "anthrazit", "cream": "creme", "forest green": "waldgrün", "green": "grün", "grey": "grau",
    "khaki": "khaki", "natural": "naturfarben", "navy": "marineblau", "oatmeal": "haferbeige", "olive": "oliv",
    "orange": "orange", "pink": "rosa", "purple": "lila", "red": "rot", "sage": "salbeigrün", "sand": "sand",
    "silver": "silber", "stone": "steingrau", "teal": "petrol", "white": "weiß", "yellow": "gelb",
}
"""Color names, uninflected ("in Rot" is said with the capitalised noun; `color_noun`)."""

MATERIALS: dict[str, str] = {
    "aluminium": "Aluminium", "arabica": "Arabica", "argan oil": "Arganöl", "beeswax": "Bienenwachs",
    "black tea": "Schwarztee", "calendula": "Ringelblume", "canvas": "Canvas", "cardamom": "Kardamom",
    "cast iron": "Gusseisen", "ceramic": "Keramik", "ceramides": "Ceramide", "chamomile": "Kamille",
    "cinnamon": "Zimt", "cocoa": "Kakao", "cotton": "Baumwolle", "cotton cover": "Baumwollbezug",
    "cotton lining": "Baumwollfutter", "cotton wick": "Baumwolldocht", "duck down": "Entendaunen",
    "duck feathers": "Entenfedern", "elastane": "Elasthan", "enamel": "Emaille", "engineered mesh": "Strickmesh",
    "epp foam": "EPP-Schaum", "eps foam": "EPS-Schaum", "eva foam": "EVA-Schaum", "fabric": "Stoff",
    "fennel": "Fenchel", "ginger": "Ingwer", "glass": "Glas", "goose down": "Gänsedaunen", "gore-tex": "Gore-Tex",
    "green tea": "Grüntee", "herbal tea": "Kräutertee", "lambswool": "Lammwolle", "lavender": "Lavendel",
    "leather": "Leder", "lemon balm": "Zitronenmelisse", "lemongrass": "Zitronengras", "limeflower": "Lindenblüte",
    "linen": "Leinen", "matcha": "Matcha", "memory foam": "Memory-Schaum", "merino wool": "Merinowolle",
    "mesh": "Mesh", "natural rubber": "Naturkautschuk", "nylon": "Nylon", "oat extract": "Haferextrakt",
    "oat flower": "Haferblüte", "organic cotton": "Bio-Baumwolle", "peppermint": "Pfefferminze",
    "polycarbonate": "Polycarbonat", "polyester": "Polyester", "pu": "PU", "recycled nylon": "recyceltem Nylon",
    "recycled polyester": "recyceltem Polyester", "ripstop nylon": "Ripstop-Nylon", "robusta": "Robusta",
    "rooibos": "Rooibos", "rose oil": "Rosenöl", "rubber": "Gummi", "shea butter": "Sheabutter",
    "soy wax": "Sojawachs", "stainless steel": "Edelstahl", "steel": "Stahl", "suede": "Veloursleder",
    "sunflower oil": "Sonnenblumenöl", "synthetic insulation": "Kunstfaserisolierung", "titanium": "Titan",
    "vinyl": "Vinyl", "vitamin e": "Vitamin E", "wool": "Wolle", "wool felt": "Wollfilz",
}
"""Materials as said after "aus" (dative)."""

FEATURES: dict[str, str] = {
    "waterproof": "wasserdicht", "breathable": "atmungsaktiv", "lightweight": "leicht", "packable": "verstaubar",
    "packable hood": "verstaubare Kapuze", "pit zips": "Belüftungsreißverschlüsse", "insulated": "isoliert",
    "warm": "warm", "windproof": "winddicht", "cushioned": "gedämpft", "organic": "bio",
    "wireless": "kabellos", "rechargeable": "wiederaufladbar", "noise cancelling": "Geräuschunterdrückung",
    "dishwasher safe": "spülmaschinenfest", "watertight": "wasserdicht verschließbar", "vegan": "vegan",
    "foldable": "faltbar", "compact": "kompakt", "durable": "strapazierfähig", "machine washable": "waschbar",
    "quick drying": "schnell trocknend", "non-slip": "rutschfest", "adjustable": "verstellbar",
    "reflective": "reflektierend", "unscented": "unparfümiert", "fragrance free": "parfümfrei",
    "hypoallergenic": "hypoallergen", "caffeine free": "koffeinfrei", "fair trade": "fair gehandelt",
    "gps": "GPS", "heart rate monitor": "Herzfrequenzmessung", "usb-c": "USB-C", "bluetooth": "Bluetooth",
    "recyclable": "recycelbar", "portable": "tragbar", "dimmable": "dimmbar", "quiet": "leise",
    "soft": "weich", "grippy": "griffig", "stackable": "stapelbar", "insulated lid": "isolierter Deckel",
    "leak proof": "auslaufsicher", "leakproof": "auslaufsicher", "bpa free": "BPA-frei",
    "wireless charging case": "kabelloses Ladecase", "water resistant": "wasserabweisend",
    "water repellent": "wasserabweisend", "wind resistant": "windabweisend", "slim": "schmal",
    "2 person": "für 2 Personen", "3 person": "für 3 Personen", "lace hooks": "Schnürhaken",
}
"""The catalog features the German texts name; others keep their English name in the German texts."""

WORDS: dict[str, str] = {
    "regen": "rain", "wasser": "water", "winter": "winter", "sommer": "summer", "kinder": "kids",
    "herren": "men", "damen": "women", "geschenk": "gift", "kaffee": "coffee", "tee": "tea", "schuh": "shoe",
    "schuhe": "shoe", "jacke": "jacket", "jacken": "jacket", "laufen": "running", "lauf": "running",
    "wandern": "hiking", "wander": "hiking", "reise": "travel", "reisen": "travel", "strand": "beach",
    "yoga": "yoga", "fahrrad": "cycling", "rad": "cycling", "schlaf": "sleep", "schlafen": "sleep",
    "küche": "kitchen", "bad": "bath", "garten": "garden", "hund": "dog", "katze": "cat", "baby": "baby",
    "hose": "trousers", "mütze": "hat", "tasche": "bag", "flasche": "bottle", "lampe": "lamp", "kerze": "candle",
    "decke": "blanket", "kissen": "pillow", "messer": "knife", "topf": "pot", "maschine": "machine",
    "mühle": "grinder", "uhr": "watch", "kopfhörer": "headphones", "lautsprecher": "speaker", "zelt": "tent",
    "rucksack": "backpack", "stiefel": "boot", "socken": "socks", "pullover": "sweater", "creme": "cream",
    "sonne": "sun", "espresso": "espresso", "milch": "milk", "schokolade": "chocolate", "geburtstag": "birthday",
    "weihnachten": "christmas", "muttertag": "mother's day", "vatertag": "father's day", "papa": "dad",
    "mama": "mom", "leicht": "lightweight", "warm": "warm", "bio": "organic",
}
"""Everyday German words -> the English catalog's words, for searching the (English) demo catalog."""


def glossary() -> dict[str, str]:
    """German word -> English catalog words: the curated terms above, lower case, for search."""
    table: dict[str, str] = {}
    for english, noun in TYPES.items():
        for german in (noun.singular, noun.plural):
            table[german.lower()] = english
    for source in (FEATURES, MATERIALS, COLORS):
        for english, german in source.items():
            table.setdefault(german.lower(), english)
    table.update(WORDS)
    return table

_MORE_FEATURES = """
1.7 litre=1,7 Liter|10 cups=10 Tassen|12 hour battery=12 Stunden Akkulaufzeit|13 day battery=13 Tage Akkulaufzeit
14 day battery=14 Tage Akkulaufzeit|14 hour battery=14 Stunden Akkulaufzeit|16 day battery=16 Tage Akkulaufzeit
16 million colours=16 Millionen Farben|18 hour battery=18 Stunden Akkulaufzeit|2 minute timer=2-Minuten-Timer
20 cm blade=20-cm-Klinge|20 hour battery=20 Stunden Akkulaufzeit|24 hour battery=24 Stunden Akkulaufzeit
3 speeds=3 Stufen|30 hour battery=30 Stunden Akkulaufzeit|35 hour battery=35 Stunden Akkulaufzeit
36 hour battery=36 Stunden Akkulaufzeit|4 mm thick=4 mm dick|60 hour battery=60 Stunden Akkulaufzeit
7 hour battery=7 Stunden Akkulaufzeit|70 hour battery=70 Stunden Akkulaufzeit|adjustable arm=verstellbarer Arm
adjustable cuffs=verstellbare Bündchen|adjustable fit=verstellbare Passform|adjustable straps=verstellbare Riemen
adjustable warm light=einstellbares Warmlicht|airline safe=fürs Handgepäck zugelassen|alignment lines=Ausrichtungslinien
ankle support=Knöchelstütze|app connected=mit App verbunden
app controlled=per App steuerbar|arch support=Fußgewölbestütze
assorted flavours=verschiedene Sorten|audiobook support=Hörbuch-Unterstützung|auto shut-off=Abschaltautomatik
autofocus=Autofokus|backpack straps=Rucksackträger|bounce free=wippt nicht|built-in grinder=integriertes Mahlwerk
built-in liner=eingebautes Innenfutter|built-in microphone=eingebautes Mikrofon|burr grinder=Kegelmahlwerk
button closure=Knopfverschluss|calming=beruhigend|carry strap=Tragegurt|ceremonial grade=Zeremonienqualität
charges two devices=lädt zwei Geräte|chin strap=Kinnriemen|classic design=klassisches Design|colour coded=farbcodiert
compression sack=Kompressionssack|contactless payments=kontaktloses Bezahlen|contoured footbed=anatomisches Fußbett
cool shot=Kaltstufe|cordless=kabellos|cup warmer=Tassenwärmer|cushioned footbed=gepolstertes Fußbett
cushioned insole=gepolsterte Einlegesohle|dark roast=dunkle Röstung|diffuser included=Diffusor inklusive
draft collar=Wärmekragen|drip stop=Tropfstopp|dustproof=staubdicht|easy to clean=leicht zu reinigen
elastic edge=elastischer Rand|elastic waist=elastischer Bund|ergonomic handle=ergonomischer Griff
fast charging=Schnellladen|fast drying=schnell trocknend|fast heat-up=schnell aufgeheizt|firm=fest
flat base=flacher Boden|for dry hair=für trockenes Haar|for sensitive skin=für empfindliche Haut
forged blade=geschmiedete Klinge|freestanding=freistehend|freshly roasted=frisch geröstet|fringed edges=Fransen
full tang=durchgehender Erl|full zip=durchgehender Reißverschluss|gentle=sanft|gift box=Geschenkbox
glare-free screen=blendfreies Display|glass jar=Glasgefäß|gooseneck spout=Schwanenhalsausguss
great with milk=passt gut zu Milch|grind timer=Mahl-Timer|grippy outsole=griffige Laufsohle|grippy sole=griffige Sohle
hand grinder=Handmühle|handmade=handgemacht|hanging loop=Aufhängeschlaufe|high visibility=gut sichtbar
highly absorbent=sehr saugfähig|hip belt=Hüftgurt|hood=Kapuze|hot plate=Warmhalteplatte|hydration=feuchtigkeitsspendend
hydration compatible=trinksystemkompatibel|individually wrapped=einzeln verpackt|induction compatible=induktionsgeeignet
ionic=Ionentechnologie|itch free=kratzt nicht|keep warm=Warmhaltefunktion|keeps cold 24 hours=hält 24 Stunden kalt
light=leicht|light correction=Lichtkorrektur
light roast=helle Röstung|lock mode=Sperrmodus|long burn time=lange Brenndauer
long lasting=langlebig|loose leaf=lose Blätter|low caffeine=koffeinarm|magnetic buckle=Magnetschnalle
measuring lines=Messskala|medium roast=mittlere Röstung|mips=MIPS|moisture wicking=feuchtigkeitsableitend
multipoint pairing=Multipoint-Verbindung|music storage=Musikspeicher|natural cosmetics=Naturkosmetik
natural wax=Naturwachs|nespresso compatible=Nespresso-kompatibel|non-greasy=fettet nicht|non-slip sole=rutschfeste Sohle
odour resistant=geruchshemmend|oven safe=backofenfest|padded collar=gepolsterter Kragen
padded laptop sleeve=gepolstertes Laptopfach|pairs with a second speaker=koppelbar mit einem zweiten Lautsprecher
phone pocket=Handytasche|pid temperature control=PID-Temperaturregelung|piezo igniter=Piezozündung
pointed spout=spitzer Ausguss|powder coated=pulverbeschichtet|pre-shrunk=vorgeschrumpft|pre-washed=vorgewaschen
pressure sensor=Drucksensor|privacy shutter=Sichtschutzblende|pull-on tabs=Anziehschlaufen|quick laces=Schnellschnürung
quick pitch=schnell aufgebaut|quiet motor=leiser Motor|razor sharp=rasiermesserscharf|red light mode=Rotlichtmodus
reflective details=reflektierende Details|relaxed fit=lockere Passform|removable water tank=abnehmbarer Wassertank
responsive foam=reaktiver Schaum|ribbed cuffs=Rippbündchen|rich=reichhaltig|rich texture=reichhaltige Textur
rock plate=Steinschutzplatte|rubber cupsole=Gummi-Cupsole|safety valve=Sicherheitsventil|schedules=Zeitpläne
self-basting lid=Aromadeckel|shoe compartment=Schuhfach|shoulder strap=Schultergurt|side zips=seitliche Reißverschlüsse
silicone free=silikonfrei|single dosing=Einzeldosierung|single origin=sortenrein|sleep tracking=Schlaftracking
slip resistant=rutschfest|soft flasks included=Soft Flasks inklusive|spf 50=LSF 50|stand-up collar=Stehkragen
steam wand=Dampflanze|stepless adjustment=stufenlos einstellbar|stone ground=steingemahlen|stovetop=für den Herd
strong=kräftig|sulfate free=sulfatfrei|supportive=stützend|taped seams=verschweißte Nähte
temperature regulating=temperaturregulierend|textured surface=strukturierte Oberfläche|thermal carafe=Thermoskanne
toe cap=Zehenschutzkappe|transparency mode=Transparenzmodus|travel case=Reiseetui|travel lock=Reisesperre
travel size=Reisegröße|two-way zip=Zwei-Wege-Reißverschluss|usb charging=USB-Aufladung|usb-c charging=Laden über USB-C
variable temperature=einstellbare Temperatur|ventilated=belüftet|ventilated back=belüfteter Rücken|vestibule=Apsis
vibram sole=Vibram-Sohle|voice control=Sprachsteuerung|warm light=Warmlicht|washable cover=waschbarer Bezug
washable insole=waschbare Einlegesohle|weeks of battery=wochenlange Akkulaufzeit|wet pocket=Nassfach
whole bean=ganze Bohnen|wide angle=Weitwinkel|wide brim=breite Krempe|wide handle=breiter Griff
wide mouth=weite Öffnung|wide toe box=breite Zehenbox|wooden box=Holzkiste|zip pocket=Reißverschlusstasche
zip pockets=Reißverschlusstaschen
"""
FEATURES.update(
    dict(pair.split("=", 1) for line in _MORE_FEATURES.strip().splitlines() for pair in line.split("|"))
)
