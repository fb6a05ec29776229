"""Emma's Alexa channel: request verification, the ask-sdk skill, the aiohttp view, the package.

Module map:

- `verification.py` / `cert_chains.py`: Amazon's request-signature rules, on `cryptography`;
- `dispatch.py`: `AlexaEndpoint.verify_request_and_dispatch(headers, body)`, the seam;
- `handlers.py` / `interceptors.py`: one ask-sdk handler class per kind of request, registered in one
  place;
- `understanding.py`: Alexa's intent and slots as the core's `NluResult` (the core skips its NLU);
- `turn_runner.py`: calls the async `TurnHandler` from ask-sdk's sync handlers, within budget;
- `replies.py` / `ssml.py`: what Alexa says and shows (the sentences are in the language pack,
  `fulfillment/lang/<language>/alexa.py`);
- `web.py`: `setup_alexa(app, ...)` registers `POST /alexa`;
- `locales/`: what each Alexa locale (en-US, en-GB, de-DE) adds to the NLU data: invocation name,
  carrier phrases, seed samples, catalog templates, invocation-name rules;
- `interaction_model.py` / `package.py`: the skill package, one model per locale, built from the Rasa NLU
  data and the catalog words (`vocabulary.py`) of the locale's language; `sources.py` picks them;
- `simulate.py` / `simulated_nlu.py`: build realistic request envelopes (text to intent and slots
  by the interaction model's samples) and talk to a running server.
"""
