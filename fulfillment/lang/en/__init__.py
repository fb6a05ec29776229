"""English: prompts (what Emma says), alexa (what the Alexa channel says itself), lexicon and cues (what
logic listens for), speech (ASR hallucinations and TTS reading rules). Registered in `fulfillment.lang`."""
