"""Data that ships with the package, so that every chapter works offline."""
from __future__ import annotations

import csv
import io
from importlib import resources

from ._checks import positive_int

__all__ = ["DEEP_SENTENCE", "HELD_OUT_SHARED_WORDS", "english_words", "sentiment_comments",
           "held_out_comments"]

#: The running example of the seed article.
DEEP_SENTENCE = "deep learning is very deep"

#: The only words that :func:`held_out_comments` shares with :func:`sentiment_comments`:
#: function words, not sentiment or topic words.
HELD_OUT_SHARED_WORDS = ("not",)


def english_words(n: int = 2000) -> list[str]:
    """The ``n`` most frequent English words (``n`` <= 2000), most frequent first.

    The list ships as ``embedding_lib/_data/english_2000.txt``. It was made once with the
    ``wordfreq`` package (version 3.1.1, data CC-BY-SA 4.0) by keeping the 2000 most
    frequent purely alphabetic words; ``scripts/make_wordlist.py`` documents how.

    Parameters
    ----------
    n : int
        How many words, from 1 to 2000.

    Returns
    -------
    list of str, length n

    See Also
    --------
    Chapter 1, "One-hot encoding and what it costs".

    Examples
    --------
    >>> english_words(5)
    ['the', 'to', 'and', 'of', 'a']
    >>> len(english_words())
    2000
    """
    n = positive_int(n, "n")
    words = _read("english_2000.txt").split()
    if n > len(words):
        raise ValueError(f"n must be at most {len(words)}, the size of the shipped list; got {n}")
    return words[:n]


def _read(name: str) -> str:
    return resources.files(__package__).joinpath("_data", name).read_text(encoding="utf-8")


def sentiment_comments() -> tuple[list[str], list[int]]:
    """The ten comments on student work of the seed article, with their labels.

    Five are positive (label 1) and five negative (label 0). They ship as
    ``embedding_lib/_data/comments.csv``.

    Returns
    -------
    texts : list of str, length 10
    labels : list of int, length 10

    See Also
    --------
    Chapter 5, "The sentiment example".

    Examples
    --------
    >>> texts, labels = sentiment_comments()
    >>> texts[0], labels[0], texts[-1], labels[-1], sum(labels)
    ('Well done!', 1, 'Could have done better.', 0, 5)
    """
    rows = list(csv.DictReader(io.StringIO(_read("comments.csv"))))
    return [r["text"] for r in rows], [int(r["label"]) for r in rows]


def held_out_comments() -> tuple[list[str], list[int], list[str]]:
    """New comments on student work, for testing a model trained on the ten comments.

    Written for Chapter 8 so that they share no content word with
    :func:`sentiment_comments` (only the words in :data:`HELD_OUT_SHARED_WORDS`), put
    the sentiment words in varied positions, and include negations ("Not bad at all")
    and comments of up to seven words. They come in pairs: comment ``i`` of the first
    half (positive, label 1) and comment ``i`` of the second half (negative, label 0)
    differ only in their sentiment words, so a model that reads those words should give
    the positive one the higher probability (for a negation, the negated word carries
    the opposite sentiment: "Not bad at all" is the positive one of its pair). They ship
    as ``embedding_lib/_data/held_out_comments.csv``.

    Returns
    -------
    texts : list of str, length 2n
    labels : list of int, length 2n
        ``n`` ones followed by ``n`` zeros.
    kinds : list of str, length 2n
        What each comment tests, the same for both members of a pair: "sentiment word
        first", "sentiment word last", "sentiment word in the middle", "one word",
        "several sentiment words" or "negation".

    See Also
    --------
    Chapter 8, "The held-out comments".

    Examples
    --------
    >>> texts, labels, kinds = held_out_comments()
    >>> len(texts), sum(labels), texts[0], texts[len(texts) // 2]
    (28, 14, 'Superb essay.', 'Terrible essay.')
    >>> kinds.count("negation")
    8
    """
    rows = list(csv.DictReader(io.StringIO(_read("held_out_comments.csv"))))
    return [r["text"] for r in rows], [int(r["label"]) for r in rows], [r["kind"] for r in rows]
