"""Skip-gram with negative sampling (word2vec), written out for Keras 3 (Chapter 7).

Keras 2 shipped ``keras.preprocessing.sequence.skipgrams`` and ``make_sampling_table``;
Keras 3 has neither. This module holds the pieces instead, each small enough to test on
its own:

* :func:`generate_corpus` writes the course's offline training text, sentences made from
  templates with known word groups (:data:`WORD_GROUPS`), so that what the vectors learn
  can be checked against a known answer;
* :func:`skipgram_pairs` lists (target, context) pairs inside a window;
* :func:`unigram_distribution` and :func:`sample_negatives` draw "noise" words from the
  unigram distribution raised to the power 3/4 (Mikolov et al., 2013);
* :func:`build_skipgram_model` is the Keras model: two embedding tables and a dot product;
* :func:`train_skipgram` runs the whole recipe deterministically for a given ``seed``.

NumPy only at import time; Keras is imported inside the functions that need it.
"""
from __future__ import annotations

import numbers
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import _asarray, check_size, id_array, learning_rate, positive_int, string_list
from ._checks import seed as _check_seed
from .vocab import tokenize

_learning_rate = learning_rate  # the functions below have a parameter of that name

__all__ = [
    "WORD_GROUPS",
    "generate_corpus",
    "skipgram_pairs",
    "unigram_distribution",
    "sample_negatives",
    "build_skipgram_model",
    "train_skipgram",
]

#: The word groups of the generated corpus, in a fixed order. The first four words of
#: "praise" and the first two of "criticism" occur in the ten comments of Chapter 5; the
#: others never do, so Chapter 8 can test whether vectors transfer to unseen words.
WORD_GROUPS: dict[str, tuple[str, ...]] = {
    "praise": ("good", "great", "nice", "excellent", "superb", "outstanding", "brilliant", "wonderful"),
    "criticism": ("poor", "weak", "bad", "terrible", "sloppy", "awful", "careless", "messy"),
    "animal": ("cat", "dog", "horse", "cow", "sheep", "rabbit"),
    "food": ("bread", "rice", "apple", "cheese", "soup", "cake"),
    "colour": ("red", "blue", "green", "yellow", "purple", "brown"),
    "number": ("two", "three", "four", "five", "six", "seven"),
}

# Templates: a slot {praise}, {animal}, ... is filled with a word of that group. The two
# sentiment groups share some frames ("the essay was ...") and differ in others ("... and
# smiled" / "... and frowned"): words that share contexts get similar vectors, and the
# frames they do not share are what separates praise from criticism.
_TEMPLATES: tuple[str, ...] = (
    "{praise} work well done",
    "what a {praise} effort keep it up",
    "the teacher said the essay was {praise} and smiled",
    "{praise} work i am proud of you",
    "this answer is {praise} well done",
    "a {praise} result you should be proud",
    "{criticism} work could have done better",
    "what a {criticism} effort please try again",
    "the teacher said the essay was {criticism} and frowned",
    "{criticism} work i am disappointed",
    "this answer is {criticism} please redo it",
    "a {criticism} result you must do better",
    "the {animal} sleeps in the barn",
    "the farmer feeds the {animal} every morning",
    "a {animal} runs across the field",
    "we saw a {animal} at the farm",
    "we ate {food} for dinner",
    "the {food} tastes fresh",
    "she bought some {food} at the market",
    "i cooked {food} in the kitchen",
    "the door is painted {colour}",
    "she wore a {colour} coat",
    "the sky turned {colour} at sunset",
    "a bright {colour} flower",
    "{number} students came to class",
    "we waited {number} minutes for the bus",
    "the recipe needs {number} eggs",
    "i read {number} pages of the book",
    "the {colour} {animal} ate the {food}",
    "{number} {animal} stood in the field",
)


def generate_corpus(
    n_sentences: int = 4000,
    *,
    comments: Sequence[str] = (),
    comment_repeats: int = 10,
    zipf: float = 1.0,
    seed: int = 0,
) -> list[str]:
    """Sentences for word2vec, generated from templates with known word groups.

    Each sentence picks one of the fixed templates uniformly at random and fills each
    slot with a word of its group in :data:`WORD_GROUPS`, the ``r``-th word of a group
    with probability proportional to ``1 / r**zipf``: as in real text (Zipf's law), a few
    words are common and the rest rare, and the words the ten comments use come first,
    so the unseen ones are the rare ones. Then each of
    ``comments`` is appended ``comment_repeats`` times (Chapter 7 passes the ten comments
    of Chapter 5, so that every word of theirs has a vector). The order is shuffled.

    Parameters
    ----------
    n_sentences : int
        Number of template sentences (at most 1,000,000, about a minute of work).
    comments : sequence of str
        Extra sentences to include verbatim.
    comment_repeats : int
        How many times each comment is included (0 to leave them out; at most 1,000,000).
    zipf : float
        Exponent of the within-group frequencies, 0 (uniform) to 3.
    seed : int
        Seed of the ``numpy.random.Generator``; the same seed gives the same corpus.

    Returns
    -------
    list of str, length ``n_sentences + comment_repeats * len(comments)``

    See Also
    --------
    Chapter 7, "A corpus with a known answer".

    Examples
    --------
    >>> corpus = generate_corpus(3, seed=0)
    >>> len(corpus), all(isinstance(s, str) for s in corpus)
    (3, True)
    >>> generate_corpus(3, seed=0) == corpus
    True
    """
    n_sentences = positive_int(n_sentences, "n_sentences", maximum=1_000_000,
                               why=" (each sentence is built in Python, about a minute per million)")
    if isinstance(comments, str):
        raise TypeError("comments must be a list of strings, not a single str")
    comments = string_list(comments, "comments", empty=None)
    if (isinstance(comment_repeats, (bool, np.bool_)) or not isinstance(comment_repeats, numbers.Integral)
            or comment_repeats < 0):
        raise ValueError(f"comment_repeats must be a non-negative integer, got {comment_repeats!r}")
    if comment_repeats > 1_000_000:
        raise ValueError(f"comment_repeats must be a non-negative integer at most 1,000,000, got {comment_repeats!r}")
    if isinstance(zipf, (bool, np.bool_)) or not isinstance(zipf, numbers.Real) or not 0 <= zipf <= 3:
        raise ValueError(f"zipf must be a number between 0 and 3, got {zipf!r}")
    if isinstance(zipf, np.generic):
        zipf = float(zipf)
    rng = np.random.default_rng(_check_seed(seed))
    weights = {}
    for name, members in WORD_GROUPS.items():
        w = 1.0 / np.arange(1, len(members) + 1) ** zipf
        weights[name] = w / w.sum()
    sentences = []
    for t in rng.integers(0, len(_TEMPLATES), n_sentences):
        words = []
        for piece in _TEMPLATES[t].split():
            if piece.startswith("{"):
                name = piece[1:-1]
                words.append(WORD_GROUPS[name][rng.choice(len(WORD_GROUPS[name]), p=weights[name])])
            else:
                words.append(piece)
        sentences.append(" ".join(words))
    sentences += [c for c in comments for _ in range(int(comment_repeats))]
    order = rng.permutation(len(sentences))
    return [sentences[i] for i in order]


def skipgram_pairs(sentences: Sequence[Any], window: int = 2) -> NDArray[np.int64]:
    """All (target, context) id pairs with the context at most ``window`` words away.

    Pairs never cross a sentence boundary. They come in reading order: by target
    position, then by context position, which is the order of the obvious double loop::

        for i in range(len(s)):
            for j in range(max(0, i - window), min(len(s), i + window + 1)):
                if j != i: pairs.append((s[i], s[j]))

    The loop is vectorised, one array operation per offset.

    Parameters
    ----------
    sentences : sequence of 1-D int sequences
        Each sentence as word ids (any non-negative ints; padding is not treated
        specially, so do not pass padded sequences).
    window : int
        Largest distance between target and context: smaller than the longest sentence
        (a larger window would add no pair), unless no sentence has two ids.

    Returns
    -------
    ndarray of shape (n_pairs, 2), int64
        Column 0 the target id, column 1 the context id.

    See Also
    --------
    Chapter 7, "From sentences to training pairs".

    Examples
    --------
    >>> skipgram_pairs([[1, 2, 3]], window=1)
    array([[1, 2],
           [2, 1],
           [2, 3],
           [3, 2]])
    """
    window = positive_int(window, "window")
    if isinstance(sentences, (str, bytes, np.ndarray)) and np.ndim(sentences) != 2:
        raise TypeError("sentences must be a list of id sequences, e.g. [[1, 2, 3], [4, 5]]")
    if sentences is None or not isinstance(sentences, Sequence | np.ndarray):
        raise TypeError(f"sentences must be a list of id sequences, e.g. [[1, 2, 3], [4, 5]], got "
                        f"{type(sentences).__name__}")
    arrays = []
    for k, s in enumerate(sentences):
        a = id_array(s, name=f"sentences[{k}]")
        if a.ndim != 1:
            raise ValueError(f"sentences[{k}] must be a 1-D sequence of ids, got shape {a.shape}")
        arrays.append(a)
    if not arrays:
        return np.zeros((0, 2), dtype=np.int64)
    longest = max(a.size for a in arrays)
    if longest >= 2 and window >= longest:
        raise ValueError(f"window must be smaller than the longest sentence ({longest} ids): a window of "
                         f"{longest - 1} already pairs every two words of it; got window={window}")
    if longest < 2:
        return np.zeros((0, 2), dtype=np.int64)  # no sentence has two ids: no pairs
    flat = np.concatenate(arrays)
    sentence_of = np.repeat(np.arange(len(arrays)), [a.size for a in arrays])
    pos_t, pos_c = [], []
    for offset in range(1, window + 1):
        i = np.arange(flat.size - offset)
        same = sentence_of[i] == sentence_of[i + offset]
        i = i[same]
        pos_t += [i, i + offset]  # context to the right, then to the left
        pos_c += [i + offset, i]
    t = np.concatenate(pos_t)
    c = np.concatenate(pos_c)
    order = np.lexsort((c, t))
    return np.stack([flat[t[order]], flat[c[order]]], axis=1)


def unigram_distribution(counts: Any, power: float = 0.75) -> NDArray[np.float64]:
    """Noise distribution for negative sampling: ``counts ** power``, normalised.

    With ``power=1`` words are drawn as often as they occur; with ``power=0`` all words
    equally often. Mikolov et al. (2013) found 3/4 best: frequent words are still drawn
    more often, but rare words get a larger share than their raw frequency.

    Parameters
    ----------
    counts : array_like of shape (vocab_size,)
        How often each id occurs in the corpus. Ids with count 0 (padding, say) are
        never drawn.
    power : float
        The exponent, 0 <= power <= 1.

    Returns
    -------
    ndarray of shape (vocab_size,), float64, summing to 1

    See Also
    --------
    Chapter 7, "Negative sampling".

    Examples
    --------
    >>> unigram_distribution([0, 16, 1], power=0.75).round(3)
    array([0.   , 0.889, 0.111])
    """
    c = _asarray(counts, "counts", "a 1-D array of counts")
    if c.dtype == object or c.dtype.kind not in "iuf":
        raise TypeError(f"counts must be numbers, got dtype {c.dtype}")
    if c.ndim != 1 or c.size == 0:
        raise ValueError(f"counts must be a non-empty 1-D array (one count per id), got shape {c.shape}")
    if not np.all(np.isfinite(c)) or np.any(c < 0):
        raise ValueError("counts must be finite and non-negative")
    if not np.any(c > 0):
        raise ValueError("counts are all zero: there is no word to sample")
    if isinstance(power, (bool, np.bool_)) or not isinstance(power, numbers.Real) or not 0 <= power <= 1:
        raise ValueError(f"power must be a number between 0 and 1, got {power!r}")
    w = np.where(c > 0, c.astype(np.float64) ** power, 0.0)
    return w / w.sum()


def sample_negatives(
    probabilities: Any, shape: int | tuple[int, ...], rng: np.random.Generator
) -> NDArray[np.int64]:
    """Draw noise word ids, independently, from ``probabilities``.

    As in the original word2vec, a negative may by chance equal the true context word;
    with a vocabulary of more than a few dozen words this is rare and harmless.

    Parameters
    ----------
    probabilities : array_like of shape (vocab_size,)
        For example the output of :func:`unigram_distribution`.
    shape : int or tuple of int
        Shape of the result, e.g. ``(n_pairs, k)`` for ``k`` negatives per pair
        (non-negative integers).
    rng : numpy.random.Generator
        The source of randomness (explicit, so that results are repeatable).

    Returns
    -------
    ndarray of int64 of the given shape

    See Also
    --------
    Chapter 7, "Negative sampling".

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> sample_negatives([0.0, 0.5, 0.5], (2, 3), rng).shape
    (2, 3)
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    p = _asarray(probabilities, "probabilities", "a 1-D array of probabilities")
    if p.dtype == object or p.dtype.kind not in "iuf":
        raise TypeError(f"probabilities must be real numbers, got dtype {p.dtype}")
    p = p.astype(np.float64)
    if p.ndim != 1 or p.size == 0:
        raise ValueError(f"probabilities must be a non-empty 1-D array, got shape {p.shape}")
    if not np.all(np.isfinite(p)) or np.any(p < 0) or not np.isclose(p.sum(), 1.0):
        raise ValueError(f"probabilities must be finite, non-negative and sum to 1, got sum {p.sum():.6g}")
    several = isinstance(shape, (tuple, list))
    dims = tuple(shape) if several else (shape,)
    for d in dims:
        if isinstance(d, (bool, np.bool_)) or not isinstance(d, numbers.Integral):
            raise TypeError(f"shape must be a non-negative int or a tuple of them, such as (n_pairs, k), got {shape!r}")
        if d < 0:
            raise ValueError(f"shape must be a non-negative int or a tuple of them, such as (n_pairs, k), got {shape!r}")
    size = tuple(int(d) for d in dims)
    check_size(int(np.prod(size, dtype=object)), f"the negatives (shape {size})")
    return rng.choice(p.size, size=size if several else size[0], p=p).astype(np.int64)


def build_skipgram_model(
    vocab_size: int, dim: int = 16, negatives: int = 4, *, learning_rate: float = 0.01, seed: int = 0
) -> Any:
    """The skip-gram model with negative sampling, as a compiled Keras model.

    Two tables: ``target_embedding`` holds the word vectors we keep, and
    ``context_embedding`` the vectors words have when they appear as context. For a
    target id and ``1 + negatives`` context ids (the true one first), the model returns
    the ``1 + negatives`` dot products; the loss is sigmoid cross-entropy with label 1 for
    the true context and 0 for the noise words.

    Parameters
    ----------
    vocab_size, dim, negatives : int
    learning_rate : float
        Adam's step size.
    seed : int
        Seeds the initialiser of the target table: uniform in ``[-0.5/dim, 0.5/dim]`` as
        in the original C code; the context table starts at zero, as there.

    Returns
    -------
    keras.Model
        Inputs ``target`` of shape ``(batch,)`` and ``context`` of shape
        ``(batch, 1 + negatives)``; output logits of shape ``(batch, 1 + negatives)``.

    See Also
    --------
    Chapter 7, "The model".
    """
    vocab_size = positive_int(vocab_size, "vocab_size")
    dim = positive_int(dim, "dim")
    negatives = positive_int(negatives, "negatives")
    check_size(vocab_size * dim, f"each embedding table (vocab_size={vocab_size:,} x dim={dim:,})")
    learning_rate = _learning_rate(learning_rate)
    seed = _check_seed(seed, keras=True)
    import keras

    target = keras.Input(shape=(), dtype="int32", name="target")
    context = keras.Input(shape=(1 + negatives,), dtype="int32", name="context")
    init = keras.initializers.RandomUniform(-0.5 / dim, 0.5 / dim, seed=seed)
    t = keras.layers.Embedding(vocab_size, dim, embeddings_initializer=init, name="target_embedding")(target)
    c = keras.layers.Embedding(vocab_size, dim, embeddings_initializer="zeros", name="context_embedding")(context)
    logits = keras.layers.Dot(axes=(1, 2), name="dot")([t, c])
    model = keras.Model({"target": target, "context": context}, logits, name="skipgram")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate),
                  loss=keras.losses.BinaryCrossentropy(from_logits=True))
    return model


def train_skipgram(
    sentences: Sequence[str],
    *,
    dim: int = 16,
    window: int = 2,
    negatives: int = 4,
    epochs: int = 5,
    batch_size: int = 512,
    learning_rate: float = 0.01,
    min_count: int = 1,
    seed: int = 0,
) -> tuple[list[str], NDArray[np.float32], dict[str, Any]]:
    """Train skip-gram vectors on ``sentences``: the whole recipe of Chapter 7.

    Steps: tokenise with :func:`embedding_lib.tokenize`; number the words with count
    ``>= min_count`` by decreasing frequency (ties by first appearance), dropping the
    others; list the pairs with :func:`skipgram_pairs`; then, each epoch, draw fresh
    negatives with :func:`sample_negatives`, shuffle with the same generator, and fit
    :func:`build_skipgram_model` for one pass (``shuffle=False``, so that Keras adds no
    randomness of its own). The same ``seed`` gives the same vectors on the same machine
    (with TensorFlow op determinism, see :func:`embedding_lib.set_seed`).

    Returns
    -------
    words : list of str, length vocab_size
        Word ``i`` is row ``i``; no padding or ``[UNK]`` row.
    vectors : ndarray of shape (vocab_size, dim), float32
        The trained ``target_embedding`` table.
    info : dict
        ``losses`` (mean loss per epoch), ``initial_vectors`` (the table before
        training, a baseline), ``counts``, ``n_pairs``, ``n_tokens`` and ``model``.

    See Also
    --------
    Chapter 7, "Training".
    """
    sentences = string_list(sentences, "sentences", empty="there is nothing to learn from")
    dim = positive_int(dim, "dim")
    window = positive_int(window, "window")
    negatives = positive_int(negatives, "negatives")
    epochs = positive_int(epochs, "epochs")
    batch_size = positive_int(batch_size, "batch_size")
    min_count = positive_int(min_count, "min_count")
    learning_rate = _learning_rate(learning_rate)
    seed = _check_seed(seed, keras=True)
    tokenised = []
    for s in sentences:
        tokenised.append(tokenize(s))
    counter = Counter(w for toks in tokenised for w in toks)
    words = [w for w, n in counter.most_common() if n >= min_count]
    if len(words) < 2:
        raise ValueError(f"only {len(words)} word(s) occur at least min_count={min_count} times; need 2 or more")
    index = {w: i for i, w in enumerate(words)}
    ids = [[index[w] for w in toks if w in index] for toks in tokenised]
    pairs = skipgram_pairs(ids, window)
    if pairs.shape[0] == 0:
        raise ValueError("no (target, context) pairs: every sentence has fewer than two known words")
    counts = np.array([counter[w] for w in words], dtype=np.int64)
    noise = unigram_distribution(counts)
    rng = np.random.default_rng(seed)
    model = build_skipgram_model(len(words), dim, negatives, learning_rate=learning_rate, seed=seed)
    table = model.get_layer("target_embedding")
    initial = np.asarray(table.get_weights()[0]).copy()
    labels = np.zeros((pairs.shape[0], 1 + negatives), dtype=np.float32)
    labels[:, 0] = 1.0
    losses = []
    for _ in range(epochs):
        context = np.concatenate([pairs[:, 1:], sample_negatives(noise, (pairs.shape[0], negatives), rng)], axis=1)
        order = rng.permutation(pairs.shape[0])
        inputs = {"target": pairs[order, 0].astype(np.int32), "context": context[order].astype(np.int32)}
        hist = model.fit(inputs, labels, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
        losses.append(float(hist.history["loss"][-1]))
    vectors = np.asarray(table.get_weights()[0], dtype=np.float32)
    info = {"losses": losses, "initial_vectors": initial, "counts": counts, "n_pairs": int(pairs.shape[0]),
            "n_tokens": int(sum(len(s) for s in ids)), "model": model}
    return words, vectors, info

