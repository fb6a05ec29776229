"""Short German answers Emma understands even while the NLU service restarts (intent → phrases)."""

WITHOUT_NLU: dict[str, tuple[str, ...]] = {
    "affirm": ("ja", "jawohl", "ja bitte", "ja gerne", "gerne", "genau", "klar", "ok", "okay", "passt", "richtig",
               "stimmt", "mach das", "machen sie das", "bitte", "jo", "jep"),
    "deny": ("nein", "nee", "ne", "nein danke", "nicht", "abbrechen", "stopp", "halt", "lieber nicht", "jetzt nicht"),
    "repeat": ("wiederholen", "wie bitte", "noch mal", "nochmal", "noch einmal", "was hast du gesagt",
               "was haben sie gesagt", "bitte wiederholen"),
    "more": ("mehr", "weiter", "nächste", "zeig mir mehr", "mehr bitte", "was noch", "noch mehr", "andere",
             "die nächsten"),
}
