"""Sentence vectors: pooled and contextual (Chapter 13).

A sentence vector pooled from a table of word vectors: the plain average, the SIF
average (Arora, Liang and Ma, 2017), which weights a word by ``a / (a + p(w))`` and
removes the common component, and the generated data the chapter measures them on:
paraphrase pairs for a retrieval task, and sentences in which the word "bank" means a
river bank or a money bank depending on its neighbours.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import matrix_2d, positive_int, real_array, real_number, seed as _check_seed, sequence

__all__ = [
    "zipf_probabilities",
    "sif_weights",
    "pool_sentences",
    "remove_common_component",
    "retrieval_ranks",
    "paraphrase_pairs",
    "PARAPHRASE_SLOTS",
    "bank_sentences",
    "BANK_CONTEXTS",
]


def zipf_probabilities(n_words: int, exponent: float = 1.0) -> NDArray[np.float64]:
    """Word probabilities from frequency ranks by Zipf's law: ``p(r) ∝ 1 / r**exponent``.

    Rank 1 is the most frequent word. GloVe's files list words by decreasing frequency
    but give no counts, so the rank is all we know; Zipf's law (exponent about 1 for
    English) turns it into a probability.

    Returns
    -------
    ndarray of shape (n_words,), float64, summing to 1, decreasing

    See Also
    --------
    sif_weights. Chapter 13, "Frequency-weighted average (SIF)".

    Examples
    --------
    >>> zipf_probabilities(3).round(4)
    array([0.5455, 0.2727, 0.1818])
    """
    n_words = positive_int(n_words, "n_words", maximum=100_000_000)
    exponent = real_number(exponent, "exponent", minimum=0)
    p = 1.0 / np.arange(1, n_words + 1, dtype=np.float64) ** exponent
    return p / p.sum()


def sif_weights(probabilities: Any, a: float = 1e-3) -> NDArray[np.float64]:
    """SIF word weights ``a / (a + p(w))``: near 1 for rare words, small for frequent ones.

    Parameters
    ----------
    probabilities : array_like of shape (n,), each in [0, 1]
    a : float > 0
        Arora et al. (2017) recommend 1e-3 to 1e-4.

    Examples
    --------
    >>> sif_weights([0.05, 1e-3, 1e-6]).round(3)
    array([0.02 , 0.5  , 0.999])
    """
    p = real_array(probabilities, "probabilities", ndim=1, what="one probability per word")
    if p.size and (p.min() < 0 or p.max() > 1):
        raise ValueError(f"probabilities must lie in [0, 1], got values from {p.min()} to {p.max()}")
    a = real_number(a, "a", minimum=0, low_open=True)
    return a / (a + p.astype(np.float64))


def pool_sentences(
    sentences: Sequence[Sequence[str]],
    word_vectors: Any,
    weights: Mapping[str, float] | None = None,
) -> NDArray[np.float32]:
    """Weighted average of the known word vectors of each tokenised sentence.

    Parameters
    ----------
    sentences : sequence of token lists, length n
    word_vectors : WordVectors
    weights : mapping word -> weight, optional
        Missing words weigh 1; by default all weigh 1 (the plain average).

    Returns
    -------
    ndarray of shape (n, dim), float32
        A sentence without a known word gets a row of zeros.

    See Also
    --------
    sif_weights, remove_common_component. Chapter 13.

    Examples
    --------
    >>> from embedding_lib.vectors import WordVectors
    >>> wv = WordVectors(["the", "cat"], np.array([[1.0, 0.0], [0.0, 1.0]]))
    >>> pool_sentences([["the", "cat"], ["the", "cat", "qwxz"]], wv, {"the": 0.5}).round(3)
    array([[0.333, 0.667],
           [0.333, 0.667]], dtype=float32)
    """
    from .vectors import WordVectors

    if not isinstance(word_vectors, WordVectors):
        raise TypeError(f"word_vectors must be a WordVectors, got {type(word_vectors).__name__}")
    sentences = sequence(sentences, "sentences", what="a list of token lists")
    if weights is not None and not isinstance(weights, Mapping):
        raise TypeError(f"weights must be a mapping word -> weight, got {type(weights).__name__}")
    row_of = {w: i for i, w in enumerate(word_vectors.words)}
    out = np.zeros((len(sentences), word_vectors.dim), dtype=np.float32)
    for i, tokens in enumerate(sentences):
        tokens = sequence(tokens, f"sentences[{i}]", what="a list of tokens")
        known = [t for t in tokens if t in row_of]
        if not known:
            continue
        w = np.array([1.0 if weights is None else float(weights.get(t, 1.0)) for t in known])
        rows = np.asarray(word_vectors.vectors[[row_of[t] for t in known]], dtype=np.float64)
        out[i] = (w[:, None] * rows).sum(axis=0) / w.sum()
    return out


def remove_common_component(vectors: Any) -> NDArray[np.float64]:
    """Subtract from each row its projection on the rows' first singular vector.

    The second step of SIF: sentence averages share a large common direction (mostly
    frequent words and the direction all word vectors share), which this removes.

    Examples
    --------
    >>> x = np.array([[3.0, 1.0], [3.0, -1.0], [3.0, 0.0]])
    >>> remove_common_component(x).round(3)
    array([[ 0.,  1.],
           [ 0., -1.],
           [ 0.,  0.]])
    """
    x = matrix_2d(vectors, "vectors").astype(np.float64)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    u = vt[0]
    return x - np.outer(x @ u, u)


def retrieval_ranks(scores: Any) -> NDArray[np.int64]:
    """Rank of the right candidate for each query: candidate ``i`` is query ``i``'s.

    ``rank = 1 + (number of other candidates scoring at least as high)``: a tie counts
    against the query, so a method that gives every candidate the same score ranks last,
    not first. Recall@1 is ``mean(rank == 1)``, the mean reciprocal rank
    ``mean(1 / rank)``.

    Parameters
    ----------
    scores : array_like of shape (n, n)
        ``scores[i, j]``: how well candidate ``j`` matches query ``i``.

    Examples
    --------
    >>> retrieval_ranks([[0.9, 0.1, 0.3], [0.5, 0.5, 0.0], [0.2, 0.8, 0.7]]).tolist()
    [1, 2, 2]
    """
    s = matrix_2d(scores, "scores")
    if s.shape[0] != s.shape[1]:
        raise ValueError(f"scores must be square (query i matches candidate i), got shape {s.shape}")
    true = np.diag(s)
    at_least = (s >= true[:, None]).sum(axis=1)  # includes the true candidate itself
    return at_least.astype(np.int64)


#: Slots of the generated paraphrase sentences: each concept has two interchangeable words.
PARAPHRASE_SLOTS: dict[str, list[tuple[str, str]]] = {
    "adjective": [("big", "large"), ("small", "little"), ("quick", "fast"), ("happy", "glad"),
                  ("old", "elderly"), ("angry", "furious"), ("quiet", "silent"),
                  ("rich", "wealthy"), ("smart", "clever"), ("tired", "exhausted")],
    "subject": [("doctor", "physician"), ("car", "automobile"), ("children", "kids"),
                ("lawyer", "attorney"), ("movie", "film"), ("shop", "store"),
                ("boss", "manager"), ("student", "pupil"), ("city", "town"),
                ("company", "firm"), ("teacher", "instructor"), ("ship", "vessel")],
    "verb": [("bought", "purchased"), ("started", "began"), ("finished", "completed"),
             ("liked", "enjoyed"), ("helped", "assisted"), ("wanted", "desired"),
             ("fixed", "repaired"), ("noticed", "spotted"), ("built", "constructed"),
             ("chose", "selected"), ("stopped", "halted"), ("requested", "demanded")],
    "object": [("gift", "present"), ("job", "task"), ("plan", "strategy"),
               ("meal", "dinner"), ("trip", "journey"), ("answer", "reply"),
               ("story", "tale"), ("money", "cash"), ("idea", "notion"),
               ("problem", "issue"), ("error", "mistake"), ("road", "street")],
}

_FRAMES = [
    "the {adjective} {subject} {verb} the {object}",
    "a {adjective} {subject} {verb} a {object} today",
    "then the {adjective} {subject} {verb} that {object}",
    "my {adjective} {subject} {verb} our {object} again",
    "so this {adjective} {subject} {verb} his {object}",
    "and her {adjective} {subject} {verb} their {object} there",
]


def paraphrase_pairs(n: int, seed: int = 0, swap: float = 0.75) -> tuple[list[str], list[str]]:
    """``n`` generated query sentences and their paraphrases.

    Each pair draws one concept per slot of :data:`PARAPHRASE_SLOTS` (adjective, subject,
    verb, object; distinct concept tuples across pairs). The query uses a random word of
    each concept in a random frame; the paraphrase uses, in each slot, the other word of
    the concept with probability ``swap`` (else the same word), in a different frame, so
    that query and paraphrase share few words but the same meaning.

    Returns
    -------
    (queries, paraphrases) : two lists of n str

    See Also
    --------
    retrieval_ranks. Chapter 13, "A small retrieval task".

    Examples
    --------
    >>> q, p = paraphrase_pairs(2, seed=0)
    >>> q
    ['my smart boss bought our issue again', 'the silent movie desired the strategy']
    >>> p
    ['a clever boss bought a problem today', 'and her silent film desired their plan there']
    """
    n_max = int(np.prod([len(v) for v in PARAPHRASE_SLOTS.values()]))
    n = positive_int(n, "n", maximum=n_max, why=" (the number of distinct concept tuples)")
    rng = np.random.default_rng(_check_seed(seed))
    swap = real_number(swap, "swap", minimum=0, maximum=1)
    slots = list(PARAPHRASE_SLOTS)
    sizes = [len(PARAPHRASE_SLOTS[s]) for s in slots]
    flat = rng.choice(n_max, size=n, replace=False)
    queries, paraphrases = [], []
    for code in flat.tolist():
        concepts = np.unravel_index(code, sizes)
        q_words, p_words = {}, {}
        for slot, c in zip(slots, concepts):
            pair = PARAPHRASE_SLOTS[slot][int(c)]
            first = int(rng.integers(2))
            q_words[slot] = pair[first]
            p_words[slot] = pair[1 - first] if rng.random() < swap else pair[first]
        fq = int(rng.integers(len(_FRAMES)))
        fp = (fq + 1 + int(rng.integers(len(_FRAMES) - 1))) % len(_FRAMES)
        queries.append(_FRAMES[fq].format(**q_words))
        paraphrases.append(_FRAMES[fp].format(**p_words))
    return queries, paraphrases


#: Words of the two contexts of "bank", and the neutral words around them.
BANK_CONTEXTS: dict[str, list[str]] = {
    "river": ["river", "water", "fishing", "boat", "shore", "stream", "mud", "grass",
              "fish", "ducks"],
    "money": ["money", "loan", "cash", "deposit", "account", "credit", "savings",
              "interest", "fees", "cheque"],
    "neutral": ["we", "walked", "to", "the", "near", "sat", "by", "went", "saw", "a", "on",
                "with", "they", "her", "his", "and", "then", "visited"],
}


def bank_sentences(
    n: int, seed: int = 0, length: int = 8, p_bank: float = 0.5
) -> tuple[list[list[str]], NDArray[np.int64], NDArray[np.bool_]]:
    """Generated sentences whose topic (river or money) is set by two or three words.

    Each sentence has ``length`` tokens: neutral words, two words of its topic, and in
    a third position (with probability ``p_bank``) the word "bank", else a third topic
    word; positions are random. The meaning of "bank" is therefore given only by its
    neighbours.

    Returns
    -------
    (sentences, topic, has_bank)
        ``sentences``: n token lists; ``topic``: 0 (river) or 1 (money) per sentence;
        ``has_bank``: whether "bank" occurs.

    See Also
    --------
    Chapter 13, "One token, one row".

    Examples
    --------
    >>> s, topic, has_bank = bank_sentences(2, seed=1, length=6)
    >>> [" ".join(x) for x in s], topic.tolist(), has_bank.tolist()
    (['river stream near sat and river', 'and her and account bank cheque'], [0, 1], [False, True])
    """
    n = positive_int(n, "n", maximum=10_000_000)
    length = positive_int(length, "length", maximum=1000)
    if length < 3:
        raise ValueError(f"length must be at least 3 (two topic words and bank), got {length}")
    p_bank = real_number(p_bank, "p_bank", minimum=0, maximum=1)
    rng = np.random.default_rng(_check_seed(seed))
    topics = [BANK_CONTEXTS["river"], BANK_CONTEXTS["money"]]
    neutral = BANK_CONTEXTS["neutral"]
    topic = rng.integers(0, 2, size=n)
    has_bank = rng.random(n) < p_bank
    out = []
    for i in range(n):
        tokens = [neutral[j] for j in rng.integers(len(neutral), size=length)]
        pos = rng.permutation(length)
        words = topics[topic[i]]
        tokens[pos[0]] = words[int(rng.integers(len(words)))]
        tokens[pos[1]] = words[int(rng.integers(len(words)))]
        tokens[pos[2]] = "bank" if has_bank[i] else words[int(rng.integers(len(words)))]
        out.append(tokens)
    return out, topic.astype(np.int64), has_bank
