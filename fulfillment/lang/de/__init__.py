"""German: prompts and alexa (Sie by default, du through `address.load`), lexicon, cues and shopping (what
logic listens for), speech (ASR hallucinations and TTS reading rules), grammar and terms (agreement and
the catalog's curated German words). Registered in `fulfillment.lang` for de, de-DE, de-AT and de-CH."""
