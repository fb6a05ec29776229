"""German prompts, Sie by default (EMMA_GERMAN_FORM=du: `address.load` runs this module again with
`FORM = "du"`). Prices are written as '49,90 €'; speech synthesis reads them as "neunundvierzig Euro
neunzig". Product titles are names; their article follows the gender of the product type."""

from __future__ import annotations

from collections.abc import Sequence

from fulfillment.domain.models import CartLine, Order, Product
from fulfillment.lang.de import grammar
from fulfillment.lang.de.grammar import count as count_of
from fulfillment.lang.de.grammar import plural
from fulfillment.lang.de.terms import FEATURES, MATERIALS

__all__ = ["count_of", "plural"]

FORM: str = str(globals().get("FORM", "sie"))
"""How the shopper is addressed: "sie" or "du" (preset by `address.load`)."""


def _du(sie: str, du: str) -> str:
    """The sentence part for this module's form of address."""
    return du if FORM == "du" else sie


_YOUR = {"m": _du("Ihr", "dein"), "f": _du("Ihre", "deine"), "n": _du("Ihr", "dein"), "pl": _du("Ihre", "deine")}
_PRONOUN = {"nom": {"m": "er", "f": "sie", "n": "es", "pl": "sie"},
            "acc": {"m": "ihn", "f": "sie", "n": "es", "pl": "sie"}}


def money(cents: int) -> str:
    return grammar.money(cents)


def join(items: Sequence[str], word: str = "und") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_WORDS.get(word, word)} {items[-1]}"


_WORDS = {"and": "und", "or": "oder", "and in": "und in"}
"""English join words a caller may pass (`join(x, "or")`)."""


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def the(p: Product, case: str = "nom") -> str:
    """A product with the article of its type: 'die Antora Rain Jacket', 'den Banks GTX' (acc)."""
    return f"{grammar.definite(p.type, case)} {p.title}"


def it(p: Product, case: str = "nom") -> str:
    """The pronoun of a product's type: 'sie' (die Jacke), 'ihn' (den Rucksack, acc), 'es' (das Zelt)."""
    return _PRONOUN[case][grammar.noun(p.type).gender]


def _color(name: str | None) -> str:
    return grammar.color_noun(name) if name else ""


def feature(name: str) -> str:
    """A catalog feature in German (the curated term, else as the catalog has it)."""
    return FEATURES.get(name.lower(), name)


def is_plural(name: str) -> bool:
    """A product type that is plural in German: 'earbuds' (In-Ear-Kopfhörer), 'Wandersocken'."""
    return grammar.noun(name).gender == "pl"


def feature_phrase(name: str, plural_subject: bool = False) -> str:
    """How a product has a feature: 'ist wasserdicht', 'hat Geräuschunterdrückung' ('sind', 'haben')."""
    word = feature(name)
    if word[:1].isupper():
        return f"{'haben' if plural_subject else 'hat'} {word}"
    return f"{'sind' if plural_subject else 'ist'} {word}"


def negative(name: str, plural_subject: bool = False) -> str:
    """'ist nicht wasserdicht', 'hat keine Geräuschunterdrückung' ('sind nicht', 'haben keine')."""
    word = feature(name)
    if word[:1].isupper():
        return f"{'haben' if plural_subject else 'hat'} keine {word}"
    return f"{'sind' if plural_subject else 'ist'} nicht {word}"


def with_feature(name: str) -> str:
    """A feature after a product name: 'wasserdicht', 'mit Geräuschunterdrückung'."""
    word = feature(name)
    return f"mit {word}" if word[:1].isupper() else word


def variant_asked(color: str | None, size: str | None) -> str:
    """The variant a shopper asked about, after a product title: " in Rot in Größe M"."""
    return "".join(x for x in (f" in {_color(color)}" if color else "", f" in Größe {size}" if size else ""))


def variant_chosen(color: str | None, size: str | None) -> str:
    """The variant picked for the cart, after a product title: " in Rot, Größe M"."""
    parts = [x for x in (_color(color), f"Größe {size}" if size else "") if x]
    return " in " + ", ".join(parts) if parts else ""


def item(line: CartLine) -> str:
    variant = ", ".join(x for x in (_color(line.color), f"Größe {line.size}" if line.size else None) if x)
    return f"{line.quantity} × {line.title}" + (f" ({variant})" if variant else "")


ORDINAL_WORDS = ("erste", "zweite", "dritte", "vierte", "fünfte", "sechste")


# -- small talk --------------------------------------------------------------------------------
def greet(name: str | None) -> str:
    who = f" {name}" if name else ""
    return _du(f"Hallo{who}! Ich bin Emma. Was darf ich für Sie finden?",
               f"Hallo{who}! Ich bin Emma. Was darf ich für dich finden?")


def greet_with_news(name: str, order: Order) -> str:
    """A returning customer hears what matters: a delivery that arrived or is on its way."""
    what = f"mit {order.lines[0].title}" if order.lines else ""
    since = grammar.on_day(order.status_dates.get(order.status, order.placed_at))
    order_words = " ".join(x for x in (_du("Ihre Bestellung", "deine Bestellung"), what) if x)
    if order.status == "delivered":
        return (f"Hallo {name}! {order_words} ist {since} angekommen. "
                + _du("Ich hoffe, sie gefällt Ihnen. Was darf ich heute für Sie finden?",
                      "Ich hoffe, sie gefällt dir. Was darf ich heute für dich finden?"))
    return (f"Hallo {name}! {order_words} ist seit {since.removeprefix('am ')} unterwegs. "
            + _du("Was darf ich heute für Sie finden?", "Was darf ich heute für dich finden?"))


HELP = _du(
    "Sie können mich nach Produkten fragen, zum Beispiel „Haben Sie Regenjacken?“, nach Details wie "
    "„Ist die wasserdicht?“, Sachen in den Warenkorb legen, bestellen oder fragen, wo Ihre Bestellung ist. "
    "Sagen Sie jederzeit „mit einem Menschen sprechen“, dann übernimmt ein Kollege.",
    "Du kannst mich nach Produkten fragen, zum Beispiel „Habt ihr Regenjacken?“, nach Details wie "
    "„Ist die wasserdicht?“, Sachen in den Warenkorb legen, bestellen oder fragen, wo deine Bestellung ist. "
    "Sag jederzeit „mit einem Menschen sprechen“, dann übernimmt ein Kollege.",
)
THANKS = _du("Gern geschehen! Kann ich sonst noch etwas für Sie tun?", "Gern geschehen! Kann ich sonst noch etwas tun?")
NOTHING_TO_REPEAT = _du("Ich habe noch nichts gesagt. Was darf ich für Sie finden?",
                        "Ich habe noch nichts gesagt. Was darf ich für dich finden?")
CLARIFY = _du("Entschuldigung, das habe ich nicht ganz verstanden. Suchen Sie ein Produkt, Ihren Warenkorb "
              "oder eine Bestellung?",
              "Entschuldige, das habe ich nicht ganz verstanden. Suchst du ein Produkt, deinen Warenkorb "
              "oder eine Bestellung?")
OFFER_HELP = _du(
    "Ich bin noch nicht sicher, was Sie brauchen. Sagen Sie „Hilfe“, um zu hören, was ich kann, "
    "oder „mit einem Menschen sprechen“, dann übernimmt ein Kollege.",
    "Ich bin noch nicht sicher, was du brauchst. Sag „Hilfe“, um zu hören, was ich kann, "
    "oder „mit einem Menschen sprechen“, dann übernimmt ein Kollege.",
)
OUT_OF_SCOPE = _du("Ich kann hier nur beim Einkaufen helfen. Was darf ich für Sie finden?",
                   "Ich kann hier nur beim Einkaufen helfen. Was darf ich für dich finden?")
AFFIRM_NOTHING = _du("Prima! Was möchten Sie als Nächstes tun?", "Prima! Was möchtest du als Nächstes tun?")
DENY_NOTHING = _du("Kein Problem. Was kann ich sonst für Sie tun?", "Kein Problem. Was kann ich sonst für dich tun?")
UTTERANCE_TOO_LONG = _du("Das war viel auf einmal. Können Sie es kürzer sagen?",
                         "Das war viel auf einmal. Kannst du es kürzer sagen?")
EMPTY_UTTERANCE = _du("Ich habe nichts gehört. Was darf ich für Sie finden?",
                      "Ich habe nichts gehört. Was darf ich für dich finden?")
DIDNT_HEAR = _du("Ich habe nichts gehört. Können Sie das bitte wiederholen?",
                 "Ich habe nichts gehört. Kannst du das bitte wiederholen?")


def goodbye(name: str | None) -> str:
    return f"Tschüss{' ' + name if name else ''}! " + _du("Danke für Ihren Einkauf.", "Danke für deinen Einkauf.")


# -- search and products -------------------------------------------------------------------------
def limits(color: str | None = None, brand: str | None = None, size: str | None = None,
           features: Sequence[str] = (), low: int | None = None, high: int | None = None,
           favourites: bool = False, mine: bool = False) -> str:
    """What a request is limited to, after its noun: " in Blau von Garmin bis 120 €"."""
    parts = []
    if color:
        parts.append(f"in {_color(color)}")
    if size:
        parts.append(f"in Größe {size}")
    if mine:
        parts.append(_du("in Ihrer Größe", "in deiner Größe"))
    if brand:
        parts.append(f"von {brand}")
    if favourites:
        parts.append(_du("von Ihren Lieblingsmarken", "von deinen Lieblingsmarken"))
    if features:
        parts.append(join([with_feature(f) for f in features]))
    if low is not None and high is not None:
        parts.append(f"zwischen {money(low)} und {money(high)}")
    elif high is not None:
        parts.append(f"bis {money(high)}")
    elif low is not None:
        parts.append(f"ab {money(low)}")
    return "".join(" " + part for part in parts)


def listing(products: Sequence[Product], facts: Sequence[str], start: int, more: bool,
            kind: str | None = None) -> str:
    """Each product once: name, brand, price and a fact that sets it apart; one sentence each."""
    sentences = []
    for p, fact in zip(products, facts, strict=True):
        highlight = f", {with_feature(fact)}" if fact else ""
        sentences.append(f"{capitalize(the(p))} von {p.brand}, {money(p.min_price_cents)}{highlight}.")
    tail = (_du("Sagen Sie „mehr“ für weitere, oder wählen Sie eins aus.",
                "Sag „mehr“ für weitere, oder wähl eins aus.")
            if more else _du("Welches interessiert Sie?", "Welches interessiert dich?"))
    return " ".join([*sentences, tail])


def search_found(count: int, noun: str, limits: str = "") -> str:
    """The lead of a listing: "Ich habe sieben Regenjacken in Blau gefunden." (one: "Ich habe eine ...")."""
    what = noun or "Produkt"
    if count == 1:
        return f"Ich habe {count_of(1, what, 'acc')}{limits}: "
    return f"Ich habe {count_of(count, what)}{limits} gefunden. "


def search_alternatives(noun: str, dropped: str | None, limits: str = "") -> str:
    reason = {
        "size": "in dieser Größe",
        "color": "in dieser Farbe",
        "features": "mit all dem",
        "price_max_cents": "zu diesem Preis",
        "price_min_cents": "in dieser Preisklasse",
        "brand": "von dieser Marke",
        "brands": _du("von Ihren Lieblingsmarken", "von deinen Lieblingsmarken"),
        "material": "aus diesem Material",
    }.get(dropped or "", "genau so")
    what = plural(noun) if noun else "Produkte"
    return f"Leider habe ich keine {what} {reason}. Am nächsten kommen: "


def search_none(noun: str, limits: str = "") -> str:
    if noun:
        return (f"Leider habe ich keine {plural(noun)}{limits}. "
                + _du("Können Sie es anders beschreiben?", "Kannst du es anders beschreiben?"))
    return "Leider habe ich nichts Passendes gefunden. " + _du("Können Sie es anders beschreiben?",
                                                                 "Kannst du es anders beschreiben?")


def nothing_cheaper(noun: str) -> str:
    what = plural(noun) if noun else "Produkte"
    return f"Das sind schon die günstigsten {what}, die ich habe. " + _du("Soll ich sie noch einmal zeigen?",
                                                                           "Soll ich sie noch mal zeigen?")


def nothing_else(noun: str) -> str:
    what = plural(noun) if noun else "Produkte"
    return f"Das sind alle {what} dieser Art, die ich habe. " + _du("Möchten Sie etwas anderes suchen?",
                                                                    "Möchtest du etwas anderes suchen?")


NO_MORE = _du("Mehr habe ich dazu nicht. Möchten Sie nach etwas anderem suchen?",
              "Mehr habe ich dazu nicht. Möchtest du nach etwas anderem suchen?")
NO_FOCUS = _du("Welches Produkt meinen Sie? Fragen Sie mich zuerst nach etwas, zum Beispiel „Haben Sie Regenjacken?“",
               "Welches Produkt meinst du? Frag mich zuerst nach etwas, zum Beispiel „Habt ihr Regenjacken?“")
NOTHING_LISTED = _du("Ich habe Ihnen noch nichts gezeigt. Was suchen Sie?",
                     "Ich habe dir noch nichts gezeigt. Was suchst du?")


def product_intro(p: Product) -> str:
    rating = f", mit {_stars(p.rating)} Sternen von {p.review_count} Kunden bewertet" if p.rating else ""
    features = join([feature(f) for f in p.features[:2]])
    options = []
    if len(p.sizes) > 1:
        options.append(f"den Größen {_size_range(p.sizes)}")
    if len(p.colors) > 1:
        options.append(join([_color(c) for c in p.colors], "oder"))
    comes = f" Es gibt {it(p, 'acc')} in {join(options, 'und in')}." if options else ""
    highlights = f" {capitalize(features)}." if features else ""
    return (f"{capitalize(the(p))} von {p.brand}: {money(p.min_price_cents)}{rating}.{highlights}{comes} "
            + _du(f"Soll ich {it(p, 'acc')} in Ihren Warenkorb legen?",
                  f"Soll ich {it(p, 'acc')} in deinen Warenkorb legen?"))


def _size_range(sizes: Sequence[str]) -> str:
    """'38, 39, ... 46' -> '38 bis 46' when they are whole numbers without a gap."""
    if len(sizes) > 3 and all(s.isdigit() for s in sizes):
        numbers = sorted(int(s) for s in sizes)
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"{numbers[0]} bis {numbers[-1]}"
    return join(sizes)


def _stars(rating: float) -> str:
    return f"{rating:g}".replace(".", ",")


def price(p: Product, variant_price: int | None = None) -> str:
    low, high = p.min_price_cents, max(v.price_cents for v in p.variants)
    if variant_price is not None:
        return f"Diese Ausführung kostet {money(variant_price)}."
    if low == high:
        return f"{capitalize(the(p))} kostet {money(low)}."
    return f"{capitalize(the(p))} kostet je nach Ausführung {money(low)} bis {money(high)}."


def in_stock(p: Product, what: str, quantity: int) -> str:
    if quantity <= 0:
        return f"{capitalize(the(p))}{what} ist online leider gerade ausverkauft."
    few = f" Nur noch {quantity} Stück da." if quantity <= 3 else ""
    return f"Ja, {the(p)}{what} ist auf Lager.{few}"


def in_store(p: Product, store: str, quantity: int, others: Sequence[str]) -> str:
    if quantity > 0:
        return f"Ja, unser Laden in {store} hat {quantity} Stück von {the(p, 'dat')} im Regal."
    where = join(others, "oder")
    elsewhere = _du(f" Sie finden {it(p, 'acc')} in {where}.",
                    f" Du findest {it(p, 'acc')} in {where}.") if others else ""
    return f"Unser Laden in {store} hat {the(p, 'acc')} gerade nicht.{elsewhere}"


def sizes(p: Product) -> str:
    if not p.sizes:
        return f"{capitalize(the(p))} gibt es nur in einer Größe."
    available = [s for s in p.sizes if any(v.size == s and v.stock > 0 for v in p.variants)]
    gone = [s for s in p.sizes if s not in available]
    sold = f" {join(gone)} {'ist' if len(gone) == 1 else 'sind'} ausverkauft." if gone else ""
    return f"{capitalize(the(p, 'acc'))} gibt es in den Größen {join(p.sizes)}.{sold}"


def colors(p: Product) -> str:
    if not p.colors:
        return f"{capitalize(the(p, 'acc'))} gibt es nur in einer Farbe."
    return f"{capitalize(the(p, 'acc'))} gibt es in {join([_color(c) for c in p.colors], 'oder')}."


def _materials(names: Sequence[str]) -> str:
    return join([MATERIALS.get(m.lower(), m) for m in names])


def material(p: Product) -> str:
    if not p.materials:
        return f"Zum Material von {the(p, 'dat')} habe ich leider keine Angaben. {p.description}"
    return f"{capitalize(the(p))} ist aus {_materials(p.materials)}."


def feature_yes(p: Product, name: str) -> str:
    return f"Ja, {the(p)} {feature_phrase(name, is_plural(p.type))}."


def feature_no(p: Product, wanted: str, nearest: str | None = None) -> str:
    many = is_plural(p.type)
    instead = f"; {it(p)} {feature_phrase(nearest, many)}" if nearest else ""
    return f"Nein, {the(p)} {negative(wanted, many)}{instead}."


def made_of(p: Product, asked: str, made: Sequence[str]) -> str:
    if made:
        return f"Ja, {the(p)} ist aus {_materials(made)}."
    if p.materials:
        return f"Nein, {the(p)} ist aus {_materials(p.materials)}."
    return f"Nein, {the(p)} ist nicht aus {MATERIALS.get(asked.lower(), asked)}."


def good_for(p: Product, activity: str, fits: bool) -> str:
    if fits:
        return f"Ja, {the(p)} ist für {activity} gemacht."
    return f"Nein, {the(p)} ist nicht für {activity} gedacht."


def same_as_before(p: Product, day: str) -> str:
    return _du(f"Ja, das ist die, die Sie am {day} bestellt haben.", f"Ja, das ist die, die du am {day} bestellt hast.")


def not_same_as_before(p: Product, other: Product | None) -> str:
    if other is not None:
        return _du(f"Nein, letztes Mal haben Sie {the(other, 'acc')} gekauft.",
                   f"Nein, letztes Mal hast du {the(other, 'acc')} gekauft.")
    return _du(f"Nein, {the(p, 'acc')} haben Sie noch nicht bestellt.",
               f"Nein, {the(p, 'acc')} hast du noch nicht bestellt.")


def describe(p: Product) -> str:
    named = [feature(f) for f in p.features[:3]]
    if not named or all(f.lower() in p.description.lower() for f in named):
        return p.description  # the description already says them (the German texts end with their highlights)
    return f"{p.description} Highlights: {join(named)}."


def reviews(p: Product, praise: str | None, criticism: str | None) -> str:
    if not p.review_count:
        return f"Zu {the(p, 'dat')} gibt es noch keine Bewertungen."
    text = f"{capitalize(the(p))} hat {_stars(p.rating or 0)} Sterne aus {p.review_count} Bewertungen."
    if praise:
        text += f" Das gefällt den Kunden: „{praise.rstrip('.')}“."
    if criticism:
        text += f" Ein Kritikpunkt: „{criticism.rstrip('.')}“."
    return text


def compare(a: Product, b: Product, cheaper: Product, better: Product, a_only: str, b_only: str) -> str:
    def rated(p: Product) -> str:
        return f", bewertet mit {_stars(p.rating)}" if p.rating else ""

    text = (f"{capitalize(the(a))} kostet {money(a.min_price_cents)}{rated(a)}; {the(b)} kostet "
            f"{money(b.min_price_cents)}{rated(b)}.")
    cheap_one = "erste" if cheaper is a else "zweite"
    if a.rating == b.rating or a.min_price_cents == b.min_price_cents:
        text += f" Das {cheap_one} ist günstiger." if a.min_price_cents != b.min_price_cents else ""
    elif cheaper is better:
        text += f" Das {cheap_one} ist günstiger und besser bewertet."
    else:
        text += f" Das {cheap_one} ist günstiger, das andere besser bewertet."
    extras = [x for x in (a_only and f"nur das erste {feature_phrase(a_only)}",
                          b_only and f"nur das zweite {feature_phrase(b_only)}") if x]
    return text + (" " + capitalize("; ".join(extras)) + "." if extras else "")


def compared(dimension: str, best: Product, others: Sequence[Product], tied: Sequence[Product]) -> str:
    """The answer to "welche ist leichter / wärmer / am günstigsten / am besten bewertet / wasserdicht"."""
    name = capitalize(the(best))
    more = len(others) > 1
    if dimension in ("light", "warm", "waterproof") and tied:
        quality = {"light": "als leicht beschrieben", "warm": "isoliert", "waterproof": "wasserdicht"}[dimension]
        names = join([the(best), *(the(p) for p in tied)])
        return f"{capitalize(names)} sind alle {quality}, da gibt es kaum einen Unterschied."
    if dimension == "light":
        if "lightweight" not in best.features and "light" not in best.features:
            return f"{name} wäre mein Tipp fürs Gewicht, allerdings habe ich keine Gewichtsangaben."
        return f"{name} ist {'die leichteste' if more else 'die leichtere'}: sie wird als leicht beschrieben."
    if dimension == "warm":
        found = next((f for f in best.features if f in ("insulated", "warm", "keep warm")), "")
        return f"{name} ist {'am wärmsten' if more else 'wärmer'}" + (f": sie {feature_phrase(found)}." if found
                                                                       else ".")
    if dimension == "cheap":
        return f"{name} ist {'am günstigsten' if more else 'günstiger'}, mit {money(best.min_price_cents)}."
    if dimension == "pricey":
        return f"{name} ist {'am teuersten' if more else 'teurer'}, mit {money(best.min_price_cents)}."
    if dimension == "waterproof":
        if "waterproof" in best.features or "watertight" in best.features:
            rest = "die anderen sind" if more else "die andere ist"
            return f"{name} ist wasserdicht; {rest} höchstens wasserabweisend."
        return f"{name} kommt am nächsten: wasserabweisend, aber keine ist ganz wasserdicht."
    rating = f", mit {_stars(best.rating)} Sternen aus {best.review_count} Bewertungen" if best.rating else ""
    return f"{name} ist am besten bewertet{rating}."


def better_for(best: Product, activity: str, fits: bool, others: Sequence[Product], all_fit: bool) -> str:
    name = capitalize(the(best))
    if all_fit:
        return f"Alle eignen sich für {activity}; {the(best)} ist davon am besten bewertet."
    if fits:
        return f"{name} ist für {activity} die bessere Wahl: dafür ist sie gemacht."
    return f"{name} kommt am nächsten, auch wenn keine davon für {activity} gemacht ist."


def pick(p: Product, favourite: bool, size: str | None, known_type: bool) -> str:
    reasons = []
    if favourite:
        reasons.append(_du(f"sie ist von {p.brand}, einer Ihrer Lieblingsmarken",
                           f"sie ist von {p.brand}, einer deiner Lieblingsmarken"))
    if size:
        reasons.append(_du(f"es gibt sie in Ihrer Größe {size}", f"es gibt sie in deiner Größe {size}"))
    if not reasons and p.rating:
        reasons.append(f"sie ist am besten bewertet, mit {_stars(p.rating)} Sternen")
    if known_type and len(reasons) < 2:
        reasons.append(_du("sie ähnelt dem, was Sie schon bestellt haben",
                           "sie ähnelt dem, was du schon bestellt hast"))
    why = join(reasons) or "sie gefällt mir am besten"
    return f"Ich würde {the(p, 'acc')} nehmen: {why}."


NEED_TWO = _du("Welche zwei soll ich vergleichen? Sagen Sie zum Beispiel „vergleiche das erste und das zweite“.",
               "Welche zwei soll ich vergleichen? Sag zum Beispiel „vergleiche das erste und das zweite“.")


def recommend(theme: str | None, pitch: str | None) -> str:
    if pitch:
        return pitch.rstrip(".") + ". Hier meine Ideen: "
    if theme:
        return f"Für {theme} würde ich vorschlagen: "
    return _du("Das würde ich für Sie aussuchen: ", "Das würde ich für dich aussuchen: ")


def ideas_lead(pitch: str | None, limits: str = "") -> str:
    if pitch:
        return f"{pitch.rstrip('.')}{limits}. "
    return f"Ein paar Ideen{limits}. "


def ideas(products: Sequence[Product], reasons: Sequence[str], more: bool) -> str:
    """Suggestions, each once, with a few words on why it fits."""
    sentences = []
    for p, why in zip(products, reasons, strict=True):
        because = f", {why}" if why else ""
        sentences.append(f"{capitalize(the(p))}, {money(p.min_price_cents)}{because}.")
    tail = (_du("Sagen Sie „mehr“ für weitere Ideen.", "Sag „mehr“ für weitere Ideen.") if more
            else _du("Was gefällt Ihnen?", "Was gefällt dir?"))
    return " ".join([*sentences, tail])


def no_ideas(limits: str = "") -> str:
    return f"Leider habe ich nichts Passendes{limits}. Soll ich ohne Einschränkung suchen?"


def complements(p: Product) -> str:
    return f"Zu {the(p, 'dat')} passt gut: "


NO_RECOMMENDATION = _du("Nennen Sie mir den Anlass oder für wen es ist, und ich finde etwas Schönes.",
                        "Nenn mir den Anlass oder für wen es ist, und ich finde etwas Schönes.")


# -- cart ----------------------------------------------------------------------------------------
def ask_variant(p: Product, missing: str, options: Sequence[str], usual: str | None) -> str:
    hint = _du(f" Sie nehmen meist {usual}.", f" Du nimmst meist {usual}.") if usual and usual in options else ""
    if missing == "size":
        return _du(f"Welche Größe möchten Sie für {the(p, 'acc')}: {join(list(options), 'oder')}?{hint}",
                   f"Welche Größe möchtest du für {the(p, 'acc')}: {join(list(options), 'oder')}?{hint}")
    choices = join([_color(c) for c in options], "oder")
    return _du(f"Welche Farbe möchten Sie für {the(p, 'acc')}: {choices}?{hint}",
               f"Welche Farbe möchtest du für {the(p, 'acc')}: {choices}?{hint}")


def variant_unavailable(p: Product, wanted: str, options: Sequence[str]) -> str:
    choices = join([_color(o) if not o[:1].isdigit() else o for o in options], "oder")
    return (f"{capitalize(the(p, 'acc'))} gibt es nicht in {_color(wanted)}. "
            f"Erhältlich {'sind' if is_plural(p.type) else 'ist'} {it(p)} in {choices}.")


def sold_out(p: Product, what: str) -> str:
    return f"{capitalize(the(p))}{what} ist leider ausverkauft."


def only_left(p: Product, quantity: int) -> str:
    return f"Von {the(p, 'dat')} habe ich nur noch {quantity} Stück. Soll ich {quantity} hinzufügen?"


def added(line: CartLine, count: int, total_cents: int, other_colors: Sequence[str] = ()) -> str:
    also = (f" Es gibt sie auch in {join([_color(c) for c in other_colors], 'oder')}, "
            + _du("falls Ihnen das lieber ist.", "falls dir das lieber ist.")) if other_colors else ""
    articles = "1 Artikel" if count == 1 else f"{count} Artikel"
    return (
        f"{item(line)} liegt jetzt im Warenkorb.{also} "
        + _du(f"Sie haben {articles} für {money(total_cents)}. Noch etwas, oder möchten Sie bestellen?",
              f"Du hast {articles} für {money(total_cents)}. Noch etwas, oder möchtest du bestellen?")
    )


def removed(title: str) -> str:
    return _du(f"Ich habe {title} aus Ihrem Warenkorb genommen.", f"Ich habe {title} aus deinem Warenkorb genommen.")


NOT_IN_CART = _du("Das ist nicht in Ihrem Warenkorb. Sagen Sie „was ist im Warenkorb“, um ihn zu hören.",
                  "Das ist nicht in deinem Warenkorb. Sag „was ist im Warenkorb“, um ihn zu hören.")
CART_EMPTY = _du("Ihr Warenkorb ist leer. Was darf ich für Sie finden?",
                 "Dein Warenkorb ist leer. Was darf ich für dich finden?")
CART_CLEARED = _du("Ich habe Ihren Warenkorb geleert.", "Ich habe deinen Warenkorb geleert.")


def cart(lines: Sequence[CartLine], total_cents: int) -> str:
    return f"Im Warenkorb: {join([item(x) for x in lines])}. Das macht zusammen {money(total_cents)}."


# -- checkout and orders -------------------------------------------------------------------------
def readback(
    shop: str, lines: Sequence[CartLine], address: str, shipping: int, total: int, lead: str = ""
) -> str:
    ship = f"{money(shipping)} Versand" if shipping else "kostenlosem Versand"
    head = lead if lead and lead != "Your order" else _du("Ihre Bestellung", "Deine Bestellung")
    return (
        f"{head} bei {shop}: {join([item(x) for x in lines])}, Lieferung an {address}. "
        f"Das macht {money(total)} inklusive {ship}. " + _du("Soll ich die Bestellung aufgeben?",
                                                            "Soll ich die Bestellung aufgeben?")
    )


ACCOUNT_REQUIRED = _du(
    "Zum Bestellen muss ich wissen, wer Sie sind und wohin ich liefern soll. Bitte verknüpfen Sie Ihr Konto "
    "in der App; bis dahin können Sie weiter stöbern und den Warenkorb füllen.",
    "Zum Bestellen muss ich wissen, wer du bist und wohin ich liefern soll. Bitte verknüpfe dein Konto "
    "in der App; bis dahin kannst du weiter stöbern und den Warenkorb füllen.",
)
ASK_PIN = _du("Für diesen Betrag brauche ich bitte Ihre vierstellige Sprach-PIN.",
              "Für diesen Betrag brauche ich bitte deine vierstellige Sprach-PIN.")


def pin_wrong(remaining: int) -> str:
    tries = "ein Versuch" if remaining == 1 else f"{remaining} Versuche"
    return _du(f"Diese PIN stimmt nicht. Sie haben noch {tries}.", f"Diese PIN stimmt nicht. Du hast noch {tries}.")


PIN_LOCKED = _du(
    "Nach drei falschen PINs ist das Bestellen zu Ihrer Sicherheit gesperrt. Ein Kollege kann die Sperre "
    "aufheben; sagen Sie „mit einem Menschen sprechen“.",
    "Nach drei falschen PINs ist das Bestellen zu deiner Sicherheit gesperrt. Ein Kollege kann die Sperre "
    "aufheben; sag „mit einem Menschen sprechen“.",
)
ORDER_NOT_PLACED = _du("In Ordnung, ich habe nicht bestellt. Ihr Warenkorb bleibt erhalten.",
                       "In Ordnung, ich habe nicht bestellt. Dein Warenkorb bleibt erhalten.")
CART_CHANGED = _du("Ihr Warenkorb hat sich inzwischen geändert, ich lese ihn noch einmal vor.",
                   "Dein Warenkorb hat sich inzwischen geändert, ich lese ihn noch mal vor.")


def placed(order: Order, address: str | None) -> str:
    where = f" und geht an {address}" if address else ""
    return (
        _du(f"Erledigt! Ihre Bestellung {order.id} über {money(order.total_cents)} ist aufgegeben{where}. ",
            f"Erledigt! Deine Bestellung {order.id} über {money(order.total_cents)} ist aufgegeben{where}. ")
        + _du("Ich sage Ihnen Bescheid, sobald sie verschickt ist.", "Ich sag dir Bescheid, sobald sie verschickt ist.")
    )


def out_of_stock_at_order(title: str) -> str:
    return _du(f"{title} ist gerade ausverkauft, deshalb konnte ich nicht bestellen. Ihr Warenkorb bleibt erhalten.",
               f"{title} ist gerade ausverkauft, deshalb konnte ich nicht bestellen. Dein Warenkorb bleibt erhalten.")


def day(iso: str) -> str:
    """'2026-12-01T10:00:00+00:00' -> 'Dienstag, dem 1. Dezember' (said after "am")."""
    return grammar.on_day(iso).removeprefix("am ")


_STATUS = {"placed": "aufgegeben", "paid": "bezahlt", "packed": "verpackt", "shipped": "verschickt",
           "delivered": "zugestellt", "cancelled": "storniert", "returned": "zurückgeschickt",
           "refunded": "erstattet"}


def status_word(status: str) -> str:
    """An order status as a participle: 'shipped' -> 'verschickt'."""
    return _STATUS.get(status, status)


def status(order: Order) -> str:
    since = grammar.on_day(order.status_dates.get(order.status, order.placed_at))
    items = join([f"{x.quantity} × {x.title}" for x in order.lines])
    return _du(f"Ihre Bestellung {order.id} wurde {since} {status_word(order.status)}. Sie enthält {items}.",
               f"Deine Bestellung {order.id} wurde {since} {status_word(order.status)}. Sie enthält {items}.")


NO_ORDERS = _du("Ich finde noch keine Bestellungen von Ihnen.", "Ich finde noch keine Bestellungen von dir.")


def order_not_found(order_id: str | None) -> str:
    if order_id:
        return _du(f"Ich finde keine Bestellung {order_id} in Ihrem Konto.",
                   f"Ich finde keine Bestellung {order_id} in deinem Konto.")
    return NO_ORDERS


def confirm_cancel(order: Order) -> str:
    return _du(f"Soll ich Ihre Bestellung {order.id} über {money(order.total_cents)} stornieren?",
               f"Soll ich deine Bestellung {order.id} über {money(order.total_cents)} stornieren?")


def cancelled(order: Order) -> str:
    return _du(f"Ihre Bestellung {order.id} ist storniert. Sie bekommen {money(order.total_cents)} zurück.",
               f"Deine Bestellung {order.id} ist storniert. Du bekommst {money(order.total_cents)} zurück.")


def not_cancellable(order: Order) -> str:
    return _du(f"Ihre Bestellung {order.id} ist schon {status_word(order.status)}, stornieren geht nicht mehr; "
               "Sie können sie aber zurückschicken.",
               f"Deine Bestellung {order.id} ist schon {status_word(order.status)}, stornieren geht nicht mehr; "
               "du kannst sie aber zurückschicken.")


KEEP_ORDER = _du("In Ordnung, Ihre Bestellung bleibt, wie sie ist.",
                 "In Ordnung, deine Bestellung bleibt, wie sie ist.")


def reorder_readback(shop: str, lines: Sequence[CartLine], address: str, shipping: int, total: int) -> str:
    return readback(shop, lines, address, shipping, total,
                    lead=_du("Ihre letzte Bestellung noch einmal", "Deine letzte Bestellung noch mal"))


NOTHING_TO_REORDER = "Ich finde keine frühere Bestellung, die ich wiederholen könnte."


def return_started(return_id: str, order: Order, days: int) -> str:
    return _du(
        f"Ich habe die Rücksendung {return_id} für Bestellung {order.id} angelegt. Schicken Sie die Ware innerhalb "
        f"von {days} Tagen mit dem Rücksendeetikett zurück, das wir Ihnen mailen; die Erstattung folgt nach Eingang.",
        f"Ich habe die Rücksendung {return_id} für Bestellung {order.id} angelegt. Schick die Ware innerhalb "
        f"von {days} Tagen mit dem Rücksendeetikett zurück, das wir dir mailen; die Erstattung folgt nach Eingang.",
    )


def confirm_return(order: Order, days: int) -> str:
    return (f"Soll ich für Bestellung {order.id} eine Rücksendung anlegen? "
            f"Unbenutzte Artikel können innerhalb von {days} Tagen zurück.")


NO_RETURN = "In Ordnung, ich lege keine Rücksendung an."
CONFIRM_HANDOFF = _du("Soll ich unser Gespräch und Ihren Warenkorb an einen Kollegen übergeben?",
                      "Soll ich unser Gespräch und deinen Warenkorb an einen Kollegen übergeben?")
NO_HANDOFF = _du("In Ordnung, machen wir zusammen weiter. Was kann ich für Sie tun?",
                 "In Ordnung, machen wir zusammen weiter. Was kann ich für dich tun?")


def not_returnable(order: Order) -> str:
    return _du(f"Ihre Bestellung {order.id} ist noch {status_word(order.status)} und kann noch nicht zurückgeschickt "
               "werden. Solange sie nicht verschickt ist, kann ich sie stornieren.",
               f"Deine Bestellung {order.id} ist noch {status_word(order.status)} und kann noch nicht zurückgeschickt "
               "werden. Solange sie nicht verschickt ist, kann ich sie stornieren.")


def handoff(ticket_id: str) -> str:
    return _du(
        f"Ich habe unser Gespräch und Ihren Warenkorb an einen Kollegen übergeben, Ticket {ticket_id}. "
        "Während der Öffnungszeiten meldet sich innerhalb einer Stunde jemand bei Ihnen.",
        f"Ich habe unser Gespräch und deinen Warenkorb an einen Kollegen übergeben, Ticket {ticket_id}. "
        "Während der Öffnungszeiten meldet sich innerhalb einer Stunde jemand bei dir.",
    )


# -- the shop ------------------------------------------------------------------------------------
def _store_name(store: dict) -> str:
    return str(store.get("city") or store.get("name") or "Laden")


def store_address(store: dict) -> str:
    return f"{store.get('name', 'Unser Laden')} ist in {store.get('address')}."


def store_phone(store: dict) -> str:
    return _du(f"Unseren Laden in {_store_name(store)} erreichen Sie unter {store.get('phone')}.",
               f"Unseren Laden in {_store_name(store)} erreichst du unter {store.get('phone')}.")


def shop_phone(phone: str) -> str:
    if not phone:
        return STORE_UNKNOWN
    return _du(f"Sie erreichen uns unter {phone}.", f"Du erreichst uns unter {phone}.")


def all_stores(stores: Sequence[dict]) -> str:
    places = [f"in {_store_name(s)}, {str(s.get('address', '')).split(',')[0]}" for s in stores]
    return f"Wir haben {count_of(len(places), 'Laden')}: {join(places)}."


_DAYS = {"monday": "montags", "tuesday": "dienstags", "wednesday": "mittwochs", "thursday": "donnerstags",
         "friday": "freitags", "saturday": "samstags", "sunday": "sonntags"}
_DAY_NAMES = {"monday": "Montag", "tuesday": "Dienstag", "wednesday": "Mittwoch", "thursday": "Donnerstag",
              "friday": "Freitag", "saturday": "Samstag", "sunday": "Sonntag"}


def clock(time: str) -> str:
    """'20:00' -> '20 Uhr', '10:30' -> '10:30 Uhr'."""
    hour, _, minute = time.partition(":")
    return f"{int(hour)}{':' + minute if minute and minute != '00' else ''} Uhr"


def _opening(hours: str) -> str:
    start, _, end = hours.partition("-")
    return f"von {clock(start.strip())} bis {clock(end.strip())}" if end else hours


def hours_on(day: str, hours: Sequence[tuple[dict, str]], yes_no: bool, every_store: bool) -> str:
    days = _DAYS.get(day, day)
    closed = [s for s, h in hours if h.lower() == "closed"]
    if every_store and len(closed) == len(hours):
        return f"{'Nein, ' if yes_no else ''}{days} sind alle unsere Läden geschlossen."
    sentences = []
    for store, h in hours:
        where = f"unser Laden in {_store_name(store)}"
        if h.lower() == "closed":
            sentences.append(f"{where} ist {days} geschlossen")
        else:
            sentences.append(f"{where} ist {days} {_opening(h)} geöffnet")
    first = sentences[0]
    if yes_no and len(hours) == 1:
        first = ("Nein, " if closed else "Ja, ") + first
    return capitalize("; ".join([first, *sentences[1:]])) + "."


def store_hours(store: dict) -> str:
    hours = store.get("hours") or {}
    open_days = [(d, h) for d, h in hours.items() if str(h).lower() != "closed"]
    closed = [_DAY_NAMES.get(d, d) for d, h in hours.items() if str(h).lower() == "closed"]
    groups: list[tuple[list[str], str]] = []
    for d, h in open_days:
        if groups and groups[-1][1] == h:
            groups[-1][0].append(d)
        else:
            groups.append(([d], str(h)))
    spans = [(f"{_DAY_NAMES.get(g[0], g[0])} bis {_DAY_NAMES.get(g[-1], g[-1])}" if len(g) > 1
              else _DAY_NAMES.get(g[0], g[0])) + " " + _opening(h) for g, h in groups]
    shut = f", {join(closed)} geschlossen" if closed else ""
    return f"Unser Laden in {_store_name(store)} hat {join(spans)} geöffnet{shut}."


def ships_to(country: str, ships: bool, countries: Sequence[str], cost: int, free_from: int, days: str) -> str:
    if ships:
        return (f"Ja, wir liefern nach {country}: {money(cost)}, ab {money(free_from)} versandkostenfrei"
                + (f", in {days} Werktagen." if days else "."))
    return f"Nein, wir liefern leider nur nach {join(list(countries))}."


def delivery_countries(countries: Sequence[str]) -> str:
    return f"Wir liefern nach {join(list(countries))}."


def opened_return(excluded: Sequence[str], days: int) -> str:
    return (f"Nein, {join(list(excluded))} nehmen wir nur bei einem Mangel zurück. Alles Unbenutzte kann "
            f"innerhalb von {days} Tagen zurück.")


def pays_with(method: str, accepted: bool, methods: Sequence[str]) -> str:
    if accepted:
        return _du(f"Ja, Sie können mit {method} bezahlen.", f"Ja, du kannst mit {method} bezahlen.")
    return _du(f"Nein, {method} nehmen wir leider nicht. Sie können mit {join(list(methods), 'oder')} bezahlen.",
               f"Nein, {method} nehmen wir leider nicht. Du kannst mit {join(list(methods), 'oder')} bezahlen.")


def pickup_at(stores: Sequence[tuple[str, bool]], yes_no: bool, where: Sequence[str] = (),
              hold_days: int = 0) -> str:
    only = f", das geht nur in {join(list(where))}" if where else ""
    sentences = [_du(f"Sie können Bestellungen in unserem Laden in {city} abholen",
                     f"du kannst Bestellungen in unserem Laden in {city} abholen") if ok
                 else f"unser Laden in {city} bietet keine Abholung an{only}" for city, ok in stores]
    first = sentences[0]
    if yes_no and len(stores) == 1:
        first = ("Ja, " if stores[0][1] else "Nein, ") + first
    held = (f" Wir bewahren sie {hold_days} Tage für " + _du("Sie", "dich") + " auf."
            if hold_days and any(ok for _, ok in stores) else "")
    return capitalize("; ".join([first, *sentences[1:]])) + "." + held


def your_usual(count: int) -> str:
    return _du("Ihr Übliches: ", "Dein Übliches: ") if count == 1 else _du("Was Sie schon hatten: ",
                                                                            "Was du schon hattest: ")


def worn_return(days: int) -> str:
    return (f"Nein, getragene oder benutzte Artikel nehmen wir nur bei einem Mangel zurück. Unbenutzte Artikel "
            f"können innerhalb von {days} Tagen zurück; das gesetzliche Widerrufsrecht bleibt davon unberührt.")


def your_size(kind: str, size: str | None) -> str:
    what = "Schuhgröße" if kind == "shoes" else "Kleidergröße"
    if not size:
        return _du(f"Ihre {what} kenne ich noch nicht.", f"Deine {what} kenne ich noch nicht.")
    return _du(f"Ihre {what} ist {size}.", f"Deine {what} ist {size}.")


def your_sizes(sizes: dict) -> str:
    if not sizes:
        return _du("Ihre Größen kenne ich noch nicht.", "Deine Größen kenne ich noch nicht.")
    said = [f"{size} bei {'Schuhen' if kind == 'shoes' else 'Kleidung' if kind == 'apparel' else kind}"
            for kind, size in sizes.items()]
    return _du(f"Sie tragen {join(said)}.", f"Du trägst {join(said)}.")


def your_brands(brands: Sequence[str]) -> str:
    if not brands:
        return _du("Sie haben mir noch keine Lieblingsmarken genannt.",
                   "Du hast mir noch keine Lieblingsmarken genannt.")
    words = "Lieblingsmarke ist" if len(brands) == 1 else "Lieblingsmarken sind"
    return f"{_YOUR['pl' if len(brands) > 1 else 'f'].capitalize()} {words} {join(list(brands))}."


def last_order(order: Order) -> str:
    items = join([x.title if x.quantity == 1 else f"{x.quantity} × {x.title}" for x in order.lines])
    since = grammar.on_day(order.placed_at)
    return _du(f"Ihre letzte Bestellung {since} war {items}. Sie ist {status_word(order.status)}.",
               f"Deine letzte Bestellung {since} war {items}. Sie ist {status_word(order.status)}.")


STORE_UNKNOWN = _du("Das weiß ich leider nicht. Ein Kollege hilft gern: sagen Sie „mit einem Menschen sprechen“.",
                    "Das weiß ich leider nicht. Ein Kollege hilft gern: sag „mit einem Menschen sprechen“.")
