"""Messages the support app shows: English text that a page can still put into the reader's language.

A `Message` is the English sentence (a `str`, so errors, logs, JSON and tests read it as before) that also keeps
its gettext template and parameters; the web layer translates the template and fills in the parameters again.
`pybabel extract` finds the templates through the keyword `Message` (see locale/babel.cfg).
"""

from __future__ import annotations

from typing import Any


class Message(str):
    template: str
    """The msgid: English, with `%(name)s` placeholders."""
    params: dict[str, Any]
    """Placeholder values; a value that is itself a `Message` (a status, a role) is translated too."""

    def __new__(cls, template: str, /, **params: Any) -> Message:
        made = super().__new__(cls, template % params if params else template)
        made.template = template
        made.params = params
        return made

    def translated(self, gettext: Any) -> str:
        """This message in the language of `gettext` (a msgid missing from the catalog stays English)."""
        text = gettext(self.template)
        if not self.params:
            return str(text)
        return str(text) % {k: v.translated(gettext) if isinstance(v, Message) else v for k, v in self.params.items()}
