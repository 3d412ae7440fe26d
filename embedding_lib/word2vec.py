"""Skip-gram with negative sampling (word2vec), written out for Keras 3 (Chapter 7).

Keras 2 shipped ``keras.preprocessing.sequence.skipgrams`` and ``make_sampling_table``;
Keras 3 has neither. This module holds the pieces instead, each small enough to test on
its own:

* :func:`generate_varied_corpus` writes the course's offline training text: sentences
  with known word groups (:data:`WORD_GROUPS`) and male/female word pairs
  (:data:`PEOPLE_PAIRS`), in which the words of a group share only some of their frames,
  frames vary, filler words interrupt them and frequencies follow Zipf's law, so that
  what the vectors learn can be checked against a known answer without building the
  answer into the text; :func:`generate_corpus` is the older template corpus (every word
  of a group in identical frames), kept for comparison;
* :func:`skipgram_pairs` lists (target, context) pairs inside a window;
* :func:`unigram_distribution` and :func:`sample_negatives` draw "noise" words from the
  unigram distribution raised to the power 3/4 (Mikolov et al., 2013);
* :func:`subsample_keep_probability` and :func:`subsample` drop occurrences of frequent
  words (Mikolov et al., 2013);
* :func:`analogy_accuracy` scores a:b :: c:? questions by the vector offset;
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

from ._checks import (_asarray, check_size, choice, id_array, learning_rate, non_negative_int, positive_int,
                      real_number, string_list)
from ._checks import seed as _check_seed
from .vocab import tokenize

_learning_rate = learning_rate  # the functions below have a parameter of that name

__all__ = [
    "WORD_GROUPS",
    "PEOPLE_PAIRS",
    "generate_corpus",
    "generate_varied_corpus",
    "subsample_keep_probability",
    "subsample",
    "analogy_accuracy",
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


#: Eight pairs of words that differ in one relation, (male, female), for analogy tests
#: such as man : woman :: king : ? in :func:`generate_varied_corpus`. The two words of a
#: pair share their role frames ("the ... ruled the kingdom"); all male words share
#: frames with "he"/"his", all female words the same frames with "she"/"her".
PEOPLE_PAIRS: tuple[tuple[str, str], ...] = (
    ("man", "woman"), ("king", "queen"), ("prince", "princess"), ("boy", "girl"),
    ("father", "mother"), ("brother", "sister"), ("son", "daughter"), ("uncle", "aunt"),
)

# Frames of the varied corpus: "_" is the slot of the word the sentence is about; a slot
# such as {food} takes a word of another group. Praise and criticism share most frames, as
# in real text, and differ in a few ("smiled" / "frowned").
_GROUP_FRAMES: dict[str, tuple[str, ...]] = {
    "praise": (
        "the essay was _", "what a _ effort", "_ work well done", "this answer is _",
        "a _ result you should be proud", "the teacher called it _ and smiled",
        "your talk was _ today", "_ job on the project", "i found the report _",
        "such a _ idea", "the reviews were _", "she gave a _ speech",
    ),
    "criticism": (
        "the essay was _", "what a _ effort", "_ work could have done better",
        "this answer is _", "a _ result please try again",
        "the teacher called it _ and frowned", "your talk was _ today", "_ job on the project",
        "i found the report _", "such a _ mistake", "the reviews were _", "she gave a _ speech",
    ),
    "animal": (
        "the _ sleeps in the barn", "the farmer feeds the _", "a _ runs across the field",
        "we saw a _ at the farm", "the _ drank some water", "my neighbour has a _",
        "a small _ hid under the fence", "the vet looked at the _", "the _ ate grass all day",
        "the {colour} _ ate the {food}", "the _ was asleep in the sun",
    ),
    "food": (
        "we ate _ for dinner", "the _ tastes fresh", "she bought some _ at the market",
        "i cooked _ in the kitchen", "there is _ on the table", "he had _ for lunch",
        "we shared the _ after school", "a plate of _", "the shop sold out of _",
        "the {animal} ate the _", "warm _ with butter",
    ),
    "colour": (
        "the door is painted _", "she wore a _ coat", "the sky turned _ at sunset",
        "a bright _ flower", "the walls are _", "he chose the _ pen", "a dark _ shirt",
        "the car was _", "leaves turn _ in autumn", "mix _ paint with water",
        "the _ {animal} slept",
    ),
    "number": (
        "_ students came to class", "we waited _ minutes for the bus",
        "the recipe needs _ eggs", "i read _ pages of the book", "she is _ years old",
        "the match lasted _ hours", "we have _ chairs in the room", "about _ people were there",
        "the bus stops _ times", "count to _ slowly", "_ {animal} stood in the field",
    ),
}
_GROUP_KIND = {"praise": "adjective", "criticism": "adjective", "colour": "adjective",
               "animal": "noun", "food": "noun", "number": "number", "people": "noun"}
# Frames that any word of a kind can fill: they are shared across groups.
_GENERIC_FRAMES: dict[str, tuple[str, ...]] = {
    "noun": ("i thought about the _", "there was a _ over there", "look at the _",
             "we talked about the _", "the _ is here", "i like the _"),
    "adjective": ("it looked _ to me", "that was really _", "quite _ i think", "it is _",
                  "not very _"),
    "number": ("about _ of them", "only _ left", "_ or more", "maybe _"),
}
# Role frames, one set per (male, female) pair of PEOPLE_PAIRS, shared by both words.
_ROLE_FRAMES: tuple[tuple[str, ...], ...] = (
    ("the _ crossed the street", "a _ waited at the station", "an old _ sat on the bench",
     "the _ next door"),
    ("the _ ruled the kingdom", "the _ wore the crown", "the _ spoke to the court",
     "long live the _"),
    ("the young _ rode to the castle", "the _ will rule one day", "the _ lived in the palace",
     "the _ of the kingdom"),
    ("the _ played in the park", "a little _ ran to school", "the _ did homework",
     "the _ lost a tooth"),
    ("my _ cooked dinner", "our _ works at the hospital", "the _ hugged the baby",
     "ask your _"),
    ("my older _ lives abroad", "my little _ likes games", "the _ and i",
     "my _ called yesterday"),
    ("their _ was born in may", "our _ starts school", "the _ of the farmer",
     "a _ and heir"),
    ("my _ visits every summer", "our _ sent a card", "the _ told old stories",
     "my favourite _"),
)
# Frames with a gendered pronoun, in parallel: the same frame with he/his/him or she/her,
# the pronoun always within two words of the slot.
_GENDER_FRAMES: tuple[tuple[str, str], ...] = (
    ("_ said he was tired", "_ said she was tired"),
    ("the _ lost his keys", "the _ lost her keys"),
    ("the _ and his friends", "the _ and her friends"),
    ("he became _", "she became _"),
    ("_ told him to wait", "_ told her to wait"),
    ("_ thinks he is right", "_ thinks she is right"),
    ("the _ brushed his hair", "the _ brushed her hair"),
    ("then _ took his bag", "then _ took her bag"),
)
#: Filler words that :func:`generate_varied_corpus` inserts at random places, by rank
#: with Zipf frequencies.
_FILLERS: tuple[str, ...] = (
    "then", "really", "also", "just", "so", "still", "maybe", "today", "again", "quite",
    "perhaps", "indeed", "yesterday", "now", "anyway", "actually", "later", "often", "even",
    "somehow",
)


def generate_varied_corpus(
    n_sentences: int = 3000,
    *,
    comments: Sequence[str] = (),
    comment_repeats: int = 10,
    zipf: float = 1.0,
    frame_share: float = 0.5,
    generic_share: float = 0.25,
    noise: float = 0.15,
    seed: int = 0,
) -> list[str]:
    """Sentences for word2vec in which a group's words share some contexts, not all.

    The words are those of :data:`WORD_GROUPS` and of :data:`PEOPLE_PAIRS`. Unlike
    :func:`generate_corpus`, the text does not hand every word of a group the same frames:

    * each word uses its own random subset of its group's frames (each kept with
      probability ``frame_share``, at least two), with its own random preferences among
      them, so two words of a group share only part of their contexts;
    * a share ``generic_share`` of the sentences uses frames that every word of its kind
      (noun, adjective, number) can fill, so contexts are shared across groups too;
    * a person word uses the role frames of its pair (shared by "king" and "queen") or a
      gendered frame ("... said he/she was tired"); the gender frames are parallel, which
      is the only source of a male/female offset;
    * before each word a filler ("then", "really", ...) is inserted with probability
      ``noise``, so frames are interrupted at random places;
    * the ``r``-th word of a group is chosen with probability proportional to
      ``1 / r**zipf`` (Zipf's law), the ``r``-th pair of people words in the same way
      (its two words equally often), and the filler words by rank.

    Every sentence holds at most one word of each group and at most one person word, so
    two words of a group, or the two words of a pair, never occur in one sentence: what
    they have in common are contexts only. ``comments`` are appended
    ``comment_repeats`` times each and the order is shuffled.

    Parameters
    ----------
    n_sentences : int
        Number of generated sentences (at most 1,000,000).
    comments : sequence of str
        Extra sentences to include verbatim.
    comment_repeats : int
        How many times each comment is included (0 to leave them out).
    zipf : float
        Exponent of the within-group and filler frequencies, 0 (uniform) to 3.
    frame_share : float
        Probability that a word uses a given frame of its group, in (0, 1].
    generic_share : float
        Share of sentences in frames shared by a whole kind of word, in [0, 1).
    noise : float
        Probability of a filler word before each word, in [0, 1).
    seed : int
        Seeds the frames each word uses and the sentences; same seed, same corpus.

    Returns
    -------
    list of str, length ``n_sentences + comment_repeats * len(comments)``

    See Also
    --------
    generate_corpus. Chapter 7, "A corpus with a known answer".

    Examples
    --------
    >>> corpus = generate_varied_corpus(4, seed=0)
    >>> len(corpus), corpus == generate_varied_corpus(4, seed=0)
    (4, True)
    """
    n_sentences = positive_int(n_sentences, "n_sentences", maximum=1_000_000,
                               why=" (each sentence is built in Python, about a minute per million)")
    if isinstance(comments, str):
        raise TypeError("comments must be a list of strings, not a single str")
    comments = string_list(comments, "comments", empty=None)
    comment_repeats = non_negative_int(comment_repeats, "comment_repeats", maximum=1_000_000)
    zipf = real_number(zipf, "zipf", minimum=0, maximum=3)
    frame_share = real_number(frame_share, "frame_share", minimum=0, maximum=1, low_open=True)
    generic_share = real_number(generic_share, "generic_share", minimum=0, maximum=1, high_open=True)
    noise = real_number(noise, "noise", minimum=0, maximum=1, high_open=True)
    rng = np.random.default_rng(_check_seed(seed))

    def zipf_weights(n: int) -> NDArray[np.float64]:
        w = 1.0 / np.arange(1, n + 1) ** zipf
        return w / w.sum()

    def some(n: int) -> NDArray[np.int64]:
        """The frames one word uses: each with probability frame_share, at least two."""
        chosen = np.flatnonzero(rng.random(n) < frame_share)
        if chosen.size < 2:
            chosen = np.sort(rng.choice(n, size=2, replace=False))
        return chosen

    # Each word: its group, its own frames and its preferences among them.
    entries: list[tuple[str, str, list[str], NDArray[np.float64]]] = []
    for name, members in WORD_GROUPS.items():
        for w in members:
            frames = [_GROUP_FRAMES[name][i] for i in some(len(_GROUP_FRAMES[name]))]
            entries.append((name, w, frames, rng.dirichlet(np.ones(len(frames)))))
    for k, pair in enumerate(PEOPLE_PAIRS):
        for gender, w in enumerate(pair):
            roles = [_ROLE_FRAMES[k][i] for i in some(len(_ROLE_FRAMES[k]))]
            gendered = [_GENDER_FRAMES[i][gender] for i in some(len(_GENDER_FRAMES))]
            frames = roles + gendered
            entries.append(("people", w, frames, rng.dirichlet(np.ones(len(frames)))))
    people = [w for pair in PEOPLE_PAIRS for w in pair]
    groups = {**WORD_GROUPS, "people": tuple(people)}
    word_p = {name: zipf_weights(len(ws)) for name, ws in groups.items()}
    word_p["people"] = np.repeat(zipf_weights(len(PEOPLE_PAIRS)), 2) / 2  # by pair, genders alike
    by_word = {w: (name, frames, pref) for name, w, frames, pref in entries}
    names = list(groups)
    group_p = np.array([len(groups[n]) for n in names], dtype=np.float64)
    group_p /= group_p.sum()
    filler_p = zipf_weights(len(_FILLERS))

    def fill(frame: str, word: str) -> list[str]:
        out = []
        for piece in frame.split():
            if piece == "_":
                out.append(word)
            elif piece.startswith("{"):
                other = piece[1:-1]
                out.append(groups[other][rng.choice(len(groups[other]), p=word_p[other])])
            else:
                out.append(piece)
        return out

    sentences = []
    for _ in range(n_sentences):
        name = names[rng.choice(len(names), p=group_p)]
        word = groups[name][rng.choice(len(groups[name]), p=word_p[name])]
        _, frames, pref = by_word[word]
        if rng.random() < generic_share:
            generic = _GENERIC_FRAMES[_GROUP_KIND[name]]
            frame = generic[rng.integers(len(generic))]
        else:
            frame = frames[rng.choice(len(frames), p=pref)]
        tokens = []
        for t in fill(frame, word):
            if rng.random() < noise:
                tokens.append(_FILLERS[rng.choice(len(_FILLERS), p=filler_p)])
            tokens.append(t)
        sentences.append(" ".join(tokens))
    sentences += [c for c in comments for _ in range(comment_repeats)]
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
    arrays = _id_arrays(sentences)
    if not arrays:
        return np.zeros((0, 2), dtype=np.int64)
    longest = max(a.size for a in arrays)
    if longest >= 2 and window >= longest:
        raise ValueError(f"window must be smaller than the longest sentence ({longest} ids): a window of "
                         f"{longest - 1} already pairs every two words of it; got window={window}")
    return _pairs(arrays, window)


def _pairs(arrays: list[NDArray[np.int64]], window: int) -> NDArray[np.int64]:
    """The pairs of :func:`skipgram_pairs`, for checked arrays (any window)."""
    arrays = [a for a in arrays if a.size >= 2]
    if not arrays:
        return np.zeros((0, 2), dtype=np.int64)  # no sentence has two ids: no pairs
    flat = np.concatenate(arrays)
    sentence_of = np.repeat(np.arange(len(arrays)), [a.size for a in arrays])
    pos_t, pos_c = [], []
    for offset in range(1, min(window, flat.size - 1) + 1):
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


def subsample_keep_probability(counts: Any, threshold: float = 1e-3, formula: str = "paper") -> NDArray[np.float64]:
    """Probability of keeping each occurrence of a word when frequent words are subsampled.

    With ``f(w)`` the word's share of all tokens and ``t`` the ``threshold``:

    * ``formula="paper"``: ``min(1, sqrt(t / f(w)))``, i.e. each occurrence is discarded
      with probability ``1 - sqrt(t / f(w))``, as Mikolov et al. (2013, eq. 5) write it;
    * ``formula="word2vec.c"``: ``min(1, sqrt(t / f(w)) + t / f(w))``, what the released C
      code (and gensim) compute: a little gentler, and a word with ``f(w) = t`` is kept.

    Words rarer than about ``t`` are always kept; a word with share ``f`` much larger
    than ``t`` keeps about ``sqrt(t / f)`` of its occurrences.

    Parameters
    ----------
    counts : array_like of shape (vocab_size,)
        How often each id occurs (non-negative; ids with count 0 get probability 1).
    threshold : float
        ``t``, in (0, 1]; 1e-5 in the paper for billions of words, 1e-3 in gensim.
    formula : {"paper", "word2vec.c"}

    Returns
    -------
    ndarray of shape (vocab_size,), float64, in (0, 1]

    See Also
    --------
    subsample. Chapter 7, "Subsampling frequent words".

    Examples
    --------
    >>> subsample_keep_probability([90, 9, 1], threshold=0.01).round(3)
    array([0.105, 0.333, 1.   ])
    >>> subsample_keep_probability([90, 9, 1], threshold=0.01, formula="word2vec.c").round(3)
    array([0.117, 0.444, 1.   ])
    """
    c = _asarray(counts, "counts", "a 1-D array of counts")
    if c.dtype == object or c.dtype.kind not in "iuf":
        raise TypeError(f"counts must be numbers, got dtype {c.dtype}")
    if c.ndim != 1 or c.size == 0:
        raise ValueError(f"counts must be a non-empty 1-D array (one count per id), got shape {c.shape}")
    if not np.all(np.isfinite(c)) or np.any(c < 0):
        raise ValueError("counts must be finite and non-negative")
    if not np.any(c > 0):
        raise ValueError("counts are all zero: there is no word to subsample")
    t = real_number(threshold, "threshold", minimum=0, maximum=1, low_open=True)
    formula = choice(formula, "formula", ("paper", "word2vec.c"))
    f = c.astype(np.float64) / c.sum()
    ratio = np.divide(t, f, out=np.full(f.shape, np.inf), where=f > 0)
    keep = np.sqrt(ratio) if formula == "paper" else np.sqrt(ratio) + ratio
    return np.minimum(1.0, keep)


def subsample(sentences: Sequence[Any], keep_probability: Any, rng: np.random.Generator) -> list[NDArray[np.int64]]:
    """Drop each occurrence of word ``i`` with probability ``1 - keep_probability[i]``.

    As in word2vec, words are dropped *before* the window is applied, so the words left
    come closer together: subsampling also widens the effective window. Draw a fresh
    subsample each epoch (:func:`train_skipgram` does).

    Parameters
    ----------
    sentences : sequence of 1-D int sequences
        Each sentence as word ids in ``[0, len(keep_probability))``.
    keep_probability : array_like of shape (vocab_size,)
        For example from :func:`subsample_keep_probability`; values in [0, 1].
    rng : numpy.random.Generator

    Returns
    -------
    list of int64 arrays, one per sentence (possibly shorter, possibly empty)

    See Also
    --------
    subsample_keep_probability. Chapter 7, "Subsampling frequent words".

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> [s.tolist() for s in subsample([[0, 1, 0, 2]], [0.0, 1.0, 1.0], rng)]
    [[1, 2]]
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    p = _asarray(keep_probability, "keep_probability", "a 1-D array of probabilities")
    if p.dtype == object or p.dtype.kind not in "iuf":
        raise TypeError(f"keep_probability must be real numbers, got dtype {p.dtype}")
    if p.ndim != 1 or p.size == 0:
        raise ValueError(f"keep_probability must be a non-empty 1-D array, got shape {p.shape}")
    if not np.all(np.isfinite(p)) or np.any(p < 0) or np.any(p > 1):
        raise ValueError("keep_probability must hold probabilities between 0 and 1")
    arrays = _id_arrays(sentences, p.size)
    if not arrays:
        return []
    flat = np.concatenate(arrays)
    kept = rng.random(flat.size) < p[flat]
    bounds = np.cumsum([a.size for a in arrays])[:-1]
    return [a[k] for a, k in zip(arrays, np.split(kept, bounds))]


def _id_arrays(sentences: Any, vocab_size: int | None = None) -> list[NDArray[np.int64]]:
    if isinstance(sentences, (str, bytes, np.ndarray)) and np.ndim(sentences) != 2:
        raise TypeError("sentences must be a list of id sequences, e.g. [[1, 2, 3], [4, 5]]")
    if sentences is None or not isinstance(sentences, Sequence | np.ndarray):
        raise TypeError(f"sentences must be a list of id sequences, e.g. [[1, 2, 3], [4, 5]], got "
                        f"{type(sentences).__name__}")
    arrays = []
    for k, s in enumerate(sentences):
        a = id_array(s, vocab_size, name=f"sentences[{k}]")
        if a.ndim != 1:
            raise ValueError(f"sentences[{k}] must be a 1-D sequence of ids, got shape {a.shape}")
        arrays.append(a)
    return arrays


def analogy_accuracy(
    words: Sequence[str], vectors: Any, questions: Sequence[tuple[str, str, str, str]], *, offset: bool = True
) -> float:
    """Share of analogy questions a : b :: c : d answered with d by the vector offset.

    The answer is the word whose vector has the largest cosine with
    ``unit(b) - unit(a) + unit(c)`` (3CosAdd, Mikolov et al. 2013), the three query words
    excluded, as is usual. With ``offset=False`` the answer is simply the nearest word to
    ``c`` (query words excluded): the baseline an analogy must beat, since an answer that
    the neighbours of ``c`` already give shows no relation (Linzen, 2016).

    Parameters
    ----------
    words : sequence of str
        Row ``i`` of ``vectors`` is ``words[i]``; the candidates are all these words.
    vectors : array_like of shape (len(words), dim)
    questions : sequence of (a, b, c, d) tuples of words in ``words``
    offset : bool

    Returns
    -------
    float between 0 and 1

    See Also
    --------
    Chapter 7, "Analogies, measured".

    Examples
    --------
    >>> w = ["man", "woman", "king", "queen", "prince"]
    >>> v = [[1, 0, 0], [1, 1, 0], [0.2, 0, 1], [0.2, 1, 1], [0.3, 0, 1]]
    >>> analogy_accuracy(w, v, [("man", "woman", "king", "queen")])
    1.0
    >>> analogy_accuracy(w, v, [("man", "woman", "king", "queen")], offset=False)
    0.0
    """
    words = string_list(words, "words")
    m = _asarray(vectors, "vectors", "a 2-D array of vectors").astype(np.float64)
    if m.ndim != 2 or m.shape[0] != len(words):
        raise ValueError(f"vectors must have one row per word ({len(words)}), got shape {m.shape}")
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    if not np.all(np.isfinite(m)) or np.any(norms == 0):
        raise ValueError("vectors must be finite and no row may be all zeros")
    unit = m / norms
    index = {w: i for i, w in enumerate(words)}
    if isinstance(questions, str) or not isinstance(questions, Sequence) or len(questions) == 0:
        raise ValueError("questions must be a non-empty list of (a, b, c, d) word tuples")
    right = 0
    for q in questions:
        if isinstance(q, str) or not isinstance(q, Sequence) or len(q) != 4:
            raise ValueError(f"each question must be an (a, b, c, d) tuple of words, got {q!r}")
        missing = [w for w in q if w not in index]
        if missing:
            raise ValueError(f"question {tuple(q)!r} uses words that have no vector: {missing}")
        a, b, c, d = (index[w] for w in q)
        target = unit[b] - unit[a] + unit[c] if offset else unit[c]
        scores = unit @ target
        scores[[a, b, c]] = -np.inf
        right += int(np.argmax(scores)) == d
    return right / len(questions)


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


def _reinitialise(model: Any, vocab_size: int, dim: int, negatives: int, learning_rate: float, seed: int) -> None:
    """Give a model of :func:`build_skipgram_model` the weights and optimiser state of a new one."""
    import keras

    try:
        table = model.get_layer("target_embedding")
        context = model.get_layer("context_embedding")
    except (AttributeError, ValueError):
        raise TypeError("model must be a model made by build_skipgram_model (with layers target_embedding and "
                        f"context_embedding), got {type(model).__name__}") from None
    shape = tuple(table.embeddings.shape)
    if shape != (vocab_size, dim):
        raise ValueError(f"model has a {shape[0]} x {shape[1]} target table, but the corpus needs "
                         f"vocab_size={vocab_size} x dim={dim}: build it with build_skipgram_model({vocab_size}, {dim}, "
                         f"{negatives})")
    n_context = model.get_layer("context").batch_shape[-1] if "context" in [x.name for x in model.layers] else None
    if n_context != 1 + negatives:
        raise ValueError(f"model scores {n_context} candidates per target, but negatives={negatives} needs "
                         f"{1 + negatives}")
    if getattr(model, "optimizer", None) is None:
        raise ValueError("model is not compiled: build it with build_skipgram_model")
    init = keras.initializers.RandomUniform(-0.5 / dim, 0.5 / dim, seed=seed)
    table.embeddings.assign(init((vocab_size, dim), dtype=table.embeddings.dtype))
    context.embeddings.assign(np.zeros((vocab_size, dim), dtype=np.float32))
    for v in model.optimizer.variables:  # Adam's step counter and moments
        if not v.path.endswith("learning_rate"):
            v.assign(np.zeros(v.shape, dtype=v.dtype))
    model.optimizer.learning_rate = learning_rate


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
    subsample_threshold: float | None = None,
    model: Any = None,
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

    With ``subsample_threshold=t``, each epoch first drops occurrences of frequent words
    with :func:`subsample` (keep probability ``min(1, sqrt(t / f))``, the paper's
    formula, see :func:`subsample_keep_probability`) and lists the pairs of what is left.

    Parameters
    ----------
    sentences : list of str
    dim, window, negatives, epochs, batch_size, min_count : int
    learning_rate : float
        Adam's step size.
    subsample_threshold : float or None
        ``t`` of the subsampling of frequent words; None (the default) keeps every word.
    model : keras.Model or None
        A model from :func:`build_skipgram_model` with this vocabulary size, ``dim`` and
        ``negatives``, to reuse: its weights and Adam's state are reset to those of a new
        model with this ``seed`` (so the result equals a fresh model's), which saves
        building and compiling one per seed. None builds a new one.
    seed : int

    Returns
    -------
    words : list of str, length vocab_size
        Word ``i`` is row ``i``; no padding or ``[UNK]`` row.
    vectors : ndarray of shape (vocab_size, dim), float32
        The trained ``target_embedding`` table.
    info : dict
        ``losses`` (mean loss per epoch), ``initial_vectors`` (the table before
        training, a baseline), ``counts``, ``n_pairs`` (pairs of the full text),
        ``pairs_per_epoch`` (after subsampling), ``target_counts`` (how often each id
        was a target over all epochs), ``n_tokens`` and ``model``.

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
    if subsample_threshold is not None:
        subsample_threshold = real_number(subsample_threshold, "subsample_threshold", minimum=0, maximum=1,
                                          low_open=True)
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
    if model is None:
        model = build_skipgram_model(len(words), dim, negatives, learning_rate=learning_rate, seed=seed)
    else:
        _reinitialise(model, len(words), dim, negatives, learning_rate, seed)
    table = model.get_layer("target_embedding")
    initial = np.asarray(table.get_weights()[0]).copy()
    if subsample_threshold is not None:
        keep = subsample_keep_probability(counts, subsample_threshold)
        arrays = [np.asarray(s, dtype=np.int64) for s in ids]
    losses, pairs_per_epoch = [], []
    target_counts = np.zeros(len(words), dtype=np.int64)
    for _ in range(epochs):
        epoch_pairs = pairs if subsample_threshold is None else _pairs(subsample(arrays, keep, rng), window)
        if epoch_pairs.shape[0] == 0:
            raise ValueError(f"subsampling with threshold {subsample_threshold} left no pairs: use a larger threshold")
        n = epoch_pairs.shape[0]
        labels = np.zeros((n, 1 + negatives), dtype=np.float32)
        labels[:, 0] = 1.0
        context = np.concatenate([epoch_pairs[:, 1:], sample_negatives(noise, (n, negatives), rng)], axis=1)
        order = rng.permutation(n)
        inputs = {"target": epoch_pairs[order, 0].astype(np.int32), "context": context[order].astype(np.int32)}
        hist = model.fit(inputs, labels, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
        losses.append(float(hist.history["loss"][-1]))
        pairs_per_epoch.append(int(n))
        target_counts += np.bincount(epoch_pairs[:, 0], minlength=len(words))
    vectors = np.asarray(table.get_weights()[0], dtype=np.float32)
    info = {"losses": losses, "initial_vectors": initial, "counts": counts, "n_pairs": int(pairs.shape[0]),
            "pairs_per_epoch": pairs_per_epoch, "target_counts": target_counts,
            "n_tokens": int(sum(len(s) for s in ids)), "model": model}
    return words, vectors, info
