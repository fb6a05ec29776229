"""Emma's Alexa channel: request verification, the ask-sdk skill, the aiohttp view, the package.

Module map:

- `verification.py` / `cert_chains.py`: Amazon's request-signature rules, on `cryptography`;
- `dispatch.py`: `AlexaEndpoint.verify_request_and_dispatch(headers, body)`, the seam;
- `handlers.py` / `interceptors.py`: one ask-sdk handler class per intent, registered in one place;
- `turn_runner.py`: calls the async `TurnHandler` from ask-sdk's sync handlers, within budget;
- `replies.py` / `ssml.py` / `prompts_en.py`: what Alexa says and shows;
- `web.py`: `setup_alexa(app, ...)` registers `POST /alexa`;
- `interaction_model.py` / `package.py`: the skill package built from the Rasa NLU data;
- `simulate.py`: build realistic request envelopes and talk to a running server.
"""
