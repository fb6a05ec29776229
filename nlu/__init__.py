"""Understanding: the Rasa NLU project (config.yml, data/) and Emma's client for it."""
