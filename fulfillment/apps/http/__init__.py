"""The HTTP service (aiohttp): thin views over the conversation core."""
