"""Sie or du: the German packs are one source read twice, once per form of address.

`prompts.py` and `alexa.py` write each sentence that addresses the shopper as a pair, `_du(sie, du)`.
`load(module, form)` executes such a module again with `FORM` preset, so the du pack is a real module
with the same names, and no sentence is written twice.
"""

from __future__ import annotations

import importlib.util
from types import ModuleType

FORMS = ("sie", "du")
"""The forms of address a German shop may choose (EMMA_GERMAN_FORM); the first is the default."""


def load(module: ModuleType, form: str) -> ModuleType:
    """`module` (a German prompts module) executed again with `FORM = form`."""
    if form not in FORMS:
        raise ValueError(f"form of address must be one of {', '.join(FORMS)}, not {form!r}")
    if form == FORMS[0]:
        return module
    spec = importlib.util.spec_from_file_location(f"{module.__name__}_{form}", module.__file__ or "")
    assert spec is not None and spec.loader is not None
    variant = importlib.util.module_from_spec(spec)
    variant.__dict__["FORM"] = form  # read by the module before its first sentence
    spec.loader.exec_module(variant)
    return variant
