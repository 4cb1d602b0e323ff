"""Word by word differences between two texts, for showing what someone changed."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

# Words with the space after them, so that joining the pieces gives the text back.
_WORDS = re.compile(r"\S+\s*|\s+")
# Below this share of words in common, a text counts as rewritten rather than edited.
MOSTLY_REWRITTEN = 0.5


@dataclass(frozen=True)
class Piece:
    kind: Literal["same", "removed", "added"]
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn `old` into `new`: kept, removed and added runs of words."""
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    if matcher.ratio() < MOSTLY_REWRITTEN:
        # Interleaved scraps of two different texts are harder to read than the two texts.
        rewritten = [Piece("removed", old), Piece("added", new)]
        return [piece for piece in rewritten if piece.text]
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(old_words[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(new_words[j1:j2])))
    return pieces
