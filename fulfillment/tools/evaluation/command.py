"""`emma eval dialogue` and `emma eval nlu`: run on a scratch copy of the demo shop with the real NLU model."""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fulfillment.settings import Settings
from fulfillment.tools.evaluation.facts import facts_from_shop
from fulfillment.tools.evaluation.languages import LANGUAGES
from fulfillment.tools.evaluation.nlu_heldout import trained_on
from fulfillment.tools.evaluation.report import Thresholds, render, score, shortfalls
from fulfillment.tools.evaluation.runner import SuiteOutcome, emptying_carts, run_suite
from fulfillment.tools.evaluation.speakable import MAX_WORDS
from fulfillment.tools.evaluation.suite import Suite, load_suite
from fulfillment.wiring import ShopHome, open_conversation, open_home


@asynccontextmanager
async def demo_home(config: Settings) -> AsyncIterator[tuple[Settings, ShopHome]]:
    """A throwaway home holding the demo shop (whatever the real home sells), sharing the real home's
    models so the NLU model is not trained again."""
    with tempfile.TemporaryDirectory(prefix="emma-eval-") as tmp:
        home = Path(tmp)
        config.models_dir.mkdir(parents=True, exist_ok=True)
        (home / "models").symlink_to(config.models_dir.resolve(), target_is_directory=True)
        scratch = config.with_(home=home)
        shop = await asyncio.to_thread(open_home, scratch)
        try:
            yield scratch, shop
        finally:
            shop.db.close()


async def measure(config: Settings, suite: Suite, max_words: int = MAX_WORDS) -> SuiteOutcome:
    """The suite played on a scratch demo shop with the real NLU (started here unless EMMA_NLU_URL names one).
    The shop speaks the suite's language only (its policies, its Rasa model)."""
    async with demo_home(config.with_(languages=(suite.language,))) as (scratch, shop):
        if not scratch.nlu.url:
            print("Starting the NLU service (about 30 s)...", file=sys.stderr)
        async with open_conversation(scratch, shop) as conversation:
            facts = await asyncio.to_thread(facts_from_shop, shop, suite.language)
            return await run_suite(suite, conversation, facts, emptying_carts(shop), max_words)


async def dialogue(config: Settings, args: argparse.Namespace) -> int:
    language = (args.lang or config.default_language).lower()
    if not args.suite and language not in LANGUAGES:
        print(f"There is no dialogue suite in {language!r}; there is one in {', '.join(LANGUAGES)}.")
        return 2
    suite = load_suite(args.suite, language).only(args.group, args.case)
    goals = Thresholds(overall=args.min_overall, group=args.min_group, speakable=args.min_speakable)
    outcome = await measure(config, suite, args.max_words)
    scores = score(outcome)
    print(render(outcome, scores, goals, details=args.details))
    copied = trained_on([step.say for case in suite.cases for step in case.steps], language=suite.language)
    if copied:
        print(f"Warning: {len(copied)} of the suite's sentences are in the NLU training data word for word, so these "
              f"scores overstate how Emma does on new phrasings: {copied}")
    low = shortfalls(scores, goals)
    if low:
        print("Below the thresholds: " + "; ".join(low))
        return 1
    return 0


async def nlu(config: Settings) -> int:
    from fulfillment.tools.evaluation import nlu_heldout
    from nlu.runtime import vocabulary_file
    from nlu.training import ensure_model

    leaks = nlu_heldout.leaked(nlu_heldout.extension_path())
    if leaks:
        print(f"These held-out texts are in the training data, remove them from one side: {leaks}")
        return 2
    print("Training the NLU model if its data changed, then evaluating (minutes)...", file=sys.stderr)
    model = await asyncio.to_thread(ensure_model, config.models_dir / "nlu", config.nlu.rasa_python,
                                    vocabulary_file(config))
    with tempfile.TemporaryDirectory(prefix="emma-eval-nlu-") as tmp:
        figures = await asyncio.to_thread(nlu_heldout.evaluate, model, config.nlu.rasa_python, Path(tmp))
    print(nlu_heldout.render(figures))
    met = all(figures[k] >= v for k, v in nlu_heldout.GOALS.items())
    return 0 if met else 1
