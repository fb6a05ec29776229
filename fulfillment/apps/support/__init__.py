"""The support app: transcript review, annotation and retraining, the handoff queue and shop KPIs.

Domain modules here never import aiohttp; the web layer lives in `fulfillment.apps.support.web`."""
