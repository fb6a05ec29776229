"""English prompts. Prices are written as '€24.90'; speech synthesis reads them aloud properly."""

from __future__ import annotations

from collections.abc import Sequence

from fulfillment.domain.models import CartLine, Order, Product
from fulfillment.lang.en.grammar import count as count_of
from fulfillment.lang.en.grammar import feature_phrase, is_plural, negative, plural, the, with_feature

__all__ = ["count_of", "feature_phrase", "is_plural", "negative", "plural", "the", "with_feature"]


def money(cents: int) -> str:
    return f"€{cents // 100}" if cents % 100 == 0 else f"€{cents / 100:.2f}"


def join(items: Sequence[str], word: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def variant_asked(color: str | None, size: str | None) -> str:
    """The variant a shopper asked about, after a product title: " in red in size M"."""
    return "".join(x for x in (f" in {color}" if color else "", f" in size {size}" if size else ""))


def variant_chosen(color: str | None, size: str | None) -> str:
    """The variant picked for the cart, after a product title: " in red M"."""
    return " in " + " ".join(x for x in (color, size) if x) if color or size else ""


def item(line: CartLine) -> str:
    variant = ", ".join(x for x in (line.color, f"size {line.size}" if line.size else None) if x)
    return f"{line.quantity} × {line.title}" + (f" ({variant})" if variant else "")


ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth")

# -- small talk --------------------------------------------------------------------------------
def greet(name: str | None) -> str:
    who = f" {name}" if name else ""
    return f"Hi{who}! I'm Emma. What can I find for you today?"


def greet_with_news(name: str, order: Order) -> str:
    """A returning customer hears what matters: a delivery that arrived or is on its way."""
    what = the(order.lines[0].title) if order.lines else "your order"
    since = day(order.status_dates.get(order.status, order.placed_at))
    if order.status == "delivered":
        return (f"Hi {name}! Your order with {what} arrived on {since}. I hope you like it. "
                "What can I find for you today?")
    return f"Hi {name}! Your order with {what} is on its way since {since}. What can I find for you today?"


HELP = (
    "You can ask me for products, like 'do you have rain jackets', ask about one, like "
    "'is it waterproof', add things to your cart, check out, or ask where your order is. "
    "Say 'talk to a person' any time to reach a colleague."
)
THANKS = "You're welcome! Anything else?"
NOTHING_TO_REPEAT = "I haven't said anything yet. What can I find for you?"
CLARIFY = "Sorry, I didn't quite catch that. Are you looking for a product, your cart or an order?"
OFFER_HELP = (
    "I'm still not sure what you need. You can say 'help' to hear what I can do, "
    "or 'talk to a person' and a colleague will take over."
)
OUT_OF_SCOPE = "I can only help with shopping here. What can I find for you?"
AFFIRM_NOTHING = "Great! What would you like to do next?"
DENY_NOTHING = "No problem. What else can I do for you?"
UTTERANCE_TOO_LONG = "That was a lot at once. Could you say it in a shorter sentence?"
EMPTY_UTTERANCE = "I didn't hear anything. What can I find for you?"
DIDNT_HEAR = "I didn't hear anything. Could you say that again?"


def goodbye(name: str | None) -> str:
    return f"Bye{' ' + name if name else ''}! Thanks for shopping with us."


# -- search and products -------------------------------------------------------------------------
def limits(color: str | None = None, brand: str | None = None, size: str | None = None,
           features: Sequence[str] = (), low: int | None = None, high: int | None = None,
           favourites: bool = False, mine: bool = False) -> str:
    """What a request is limited to, after its noun: " in blue from Garmin under €120"."""
    parts = []
    if color:
        parts.append(f"in {color}")
    if size:
        parts.append(f"in size {size}")
    if mine:
        parts.append("in your size")
    if brand:
        parts.append(f"from {brand}")
    if favourites:
        parts.append("from your favourite brands")
    if features:
        parts.append("with " + join(list(features)))
    if low is not None and high is not None:
        parts.append(f"between {money(low)} and {money(high)}")
    elif high is not None:
        parts.append(f"up to {money(high)}")
    elif low is not None:
        parts.append(f"from {money(low)}")
    return "".join(" " + part for part in parts)


def listing(products: Sequence[Product], facts: Sequence[str], start: int, more: bool,
            kind: str | None = None) -> str:
    """Each product once: its name (without the product type when the lead said it), brand, price and
    a fact that sets it apart. One sentence each, easier to follow by ear."""
    sentences = []
    for p, fact in zip(products, facts, strict=True):
        name = _name(p, kind)
        highlight = f", {'made of ' + fact if fact in p.materials else with_feature(fact)}" if fact else ""
        sentences.append(f"{_capitalize(the(name))} by {p.brand}, {money(p.min_price_cents)}{highlight}.")
    tail = "Say more for others." if more else "Which one interests you?"
    return " ".join([*sentences, tail])


def _name(p: Product, kind: str | None) -> str:
    if kind and p.type == kind and p.title.lower().endswith(" " + kind.lower()):
        core = p.title[: -len(kind) - 1].strip()
        words = core.lower().split()
        doubled = any(a == b for a, b in zip(words, words[1:], strict=False))  # "Hubba Hubba 2": whole title
        if not doubled and (len(words) > 1 or not core.isdigit()):
            return core
    return p.title


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def search_found(count: int, noun: str, limits: str = "") -> str:
    """The lead of a listing: "I found seven rain jackets in blue." (one hit: "I have one rain jacket")."""
    what = noun or "product"
    if count == 1:
        return f"I have one {what}{limits}. "
    return f"I found {count_of(count, what)}{limits}. "


def search_alternatives(noun: str, dropped: str | None, limits: str = "") -> str:
    reason = {
        "size": "in that size",
        "color": "in that color",
        "features": "with all of that",
        "price_max_cents": "at that price",
        "price_min_cents": "in that price range",
        "brand": "from that brand",
        "brands": "from your favourite brands",
        "material": "in that material",
    }.get(dropped or "", "exactly like that")
    what = plural(noun) if noun else "products"
    return f"Sorry, I have no {what} {reason}. The nearest I have: "


def search_none(noun: str, limits: str = "") -> str:
    what = plural(noun) if noun else "anything"
    if noun:
        return f"Sorry, I have no {what}{limits}. Could you describe it differently?"
    return "Sorry, I couldn't find anything like that. Could you describe it differently?"


def nothing_cheaper(noun: str) -> str:
    return f"Those are already the cheapest {plural(noun) if noun else 'ones'} I have. Shall I show them again?"


def nothing_else(noun: str) -> str:
    return f"Those are all the {plural(noun) if noun else 'products'} I have like that. Shall we try something else?"


NO_MORE = "That's all I have for that. Would you like to search for something else?"
NO_FOCUS = "Which product do you mean? Ask me for something first, like 'do you have rain jackets'."
NOTHING_LISTED = "I haven't shown you anything yet. What are you looking for?"


def product_intro(p: Product) -> str:
    rating = f", rated {p.rating} by {p.review_count} shoppers" if p.rating else ""
    features = join(list(p.features[:2]))
    options = []
    if len(p.sizes) > 1:
        options.append(f"sizes {_size_range(p.sizes)}")
    if len(p.colors) > 1:
        options.append(join(p.colors, "or"))
    comes = f" It comes in {join(options, 'and in')}." if options else ""
    highlights = f" {features.capitalize()}." if features else ""
    return (
        f"{_capitalize(the(p.title))} by {p.brand}: {money(p.min_price_cents)}{rating}."
        f"{highlights}{comes} Shall I add it to your cart?"
    )


def _size_range(sizes: Sequence[str]) -> str:
    """'38, 39, ... 46' -> '38 to 46' when they are whole numbers without a gap."""
    if len(sizes) > 3 and all(s.isdigit() for s in sizes):
        numbers = sorted(int(s) for s in sizes)
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"{numbers[0]} to {numbers[-1]}"
    return join(list(sizes))


def price(p: Product, variant_price: int | None = None) -> str:
    low, high = p.min_price_cents, max(v.price_cents for v in p.variants)
    if variant_price is not None:
        return f"That one is {money(variant_price)}."
    if low == high:
        return f"{_capitalize(the(p.title))} costs {money(low)}."
    return f"{_capitalize(the(p.title))} costs from {money(low)} to {money(high)}, depending on the variant."


def in_stock(p: Product, what: str, quantity: int) -> str:
    if quantity <= 0:
        return f"Sorry, {the(p.title)}{what} is sold out online right now."
    few = f" Only {quantity} left." if quantity <= 3 else ""
    return f"Yes, {the(p.title)}{what} is in stock.{few}"


def in_store(p: Product, store: str, quantity: int, others: Sequence[str]) -> str:
    if quantity > 0:
        return f"Yes, our {store} store has {quantity} of {the(p.title)} on the shelf."
    elsewhere = f" You'll find it in {join(others, 'or')}." if others else ""
    return f"Our {store} store doesn't have {the(p.title)} right now.{elsewhere}"


def sizes(p: Product) -> str:
    if not p.sizes:
        return f"{_capitalize(the(p.title))} {'come' if is_plural(p.title) else 'comes'} in one size."
    available = [s for s in p.sizes if any(v.size == s and v.stock > 0 for v in p.variants)]
    gone = [s for s in p.sizes if s not in available]
    sold = f" {join(gone)} {'is' if len(gone) == 1 else 'are'} sold out." if gone else ""
    return f"{_capitalize(the(p.title))} comes in {join(p.sizes)}.{sold}"


def colors(p: Product) -> str:
    if not p.colors:
        return f"{_capitalize(the(p.title))} comes in one color."
    return f"{_capitalize(the(p.title))} comes in {join(p.colors, 'or')}."


def material(p: Product) -> str:
    if not p.materials:
        return f"I don't have the materials of {the(p.title)}, sorry. {p.description}"
    return f"{_capitalize(the(p.title))} is made of {join(list(p.materials))}."


def feature_yes(p: Product, feature: str) -> str:
    return f"Yes, {the(p.title)} {feature_phrase(feature, is_plural(p.title))}."


def feature_no(p: Product, wanted: str, nearest: str | None = None) -> str:
    many = is_plural(p.title)
    instead = f"; {'they' if many else 'it'} {feature_phrase(nearest, many)}" if nearest else ""
    return f"No, {the(p.title)} {negative(wanted, many)}{instead}."


def made_of(p: Product, asked: str, made: Sequence[str]) -> str:
    if made:
        return f"Yes, {the(p.title)} is made of {join(list(made))}."
    if p.materials:
        return f"No, {the(p.title)} is made of {join(list(p.materials))}."
    return f"No, {the(p.title)} isn't described as {asked}."


def good_for(p: Product, activity: str, fits: bool) -> str:
    be = "are" if is_plural(p.title) else "is"
    if fits:
        return f"Yes, {the(p.title)} {be} made for {activity}."
    return f"No, {the(p.title)} {be}n't meant for {activity}."


def same_as_before(p: Product, day: str) -> str:
    return f"Yes, that's the one you ordered on {day}."


def not_same_as_before(p: Product, other: Product | None) -> str:
    if other is not None:
        return f"No, last time you bought {the(other.title)}."
    return f"No, you haven't ordered {the(p.title)} before."


def describe(p: Product) -> str:
    highlights = join(list(p.features[:3]))
    if not highlights or all(f.lower() in p.description.lower() for f in p.features[:3]):
        return p.description  # the description already says them
    return f"{p.description} Its highlights: {highlights}."


def reviews(p: Product, praise: str | None, criticism: str | None) -> str:
    if not p.review_count:
        return f"{_capitalize(the(p.title))} has no reviews yet."
    text = f"{_capitalize(the(p.title))} has {p.rating} stars from {p.review_count} reviews."
    if praise:
        text += f" People like it: \u201c{praise.rstrip('.')}\u201d."
    if criticism:
        text += f" One criticism: \u201c{criticism.rstrip('.')}\u201d."
    return text


def compare(a: Product, b: Product, cheaper: Product, better: Product, a_only: str, b_only: str) -> str:
    def rated(p: Product) -> str:
        return f", rated {p.rating}" if p.rating else ""

    first, second = ("first", "second")
    def costs(p: Product) -> str:
        return "cost" if is_plural(p.title) else "costs"

    text = (f"{_capitalize(the(a.title))} {costs(a)} {money(a.min_price_cents)}{rated(a)}; {the(b.title)} "
            f"{costs(b)} {money(b.min_price_cents)}{rated(b)}.")
    cheap_one = first if cheaper is a else second
    if a.rating == b.rating or a.min_price_cents == b.min_price_cents:
        text += f" The {cheap_one} is cheaper." if a.min_price_cents != b.min_price_cents else ""
    elif cheaper is better:
        text += f" The {cheap_one} is both cheaper and better rated."
    else:
        text += f" The {cheap_one} is cheaper, the other better rated."
    extras = [x for x in (a_only and f"only the first {feature_phrase(a_only, is_plural(a.title))}",
                          b_only and f"only the second {feature_phrase(b_only, is_plural(b.title))}") if x]
    return text + (" " + _capitalize("; ".join(extras)) + "." if extras else "")


def compared(dimension: str, best: Product, others: Sequence[Product], tied: Sequence[Product]) -> str:
    """The answer to "which is lighter / warmer / cheapest / best rated / waterproof", the winner first."""
    name = _capitalize(the(best.title))
    more = len(others) > 1
    many = is_plural(best.title)
    be, lasts, comes, it = ("are", "last", "come", "they") if many else ("is", "lasts", "comes", "it")
    if dimension in ("light", "warm", "waterproof") and tied:
        quality = {"light": "sold as lightweight", "warm": "insulated", "waterproof": "waterproof"}[dimension]
        names = join([the(best.title), *(the(p.title) for p in tied)])
        every = "both" if len(tied) == 1 else "all"
        return f"{_capitalize(names)} are {every} {quality}, so there's little between them there."
    if dimension == "light":
        if "lightweight" not in best.features and "light" not in best.features:
            return f"{name} {be} my pick for light weight, though I have no weights for these."
        return f"{name} {be} the lighter {'of them' if more else 'one'}: {it} {be} sold as lightweight."
    if dimension == "warm":
        feature = next((f for f in best.features if f in ("insulated", "warm", "keep warm")), "")
        why = f": {it} {feature_phrase(feature, many)}." if feature else "."
        return f"{name} {be} the warmer {'of them' if more else 'one'}{why}"
    if dimension == "battery":
        battery = next((f for f in best.features if f.endswith("battery")), "")
        return f"{name} {lasts} {'longest' if more else 'longer'} on a charge" + (
            f": {it} {feature_phrase(battery, many)}." if battery else ".")
    if dimension == "cheap":
        return f"{name} {be} the {'cheapest' if more else 'cheaper one'}, at {money(best.min_price_cents)}."
    if dimension == "pricey":
        return f"{name} {be} the {'most expensive' if more else 'pricier one'}, at {money(best.min_price_cents)}."
    if dimension == "waterproof":
        if "waterproof" in best.features or "watertight" in best.features:
            others_are = "others are" if more else "other is"
            return f"{name} {be} the waterproof one; the {others_are} at most water resistant."
        return f"{name} {comes} closest: {it} {be} water resistant, but none of them is fully waterproof."
    rating = f", with {best.rating} stars from {best.review_count} reviews" if best.rating else ""
    return f"{name} {be} the best rated{rating}."


def better_for(best: Product, activity: str, fits: bool, others: Sequence[Product], all_fit: bool) -> str:
    name = _capitalize(the(best.title))
    if all_fit:
        return f"All of them suit {activity}; {the(best.title)} is the best rated of those."
    if fits:
        return f"{name} is the better choice for {activity}: it is made for it."
    return f"{name} comes closest, though none of them is made for {activity}."


def pick(p: Product, favourite: bool, size: str | None, known_type: bool) -> str:
    reasons = []
    if favourite:
        reasons.append(f"it's from {p.brand}, one of your favourite brands")
    if size:
        reasons.append(f"it comes in your size {size}")
    if not reasons and p.rating:
        reasons.append(f"it's the best rated, with {p.rating} stars")
    if known_type and len(reasons) < 2:
        reasons.append("it's like what you ordered before")
    why = join(reasons) or "it's the one I like best"
    return f"I'd pick {the(p.title)}: {why}."


NEED_TWO = "Which two should I compare? Say for example 'compare the first and the second'."


def recommend(theme: str | None, pitch: str | None) -> str:
    if pitch:
        return pitch.rstrip(".") + ". Here are my ideas: "
    if theme:
        return f"For {theme}, I'd suggest: "
    return "Here's what I'd pick for you: "


def ideas_lead(pitch: str | None, limits: str = "") -> str:
    if pitch:
        return f"{pitch.rstrip('.')}, all{limits}. " if limits else f"{pitch.rstrip('.')}. "
    return f"Some ideas{limits}. "


def ideas(products: Sequence[Product], reasons: Sequence[str], more: bool) -> str:
    """Suggestions, each once, with a few words on why it fits."""
    sentences = []
    for p, why in zip(products, reasons, strict=True):
        because = f", {why}" if why else ""
        sentences.append(f"{_capitalize(the(p.title))}, {money(p.min_price_cents)}{because}.")
    tail = "Want more ideas?" if more else "Which one do you like?"
    return " ".join([*sentences, tail])


def no_ideas(limits: str = "") -> str:
    return f"Sorry, I have nothing that fits{limits}. Shall I look without a limit?"


def complements(p: Product) -> str:
    return f"With {the(p.title)}, these go well. "


NO_RECOMMENDATION = "Tell me the occasion or who it's for, and I'll find something inspiring."


# -- cart ----------------------------------------------------------------------------------------
def ask_variant(p: Product, missing: str, options: Sequence[str], usual: str | None) -> str:
    hint = f" You usually take {usual}." if usual and usual in options else ""
    word = "size" if missing == "size" else "color"
    return f"Which {word} would you like for {the(p.title)}: {join(list(options), 'or')}?{hint}"


def variant_unavailable(p: Product, wanted: str, options: Sequence[str]) -> str:
    return f"{_capitalize(the(p.title))} doesn't come in {wanted}. It's available in {join(list(options), 'or')}."


def sold_out(p: Product, what: str) -> str:
    return f"Sorry, {the(p.title)}{what} is sold out."


def only_left(p: Product, quantity: int) -> str:
    return f"I only have {quantity} of {the(p.title)} left. Shall I add {quantity}?"


def added(line: CartLine, count: int, total_cents: int, other_colors: Sequence[str] = ()) -> str:
    also = f" It also comes in {join(list(other_colors), 'or')}, if you prefer." if other_colors else ""
    return (
        f"Added {item(line)} to your cart.{also} You have {count} "
        f"item{'s' if count != 1 else ''} for {money(total_cents)}. Anything else, or shall we check out?"
    )


def removed(title: str) -> str:
    return f"I've taken the {title} out of your cart."


NOT_IN_CART = "That isn't in your cart. Say 'what's in my cart' to hear what is."
CART_EMPTY = "Your cart is empty. What can I find for you?"
CART_CLEARED = "I've emptied your cart."


def cart(lines: Sequence[CartLine], total_cents: int) -> str:
    return f"In your cart: {join([item(x) for x in lines])}. That's {money(total_cents)} in total."


# -- checkout and orders -------------------------------------------------------------------------
def readback(
    shop: str, lines: Sequence[CartLine], address: str, shipping: int, total: int, lead: str = "Your order"
) -> str:
    ship = f"{money(shipping)} shipping" if shipping else "free shipping"
    return (
        f"{lead} from {shop}: {join([item(x) for x in lines])}, delivered to {address}. "
        f"That's {money(total)} including {ship}. Shall I place the order?"
    )


ACCOUNT_REQUIRED = (
    "To order, I need to know who you are and where to deliver. Please link your account in the "
    "app; until then you can keep browsing and filling your cart."
)
ASK_PIN = "For this amount I need your four-digit voice PIN, please."


def pin_wrong(remaining: int) -> str:
    return f"That PIN isn't right. You have {remaining} more tr{'y' if remaining == 1 else 'ies'}."


PIN_LOCKED = (
    "Ordering is locked after three wrong PINs, to keep your account safe. "
    "Please ask a colleague to reset it; say 'talk to a person'."
)
ORDER_NOT_PLACED = "OK, I haven't placed the order. Your cart is still there."
CART_CHANGED = "Your cart changed meanwhile, so let me read it back again."


def placed(order: Order, address: str | None) -> str:
    return (
        f"Done! Your order {order.id} for {money(order.total_cents)} is placed and will go to "
        f"{address}. I'll let you know when it ships."
    )


def out_of_stock_at_order(title: str) -> str:
    return f"Sorry, the {title} just sold out, so I couldn't place the order. I kept your cart."


def day(iso: str) -> str:
    """'2026-11-22T10:00:00+00:00' -> 'November 22'."""
    from datetime import date

    try:
        when = date.fromisoformat(iso[:10])
    except ValueError:
        return iso[:10]
    return f"{when:%B} {when.day}"


def status(order: Order) -> str:
    since = day(order.status_dates.get(order.status, order.placed_at))
    items = join([f"{x.quantity} × {x.title}" for x in order.lines])
    return f"Your order {order.id} was {order.status} on {since}. It has {items}."


NO_ORDERS = "I can't find any orders for you yet."


def order_not_found(order_id: str | None) -> str:
    return f"I can't find an order {order_id} on your account." if order_id else NO_ORDERS


def confirm_cancel(order: Order) -> str:
    return f"Shall I cancel your order {order.id} for {money(order.total_cents)}?"


def cancelled(order: Order) -> str:
    return f"Your order {order.id} is cancelled. You'll get your {money(order.total_cents)} back."


def not_cancellable(order: Order) -> str:
    return f"Your order {order.id} is already {order.status}, so I can't cancel it; you can return it instead."


KEEP_ORDER = "OK, I'll leave your order as it is."


def reorder_readback(shop: str, lines: Sequence[CartLine], address: str, shipping: int, total: int) -> str:
    return readback(shop, lines, address, shipping, total, lead="Your last order again")


NOTHING_TO_REORDER = "I can't find a previous order to repeat."


def return_started(return_id: str, order: Order, days: int) -> str:
    return (
        f"I've opened return {return_id} for order {order.id}. Send it back within {days} days "
        "with the return label we'll e-mail you; the refund follows once it arrives."
    )


def confirm_return(order: Order, days: int) -> str:
    return f"Shall I start a return for order {order.id}? Unused items can go back within {days} days."


NO_RETURN = "OK, I won't start a return."

CONFIRM_HANDOFF = "Shall I pass our conversation and your cart to a colleague?"

NO_HANDOFF = "OK, let's carry on together. What can I do for you?"


def not_returnable(order: Order) -> str:
    return (
        f"Your order {order.id} is still {order.status}, so it can't be returned yet. "
        "I can cancel it if it hasn't shipped."
    )


def handoff(ticket_id: str) -> str:
    return (
        f"I've passed our conversation and your cart to a colleague, ticket {ticket_id}. "
        "Someone will get back to you within an hour during opening times."
    )


def store_address(store: dict) -> str:
    return f"Our {store.get('name', 'store')} is at {store.get('address')}."


def store_phone(store: dict) -> str:
    return f"You can call our {store.get('city') or store.get('name', 'store')} store on {store.get('phone')}."


def shop_phone(phone: str) -> str:
    return f"You can call us on {phone}." if phone else STORE_UNKNOWN


def all_stores(stores: Sequence[dict]) -> str:
    places = [f"{s.get('city') or s.get('name')} at {str(s.get('address', '')).split(',')[0]}" for s in stores]
    return f"We have {count_of(len(places), 'store')}: {join(places)}."


_DAYS = {"monday": "Mondays", "tuesday": "Tuesdays", "wednesday": "Wednesdays", "thursday": "Thursdays",
         "friday": "Fridays", "saturday": "Saturdays", "sunday": "Sundays"}


def _clock(time: str) -> str:
    """'20:00' -> '8 pm', '10:30' -> '10:30 am'."""
    hour, _, minute = time.partition(":")
    h = int(hour)
    suffix = "am" if h < 12 else "pm"
    twelve = h - 12 if h > 12 else (12 if h == 0 else h)
    return f"{twelve}{':' + minute if minute and minute != '00' else ''} {suffix}"


def _opening(hours: str) -> str:
    start, _, end = hours.partition("-")
    return f"from {_clock(start.strip())} to {_clock(end.strip())}" if end else hours


def hours_on(day: str, hours: Sequence[tuple[dict, str]], yes_no: bool, every_store: bool) -> str:
    days = _DAYS.get(day, day)
    closed = [s for s, h in hours if h.lower() == "closed"]
    if every_store and len(closed) == len(hours):
        return f"{'No, ' if yes_no else ''}all our stores are closed on {days}."
    sentences = []
    for store, h in hours:
        where = f"our {store.get('city') or store.get('name')} store"
        if h.lower() == "closed":
            sentences.append(f"{where} is closed on {days}")
        else:
            sentences.append(f"{where} is open on {days} {_opening(h)}")
    first = sentences[0]
    if yes_no and len(hours) == 1:
        first = ("No, " if closed else "Yes, ") + first
    text = "; ".join([first, *sentences[1:]])
    return _capitalize(text) + "."


def store_hours(store: dict) -> str:
    hours = store.get("hours") or {}
    open_days = [(d, h) for d, h in hours.items() if str(h).lower() != "closed"]
    closed = [_DAYS.get(d, d) for d, h in hours.items() if str(h).lower() == "closed"]
    groups: list[tuple[list[str], str]] = []
    for d, h in open_days:
        if groups and groups[-1][1] == h:
            groups[-1][0].append(d)
        else:
            groups.append(([d], str(h)))
    spans = [(f"{g[0].title()} to {g[-1].title()}" if len(g) > 1 else g[0].title()) + " " + _opening(h)
             for g, h in groups]
    shut = f", closed on {join(closed)}" if closed else ""
    return f"Our {store.get('city') or store.get('name')} store is open {join(spans)}{shut}."


def ships_to(country: str, ships: bool, countries: Sequence[str], cost: int, free_from: int, days: str) -> str:
    if ships:
        return (f"Yes, we deliver to {country}: {money(cost)} and free from {money(free_from)}"
                + (f", in {days} working days." if days else "."))
    return f"No, sorry, we only deliver to {join(list(countries))} for now."


def your_usual(count: int) -> str:
    return "Your usual: " if count == 1 else "What you've had before: "


def delivery_countries(countries: Sequence[str]) -> str:
    return f"We deliver to {join(list(countries))}."


def pays_with(method: str, accepted: bool, methods: Sequence[str]) -> str:
    if accepted:
        return f"Yes, you can pay with {method}."
    return f"No, sorry, we don't take {method}. You can pay with {join(list(methods), 'or')}."


def pickup_at(stores: Sequence[tuple[str, bool]], yes_no: bool, where: Sequence[str] = (),
              hold_days: int = 0) -> str:
    only = f", only {join(list(where))} {'does' if len(where) == 1 else 'do'}" if where else ""
    sentences = [f"you can pick up orders in our {city} store" if ok else
                 f"our {city} store has no pickup{only}" for city, ok in stores]
    first = sentences[0]
    if yes_no and len(stores) == 1:
        first = ("Yes, " if stores[0][1] else "No, ") + first
    held = f" We keep them for {hold_days} days." if hold_days and any(ok for _, ok in stores) else ""
    return _capitalize("; ".join([first, *sentences[1:]])) + "." + held


def opened_return(excluded: Sequence[str], days: int) -> str:
    return (f"No, {join(list(excluded))} can only go back if they're faulty. Anything unused can be returned "
            f"within {days} days.")


def worn_return(days: int) -> str:
    return (f"No, worn or used items can't be returned unless they're faulty. Unused items can go back "
            f"within {days} days.")


def your_size(kind: str, size: str | None) -> str:
    if not size:
        return f"I don't have your {'shoe' if kind == 'shoes' else 'clothing'} size yet."
    return f"You take size {size} in {'shoes' if kind == 'shoes' else 'clothes'}."


def your_sizes(sizes: dict) -> str:
    if not sizes:
        return "I don't have your sizes yet."
    said = [f"{size} in {'shoes' if kind == 'shoes' else 'clothes' if kind == 'apparel' else kind}"
            for kind, size in sizes.items()]
    return f"You take {join(said)}."


def your_brands(brands: Sequence[str]) -> str:
    if not brands:
        return "You haven't told me any favourite brands yet."
    return f"Your favourite {'brand is' if len(brands) == 1 else 'brands are'} {join(list(brands))}."


def last_order(order: Order) -> str:
    items = join([the(x.title) if x.quantity == 1 else f"{x.quantity} × {x.title}" for x in order.lines])
    since = day(order.placed_at)
    status = order.status if order.status != "placed" else "placed"
    return f"Your last order, on {since}, was {items}. It is {status}."


STORE_UNKNOWN = "I don't have that information, sorry. A colleague can help: say 'talk to a person'."
