"""Vocabularies and index encoding: words to integer ids and back (Chapter 2).

The convention throughout the course, and in Keras, is that id 0 is reserved for
padding. This module adds one choice that Keras makes for you: what happens to a word the
vocabulary has never seen. With ``oov_token=None`` (the default) it is an error; with
``oov_token="[UNK]"`` it gets id 1, and real words start at 2, exactly as in Keras'
``TextVectorization`` and ``StringLookup``.
"""
from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from ._checks import boolean, check_size, id_array, positive_int, sequence

__all__ = [
    "PAD_TOKEN",
    "UNK_TOKEN",
    "Vocabulary",
    "tokenize",
    "build_vocabulary",
    "encode",
    "decode",
    "pad_sequences",
]

PAD_TOKEN = "[PAD]"
UNK_TOKEN = "[UNK]"
_PUNCT = re.compile("[" + re.escape(string.punctuation) + "]")


def tokenize(text: str) -> list[str]:
    """Split ``text`` into lower-case words, dropping punctuation.

    This is the same standardisation as Keras' ``TextVectorization`` default
    (``"lower_and_strip_punctuation"`` then split on whitespace), so the two agree.

    Parameters
    ----------
    text : str
        A sentence or document.

    Returns
    -------
    list of str
        The words, in order.

    See Also
    --------
    Chapter 2, "Index encoding".

    Examples
    --------
    >>> tokenize("Deep learning is very deep!")
    ['deep', 'learning', 'is', 'very', 'deep']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__} {text!r}")
    return _PUNCT.sub("", text.lower()).split()


class Vocabulary:
    """An ordered word <-> id mapping with id 0 reserved for padding.

    Parameters
    ----------
    words : sequence of str
        The distinct words, in the order they should be numbered.
    oov_token : str or None
        If given, unknown words map to id 1 (this token) and ``words`` start at id 2.
        If None, unknown words raise ``ValueError``.

    Raises
    ------
    ValueError
        If a word is empty, repeated, or equal to a reserved token.
    TypeError
        If ``words`` is a single string or holds something other than strings.

    See Also
    --------
    build_vocabulary : builds one from texts. Chapter 2, "Index encoding".

    Examples
    --------
    >>> v = Vocabulary(["deep", "learning", "is", "very"])
    >>> v.tokens
    ['[PAD]', 'deep', 'learning', 'is', 'very']
    >>> len(v), v["deep"], v.word(4)
    (5, 1, 'very')
    """

    def __init__(self, words: Sequence[str], *, oov_token: str | None = None) -> None:
        if isinstance(words, str):
            raise TypeError("words must be a sequence of words, not a single str")
        words = sequence(words, "words", what="a sequence of words")
        for pos, w in enumerate(words):
            if not isinstance(w, str):
                raise TypeError(f"every word must be a str, got {type(w).__name__} {w!r} at position {pos}")
            if not w:
                raise ValueError(f"words must be non-empty strings, got '' at position {pos}")
        if oov_token is not None and not (isinstance(oov_token, str) and oov_token):
            raise TypeError(f"oov_token must be a non-empty str or None, got {oov_token!r}")
        if oov_token == PAD_TOKEN:
            raise ValueError(f"oov_token must differ from the padding token {PAD_TOKEN!r}")
        reserved = [PAD_TOKEN] + ([oov_token] if oov_token is not None else [])
        seen: dict[str, int] = {}
        for pos, w in enumerate(words):
            if w in reserved:
                raise ValueError(f"{w!r} at position {pos} is a reserved token ({', '.join(reserved)})")
            if w in seen:
                raise ValueError(f"duplicate word {w!r} at positions {seen[w]} and {pos}; words must be distinct")
            seen[w] = pos
        self.oov_token = oov_token
        self.tokens: list[str] = reserved + words
        self._index = {w: i for i, w in enumerate(self.tokens)}

    @property
    def oov_index(self) -> int | None:
        """The id of unknown words (1), or None when unknown words are an error."""
        return 1 if self.oov_token is not None else None

    @property
    def n_reserved(self) -> int:
        """How many ids are reserved before the first real word (1 or 2)."""
        return 2 if self.oov_token is not None else 1

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, word: object) -> bool:
        return word in self._index and self._index[word] >= self.n_reserved  # type: ignore[index]

    def __getitem__(self, word: str) -> int:
        return self.index(word)

    def __repr__(self) -> str:
        head = ", ".join(repr(t) for t in self.tokens[:6])
        more = ", ..." if len(self) > 6 else ""
        return f"Vocabulary(size={len(self)}, tokens=[{head}{more}])"

    def index(self, word: str) -> int:
        """Return the id of ``word`` (the OOV id if it is unknown and OOV is enabled)."""
        if not isinstance(word, str):
            raise TypeError(f"word must be a str, got {type(word).__name__} {word!r}")
        i = self._index.get(word)
        if i is not None and i >= self.n_reserved:
            return i
        if self.oov_token is not None:
            return 1
        raise ValueError(
            f"unknown word {word!r}: it is not among the {len(self) - self.n_reserved} words of this "
            f"vocabulary; build it with oov_token={UNK_TOKEN!r} to map unknown words to id 1"
        )

    def word(self, i: int) -> str:
        """Return the token with id ``i``."""
        (i,) = id_array([i], len(self), name="id")
        return self.tokens[int(i)]


def build_vocabulary(
    texts: str | Iterable[str],
    *,
    order: Literal["first", "frequency", "keras"] = "first",
    oov_token: str | None = None,
    max_words: int | None = None,
) -> Vocabulary:
    """Build a :class:`Vocabulary` from one text or an iterable of texts.

    Parameters
    ----------
    texts : str or iterable of str
    order : {"first", "frequency", "keras"}
        ``"first"`` numbers words in order of first appearance (the seed article's
        ``1 2 3 4 1``). ``"frequency"`` numbers the most frequent first, ties broken by
        first appearance. ``"keras"`` numbers the most frequent first with ties broken in
        *reverse* lexicographic order, which is what Keras' ``TextVectorization`` and
        ``StringLookup`` do (they sort with ``np.lexsort((tokens, counts))[::-1]``).
    oov_token : str or None
        See :class:`Vocabulary`.
    max_words : int or None
        Keep only this many words (the first ones in the chosen order).

    Returns
    -------
    Vocabulary

    Raises
    ------
    ValueError
        If the texts hold no words, or ``order`` is not one of the three choices.

    See Also
    --------
    Chapter 2, "Index encoding".

    Examples
    --------
    >>> build_vocabulary("deep learning is very deep").tokens
    ['[PAD]', 'deep', 'learning', 'is', 'very']
    >>> build_vocabulary(["a b b", "c c c"], order="frequency").tokens
    ['[PAD]', 'c', 'b', 'a']
    >>> build_vocabulary("deep learning is very deep", order="keras", oov_token="[UNK]").tokens
    ['[PAD]', '[UNK]', 'deep', 'very', 'learning', 'is']
    """
    if isinstance(texts, str):
        texts = [texts]
    if texts is None or isinstance(texts, bytes) or not isinstance(texts, Iterable):
        raise TypeError(f"texts must be a str or a list of str, got {'None' if texts is None else type(texts).__name__}")
    if order not in ("first", "frequency", "keras"):
        raise ValueError(f"order must be 'first', 'frequency' or 'keras', got {order!r}")
    counts: Counter[str] = Counter()
    n_texts = 0
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"texts[{n_texts}] must be a str, got {type(text).__name__} {text!r}")
        counts.update(tokenize(text))  # Counter keeps first-appearance order among equal counts
        n_texts += 1
    if n_texts == 0 or not counts:
        raise ValueError("cannot build a vocabulary from empty text: no words were found")
    if order == "first":
        words = list(counts)
    elif order == "frequency":
        words = [w for w, _ in counts.most_common()]
    else:  # Keras: count descending, then the word itself descending
        words = sorted(counts, key=lambda w: (counts[w], w), reverse=True)
    if max_words is not None:
        words = words[: positive_int(max_words, "max_words")]
    return Vocabulary(words, oov_token=oov_token)


def encode(text: str | Sequence[str], vocab: Vocabulary) -> NDArray[np.int64]:
    """Turn a text (or a list of tokens) into an array of ids.

    Parameters
    ----------
    text : str or sequence of str
        A text, which is first split with :func:`tokenize`, or a list of tokens.
    vocab : Vocabulary

    Returns
    -------
    ndarray of shape (n_words,), int64

    Raises
    ------
    ValueError
        If the text has no words, or a word is unknown and ``vocab`` has no OOV token.

    See Also
    --------
    decode : the way back. Chapter 2, "Index encoding".

    Examples
    --------
    >>> v = build_vocabulary("deep learning is very deep")
    >>> encode("deep learning is very deep", v)
    array([1, 2, 3, 4, 1])
    """
    if not isinstance(vocab, Vocabulary):
        raise TypeError(f"vocab must be a Vocabulary, got {type(vocab).__name__}")
    if isinstance(text, str):
        tokens = tokenize(text)
    else:
        tokens = sequence(text, "text", what="a str or a list of tokens (str)", ordered=False)
        for i, t in enumerate(tokens):
            if not isinstance(t, str):
                raise TypeError(f"text[{i}] must be a token (str), got {type(t).__name__} {t!r}")
    if not tokens:
        raise ValueError(f"cannot encode empty text {text!r}: it has no words")
    return np.array([vocab.index(t) for t in tokens], dtype=np.int64)


def decode(ids: Any, vocab: Vocabulary, *, skip_padding: bool = True) -> str:
    """Turn ids back into a space-separated string.

    Parameters
    ----------
    ids : array_like of int, shape (n,)
        Ids in ``0 .. len(vocab) - 1``.
    vocab : Vocabulary
    skip_padding : bool
        Leave out id 0 (padding).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If an id is negative or ``>= len(vocab)``, or ``ids`` is not 1-D.
    TypeError
        If the ids are not integers.

    See Also
    --------
    encode : the way there. Chapter 2, "Index encoding".

    Examples
    --------
    >>> v = build_vocabulary("deep learning is very deep")
    >>> decode([0, 0, 1, 2, 3, 4, 1], v)
    'deep learning is very deep'
    """
    if not isinstance(vocab, Vocabulary):
        raise TypeError(f"vocab must be a Vocabulary, got {type(vocab).__name__}")
    skip_padding = boolean(skip_padding, "skip_padding")
    arr = id_array(ids, len(vocab))
    if arr.ndim != 1:
        raise ValueError(f"ids must be 1-D (one sequence), got shape {arr.shape}")
    return " ".join(vocab.tokens[i] for i in arr if not (skip_padding and i == 0))


def pad_sequences(
    sequences: Sequence[Sequence[int]],
    maxlen: int | None = None,
    *,
    padding: Literal["pre", "post"] = "pre",
    truncating: Literal["pre", "post"] = "pre",
    value: int = 0,
) -> NDArray[np.int64]:
    """Pad (and truncate) id sequences to one length, as ``keras.utils.pad_sequences`` does.

    Parameters
    ----------
    sequences : sequence of sequences of int
        ``n`` id sequences of any lengths.
    maxlen : int or None
        Output length; the longest sequence's length if None.
    padding, truncating : {"pre", "post"}
        Where to add padding, and where to cut sequences longer than ``maxlen``. The
        defaults match Keras ("pre" for both).
    value : int
        The padding id.

    Returns
    -------
    ndarray of shape (n, maxlen), int64

    See Also
    --------
    Chapter 2, "Index encoding".

    Examples
    --------
    >>> pad_sequences([[1, 2], [3, 4, 5, 6, 7]], maxlen=4)
    array([[0, 0, 1, 2],
           [4, 5, 6, 7]])
    >>> pad_sequences([[1, 2]], maxlen=4, padding="post")
    array([[1, 2, 0, 0]])
    """
    if padding not in ("pre", "post"):
        raise ValueError(f"padding must be 'pre' or 'post', got {padding!r}")
    if truncating not in ("pre", "post"):
        raise ValueError(f"truncating must be 'pre' or 'post', got {truncating!r}")
    if isinstance(sequences, (str, bytes)) or not isinstance(sequences, Sequence | np.ndarray):
        raise TypeError(f"sequences must be a list of id sequences, got "
                        f"{'None' if sequences is None else type(sequences).__name__}")
    seqs = []
    for k, s in enumerate(sequences):
        if isinstance(s, (str, bytes)):
            raise TypeError(f"sequence {k} is a string {s!r}; encode texts to ids first")
        arr = id_array(s, name=f"sequence {k}")
        if arr.ndim != 1:
            raise ValueError(f"sequence {k} must be 1-D, got shape {arr.shape}")
        seqs.append(arr)
    if maxlen is None:
        if not seqs:
            raise ValueError("sequences is empty and maxlen is None: cannot infer a length")
        maxlen = max(len(s) for s in seqs)
        if maxlen == 0:
            raise ValueError("every sequence is empty and maxlen is None: cannot infer a length")
    maxlen = positive_int(maxlen, "maxlen")
    check_size(len(seqs) * maxlen, f"the padded batch ({len(seqs):,} sequences x maxlen={maxlen:,})")
    out = np.full((len(seqs), maxlen), int(id_array([value], name="value")[0]), dtype=np.int64)
    for k, s in enumerate(seqs):
        s = s[-maxlen:] if truncating == "pre" else s[:maxlen]
        if len(s):
            if padding == "pre":
                out[k, -len(s):] = s
            else:
                out[k, : len(s)] = s
    return out
