"""English prompts. Prices are written as '€24.90'; speech synthesis reads them aloud properly."""

from __future__ import annotations

from collections.abc import Sequence

from fulfillment.domain.models import CartLine, Order, Product


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
def listing(products: Sequence[Product], facts: Sequence[str], start: int, more: bool) -> str:
    # One sentence per product: easier to follow by ear, and the first one can be spoken sooner.
    sentences = [
        f"{_ordinal(start + i).capitalize()}, the {p.title} by {p.brand}, {money(p.min_price_cents)}: {fact}."
        for i, (p, fact) in enumerate(zip(products, facts, strict=True))
    ]
    tail = "Say 'more' for others, or pick one." if more else "Which one interests you?"
    return " ".join([*sentences, tail])


def _ordinal(index: int) -> str:
    return ORDINAL_WORDS[index] if index < len(ORDINAL_WORDS) else f"number {index + 1}"


def search_found(count: int, what: str) -> str:
    return f"I found {count if count < 30 else 'lots of'} {what or 'products'}. " if count > 1 else ""


def search_alternatives(what: str, dropped: str | None) -> str:
    reason = {
        "size": "not in that size",
        "color": "not in that color",
        "price_max_cents": "not at that price",
        "price_min_cents": "not in that price range",
        "brand": "not from that brand",
        "material": "not in that material",
    }.get(dropped or "", "nothing exactly like that")
    return f"Sorry, I have {what or 'that'} {reason}. The nearest I have: "


def search_none(what: str) -> str:
    return f"Sorry, I couldn't find anything like {what or 'that'}. Could you describe it differently?"


NO_MORE = "That's all I have for that. Would you like to search for something else?"
NO_FOCUS = "Which product do you mean? Ask me for something first, like 'do you have rain jackets'."
NOTHING_LISTED = "I haven't shown you anything yet. What are you looking for?"


def product_intro(p: Product) -> str:
    rating = f", rated {p.rating} by {p.review_count} shoppers" if p.rating else ""
    features = join(list(p.features[:2]))
    options = []
    if len(p.sizes) > 1:
        options.append(f"sizes {join(p.sizes)}")
    if len(p.colors) > 1:
        options.append(join(p.colors, "or"))
    comes = f" It comes in {join(options, 'and in')}." if options else ""
    highlights = f" {features.capitalize()}." if features else ""
    return (
        f"The {p.title} by {p.brand}: {money(p.min_price_cents)}{rating}."
        f"{highlights}{comes} Shall I add it to your cart?"
    )


def price(p: Product, variant_price: int | None = None) -> str:
    low, high = p.min_price_cents, max(v.price_cents for v in p.variants)
    if variant_price is not None:
        return f"That one is {money(variant_price)}."
    if low == high:
        return f"The {p.title} costs {money(low)}."
    return f"The {p.title} costs from {money(low)} to {money(high)}, depending on the variant."


def in_stock(p: Product, what: str, quantity: int) -> str:
    if quantity <= 0:
        return f"Sorry, the {p.title}{what} is sold out online right now."
    few = f" Only {quantity} left." if quantity <= 3 else ""
    return f"Yes, the {p.title}{what} is in stock.{few}"


def in_store(p: Product, store: str, quantity: int, others: Sequence[str]) -> str:
    if quantity > 0:
        return f"Yes, our {store} store has {quantity} of the {p.title} on the shelf."
    elsewhere = f" You'll find it in {join(others, 'or')}." if others else ""
    return f"Our {store} store doesn't have the {p.title} right now.{elsewhere}"


def sizes(p: Product) -> str:
    if not p.sizes:
        return f"The {p.title} comes in one size."
    available = [s for s in p.sizes if any(v.size == s and v.stock > 0 for v in p.variants)]
    gone = [s for s in p.sizes if s not in available]
    sold = f" {join(gone)} {'is' if len(gone) == 1 else 'are'} sold out." if gone else ""
    return f"The {p.title} comes in {join(p.sizes)}.{sold}"


def colors(p: Product) -> str:
    if not p.colors:
        return f"The {p.title} comes in one color."
    return f"The {p.title} comes in {join(p.colors, 'or')}."


def material(p: Product) -> str:
    if not p.materials:
        return f"I don't have the materials of the {p.title}, sorry. {p.description}"
    return f"The {p.title} is made of {join(list(p.materials))}."


def feature_yes(p: Product, feature: str) -> str:
    return f"Yes, the {p.title} is {feature}." if " " not in feature else f"Yes, it has {feature}."


def feature_no(p: Product, feature: str) -> str:
    others = join(list(p.features[:2]))
    return f"The {p.title} isn't described as {feature}." + (f" It is {others}." if others else "")


def describe(p: Product) -> str:
    highlights = join(list(p.features[:3]))
    return f"{p.description} Its highlights: {highlights}." if highlights else p.description


def reviews(p: Product, praise: str | None, criticism: str | None) -> str:
    if not p.review_count:
        return f"The {p.title} has no reviews yet."
    text = f"The {p.title} has {p.rating} stars from {p.review_count} reviews."
    if praise:
        text += f" People like it: \u201c{praise.rstrip('.')}\u201d."
    if criticism:
        text += f" One criticism: \u201c{criticism.rstrip('.')}\u201d."
    return text


def compare(a: Product, b: Product, cheaper: Product, better: Product, a_only: str, b_only: str) -> str:
    text = (
        f"The {a.title} is {money(a.min_price_cents)} and the {b.title} is "
        f"{money(b.min_price_cents)}, so the {cheaper.title} is cheaper"
    )
    text += f"; the {better.title} is rated higher." if a.rating != b.rating else "; both are rated the same."
    extras = [
        x for x in (a_only and f"Only the {a.title} is {a_only}", b_only and f"only the {b.title} is {b_only}") if x
    ]
    return text + (" " + "; ".join(extras) + "." if extras else "")


NEED_TWO = "Which two should I compare? Say for example 'compare the first and the second'."


def recommend(theme: str | None, pitch: str | None) -> str:
    if pitch:
        return pitch.rstrip(".") + ". Here are my ideas: "
    if theme:
        return f"For {theme}, I'd suggest: "
    return "Here's what I'd pick for you: "


def complements(p: Product) -> str:
    return f"With the {p.title}, shoppers like: "


NO_RECOMMENDATION = "Tell me the occasion or who it's for, and I'll find something inspiring."


# -- cart ----------------------------------------------------------------------------------------
def ask_variant(p: Product, missing: str, options: Sequence[str], usual: str | None) -> str:
    hint = f" You usually take {usual}." if usual and usual in options else ""
    word = "size" if missing == "size" else "color"
    return f"Which {word} would you like for the {p.title}: {join(list(options), 'or')}?{hint}"


def variant_unavailable(p: Product, wanted: str, options: Sequence[str]) -> str:
    return f"The {p.title} doesn't come in {wanted}. It's available in {join(list(options), 'or')}."


def sold_out(p: Product, what: str) -> str:
    return f"Sorry, the {p.title}{what} is sold out."


def only_left(p: Product, quantity: int) -> str:
    return f"I only have {quantity} of the {p.title} left. Shall I add {quantity}?"


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


STORE_UNKNOWN = "I don't have that information, sorry. A colleague can help: say 'talk to a person'."
