"""Folding text for search, the same on every database: "Övrigt" and "ovrigt" match."""

import unicodedata


def fold(text: str) -> str:
    """Lower case without diacritics (å, ä, ö become a, a, o), whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.replace("ø", "o").replace("æ", "ae").split())
