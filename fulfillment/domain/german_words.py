"""German query words as full-text terms: Snowball stems, umlaut and ß spellings, compound parts, and
the catalog's words for them in another language.

The full-text index (FTS5, unicode61 without diacritics) holds words as written, so the index needs
no German of its own: the query asks for `"regenjack"*` (the stem, as a prefix: Regenjacke,
Regenjacken), `"jacke"` (the compound's head: "Jacke, wasserdicht"), `"regenjacke"` for a word the
catalog has only inside compounds, and `"rain jacket"` when the catalog is English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import snowballstemmer

MIN_PART = 4
"""The shortest word a compound is split into ("rock" yes, "rad" no): shorter parts match too much."""
MIN_STEM = 4
"""Shorter stems are asked as whole words, not as prefixes ("reg"* would find "regal")."""
MAX_COMPOUNDS = 12
"""How many catalog compounds a head word brings in ("jacke" -> regenjacke, daunenjacke, ...)."""
_LINKS = ("", "s", "es", "n", "en", "e", "er")
"""Linking elements between the parts of a compound ("Geburtstag-s-geschenk")."""
_FOLDS = (("ae", "ä"), ("oe", "ö"), ("ue", "ü"), ("ss", "ß"))


class GermanWords:
    """Turns one German query word into the terms the index is asked for; built once per vocabulary."""

    def __init__(self, vocabulary: Iterable[str], glossary: Mapping[str, str] = {}) -> None:
        """`vocabulary`: the catalog's words (lower case); `glossary`: German word -> the catalog's words
        for it when the catalog is in another language ("regen" -> "rain")."""
        self.glossary = {k.lower(): v.lower() for k, v in glossary.items()}
        self.known = frozenset(w for w in vocabulary if w.isalpha()) | frozenset(
            w for w in self.glossary if " " not in w)
        self._stemmer = snowballstemmer.stemmer("german")
        self._stems = frozenset(self.stem(w) for w in self.known)
        self._glossed = {self.stem(k): v for k, v in self.glossary.items()} | self.glossary
        self.compounds = self._compounds()
        self.vocabulary = sorted(self.known)
        """The known words, sorted: what misheard German words are repaired to."""
        self._terms: dict[str, list[str]] = {}

    def _compounds(self) -> dict[str, list[str]]:
        """Head word -> catalog words that end in it ("jacke" -> ["daunenjacke", "regenjacke"])."""
        heads: dict[str, list[str]] = {}
        for word in sorted(self.known):
            for cut in range(MIN_PART, len(word) - MIN_PART + 1):
                head = word[cut:]
                if head in self.known and len(heads.setdefault(head, [])) < MAX_COMPOUNDS:
                    heads[head].append(word)
        return heads

    def stem(self, word: str) -> str:
        return str(self._stemmer.stemWord(word))

    def spellings(self, word: str) -> list[str]:
        """The word as typed and with umlauts or ß written the other way: mueller <-> müller, strasse <-> straße."""
        forms = [word]
        for plain, umlaut in _FOLDS:
            forms += [f.replace(plain, umlaut) for f in forms if plain in f] + [
                f.replace(umlaut, plain) for f in forms if umlaut in f]
        return list(dict.fromkeys(forms))

    def split(self, word: str) -> list[str]:
        """A compound's parts the catalog knows, head last: "regenjacke" -> ["regen", "jacke"]; [] if none."""
        best: list[str] = []
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head = word[cut:]
            if not self._known(head):
                continue
            left = word[:cut]
            for link in _LINKS:
                if link and not left.endswith(link):
                    continue
                modifier = left[: len(left) - len(link)] if link else left
                if len(modifier) >= MIN_PART and (self._known(modifier) or self.split(modifier)):
                    parts = [*(self.split(modifier) or [modifier]), head]
                    if len(head) > len(best[-1] if best else ""):
                        best = parts
                    break
            if not best and len(head) >= MIN_PART + 1:
                best = [head]  # an unknown modifier: the head alone still narrows ("kinder|jacke")
        return best

    def _known(self, word: str) -> bool:
        return word in self.known or self.stem(word) in self._stems

    def terms(self, word: str) -> list[str]:
        """FTS5 terms, any of which may match: quoted words, stems as prefixes, glosses (cached per word)."""
        cached = self._terms.get(word)
        if cached is None:
            cached = self._build_terms(word)
            if len(self._terms) < 50_000:
                self._terms[word] = cached
        return cached

    def _build_terms(self, word: str) -> list[str]:
        terms: list[str] = []
        parts: list[str] = []
        for form in self.spellings(word):
            terms.append(_quoted(form))
            stem = self.stem(form)
            if stem != form:
                terms.append(_quoted(stem) + ("*" if len(stem) >= MIN_STEM else ""))
            terms += [_quoted(c) for c in self.compounds.get(form, ())]
            parts += self.split(form)  # the head finds what the catalog writes apart: "Jacke, wasserdicht"
        for part in parts:  # a part's stem as a word, not a prefix: "jack" finds "Jacke", "jack"* every jacket
            terms += [_quoted(part), _quoted(self.stem(part))]
        # The catalog's words for it: the whole word's, else its parts' as one phrase ("regen|jacke" -> "rain
        # jacket"); a part's gloss alone would match half the catalog, and slowly.
        whole = next((self._glossed[k] for k in (word, self.stem(word)) if k in self._glossed), None)
        glosses = [self._glossed.get(p) or self._glossed.get(self.stem(p)) for p in parts]
        if whole:
            terms.append(_quoted(whole))
        elif parts and all(glosses):
            terms.append(_quoted(" ".join(g for g in glosses if g)))
        return list(dict.fromkeys(terms))


def _quoted(term: str) -> str:
    return '"' + term.replace('"', "") + '"'
