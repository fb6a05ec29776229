"""Emma's conversation core: catalog, search, answers, cart, orders and dialogue."""
