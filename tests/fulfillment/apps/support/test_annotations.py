"""Annotating turns, merging them into the Rasa data without duplicates, and retraining in the background."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fulfillment.apps.support.annotations import Annotation, EntitySpan, NluDomain, parse_annotation
from fulfillment.apps.support.cli import import_annotations
from fulfillment.apps.support.config import NLU_PROJECT
from fulfillment.apps.support.errors import BadAnnotation
from fulfillment.apps.support.training_data import merge_annotations, plain_text, read_examples, to_example
from fulfillment.apps.support.web.keys import JOBS, SUPPORT_APP
from tests.fulfillment.apps.support.conftest import login, talk

DOMAIN = NluDomain.load(NLU_PROJECT / "domain.yml")


def form(text: str, intent: str = "search_product", *rows: tuple[str, str, str], **extra: str) -> dict[str, str]:
    data = {"text": text, "intent": intent, **extra}
    for n, (entity, value, start) in enumerate(rows):
        data |= {f"entity_{n}": entity, f"value_{n}": value, f"start_{n}": start}
    return data


@pytest.mark.parametrize(("data", "text", "spans"), [
    (form("Do you have RAIN jackets?"), "do you have rain jackets", ()),
    (form("do you have rain jackets", "search_product", ("product", "rain jackets", "")), "do you have rain jackets",
     (EntitySpan("product", "rain jackets", 12),)),
    (form("add two two", "add_to_cart", ("quantity", "two", "8")), "add two two", (EntitySpan("quantity", "two", 8),)),
    (form("add two in medium", "add_to_cart", ("size", "medium", ""), ("quantity", "Two", "")), "add two in medium",
     (EntitySpan("quantity", "two", 4), EntitySpan("size", "medium", 11))),
    (form("a red one", "", tags="asr-error, Odd"), "a red one", ()),
])
def test_parse_annotation(data, text, spans):
    annotation = parse_annotation("t1", data, DOMAIN)
    assert annotation.text == text and annotation.entities == spans
    assert annotation.intent == (data["intent"] or None)


@pytest.mark.parametrize(("data", "message"), [
    (form(""), "text"),
    (form("my email is [email]"), "brackets"),
    (form("hi", "make_coffee"), "not an intent"),
    (form("hi there", "greet", ("mood", "hi", "")), "not an entity"),
    (form("hi there", "greet", ("product", "", "")), "Give the words"),
    (form("hi there", "greet", ("product", "jacket", "")), "not in the text"),
    (form("hi there", "greet", ("product", "there", "0")), "not at position 0"),
    (form("hi there", "greet", ("product", "there", "x")), "character position"),
    (form("red rain jacket", "search_product", ("color", "red rain", ""), ("product", "rain jacket", "")), "overlap"),
    (form("hi", "greet", tags="no spaces allowed"), "Tags"),
    (form("hi", "greet", note="x" * 2001), "2000"),
])
def test_bad_annotations_are_refused(data, message):
    with pytest.raises(BadAnnotation, match=message):
        parse_annotation("t1", data, DOMAIN)


def test_examples_carry_rasa_entity_markup():
    spans = (EntitySpan("quantity", "two", 4), EntitySpan("size", "medium", 11))
    assert to_example("add two in medium", spans) == "add [two](quantity) in [medium](size)"
    assert plain_text("add [two](quantity) in [medium]{\"entity\": \"size\", \"value\": \"M\"}") == "add two in medium"


def test_merge_adds_new_examples_once_and_skips_known_ones(nlu_data):
    held_out = NLU_PROJECT / "tests" / "test_nlu.yml"
    some_training = read_examples(nlu_data / "nlu" / "cart.yml")["add_to_cart"][0]
    some_held_out = read_examples(held_out)["greet"][0]
    annotations = [
        Annotation("t1", "do you stock waders", "search_product", (EntitySpan("product", "waders", 13),)),
        Annotation("t2", plain_text(some_training), "add_to_cart"),
        Annotation("t3", plain_text(some_training), "view_cart"),
        Annotation("t4", plain_text(some_held_out), "greet"),
        Annotation("t5", "only a note", None),
        Annotation("t6", "do you stock waders", "search_product"),  # same text as t1
    ]
    report = merge_annotations(annotations, nlu_data, held_out)
    assert report.added == [{"turn_id": "t1", "intent": "search_product", "example": "do you stock [waders](product)"}]
    assert [(s["turn_id"], s["reason"]) for s in report.skipped] == [
        ("t2", "duplicate"), ("t3", "conflict"), ("t4", "held_out"), ("t6", "duplicate")]
    written = (nlu_data / "nlu" / "annotations.yml").read_text()
    parsed = yaml.safe_load(written)
    assert parsed["version"] == "3.1"
    assert parsed["nlu"] == [{"intent": "search_product", "examples": "- do you stock [waders](product)\n"}]
    again = merge_annotations(annotations, nlu_data, held_out)  # idempotent: everything is known now
    assert again.added == [] and (nlu_data / "nlu" / "annotations.yml").read_text() == written
    more = merge_annotations([Annotation("t7", "got any gaiters", "search_product")], nlu_data, held_out)
    assert len(more.added) == 1
    assert read_examples(nlu_data / "nlu" / "annotations.yml") == {
        "search_product": ["do you stock [waders](product)", "got any gaiters"]}


async def test_annotating_a_turn_over_http(client, shop, services):
    await talk(shop, "s1", ["blorp fizzle"])
    turn_id = shop.db.connection().execute("SELECT id FROM turns WHERE session_id = 's1'").fetchone()[0]
    csrf = await login(client, "alex")
    page = await (await client.get(f"/support/turns/{turn_id}/annotate")).text()
    assert "blorp fizzle" in page and "<option>search_product</option>" in page
    resp = await client.post(f"/support/turns/{turn_id}/annotate", allow_redirects=False, data={
        "csrf": csrf, "text": "blue rain jackets", "intent": "search_product", "entity_0": "color",
        "value_0": "blue", "start_0": "", "entity_1": "product", "value_1": "rain jackets", "tags": "asr-error",
        "note": "ASR garbled it"})
    assert resp.status == 303 and resp.headers["Location"].startswith("/support/conversations/s1?saved=")
    saved = services.annotations.get(turn_id)
    assert saved["intent"] == "search_product" and saved["annotated_by"] == "alex" and saved["tags"] == ["asr-error"]
    assert saved["entities"] == [{"entity": "color", "value": "blue", "start": 0},
                                 {"entity": "product", "value": "rain jackets", "start": 5}]
    html = await (await client.get("/support/conversations/s1")).text()
    assert "corrected: search_product" in html and "asr-error" in html
    bad = await client.post(f"/support/turns/{turn_id}/annotate", data={"csrf": csrf, "text": "x", "intent": "nope"})
    assert bad.status == 400 and "not an intent" in await bad.text()
    assert (await client.get("/support/turns/ghost/annotate")).status == 404


async def test_import_button_retrains_in_the_background_and_shows_both_figures(client, shop, services, trainer,
                                                                             app, nlu_data):
    await talk(shop, "s1", ["blorp fizzle"])
    turn_id = shop.db.connection().execute("SELECT id FROM turns WHERE session_id = 's1'").fetchone()[0]
    csrf = await login(client, "alex")
    await client.post(f"/support/turns/{turn_id}/annotate", data={
        "csrf": csrf, "text": "got any gaiters", "intent": "search_product", "entity_0": "product",
        "value_0": "gaiters"})
    assert (await client.post("/support/annotations/import", data={"csrf": csrf})).status == 403
    csrf = await login(client, "sofia")
    assert "1</strong> corrected turn" in await (await client.get("/support/annotations")).text()
    resp = await client.post("/support/annotations/import", data={"csrf": csrf}, allow_redirects=False)
    assert resp.status == 303
    run_url = resp.headers["Location"]
    await app[SUPPORT_APP][JOBS].wait()
    html = await (await client.get(run_url)).text()
    assert "done" in html and "80.0%" in html and "85.0%" in html and "+5.0 pts" in html
    assert "got any [gaiters](product)" in html
    assert "got any [gaiters](product)" in (nlu_data / "nlu" / "annotations.yml").read_text()
    assert len(trainer.trained) == 2  # the current model (to evaluate it first), then the new one
    assert services.annotations.get(turn_id)["imported_at"]
    assert "0</strong> corrected turns" in await (await client.get("/support/annotations")).text()


async def test_a_second_import_while_one_runs_is_refused(client, app, trainer):
    csrf = await login(client, "sofia")
    jobs = app[SUPPORT_APP][JOBS]
    trainer.gate.clear()  # the first run stays busy until the second request has been refused
    first = await jobs.start("sofia")
    resp = await client.post("/support/annotations/import", data={"csrf": csrf})
    trainer.gate.set()
    assert resp.status == 409 and "training_running" in await resp.text()
    await jobs.wait()
    assert jobs.runs.get(first)["status"] == "done"


async def test_cli_import_prints_before_and_after(config, shop, services, support_config, trainer, capsys):
    await talk(shop, "s1", ["blorp fizzle"])
    turn_id = shop.db.connection().execute("SELECT id FROM turns WHERE session_id = 's1'").fetchone()[0]
    services.annotations.save(turn_id, "got any gaiters", "search_product", [], [], "", "ada", "2025-01-01")
    assert await import_annotations(config, trainer, support_config) == 0
    out = capsys.readouterr().out
    assert "+ search_product: got any gaiters" in out
    assert "Before: intent accuracy 80.0%" in out and "After : intent accuracy 85.0%" in out
    assert await import_annotations(config, trainer, support_config) == 0
    assert "No corrected turns to import." in capsys.readouterr().out


def test_emma_nlu_import_annotations_is_wired(config, capsys):
    from fulfillment.apps.cli.main import main

    assert main(["--home", str(config.home), "nlu", "import-annotations"]) == 0
    assert "No corrected turns to import." in capsys.readouterr().out


async def test_a_retrained_model_is_put_into_service(client, app, trainer, services, shop):
    loaded: list[Path] = []

    async def load_model(model: Path) -> None:
        loaded.append(model)

    jobs = app[SUPPORT_APP][JOBS]
    jobs.on_new_model = load_model
    await talk(shop, "s9", ["blorp fizzle"])
    turn_id = shop.db.connection().execute("SELECT id FROM turns WHERE session_id = 's9'").fetchone()[0]
    text = "um got any crampons for glacier walks"
    services.annotations.save(turn_id, text, "search_product", [], [], "", "ada", "2025-01-01")
    await jobs.start("sofia")
    await jobs.wait()
    assert loaded == [Path(f"model-{len(trainer.trained)}")]  # the new model, not the one evaluated first
