"""Tests of embedding_lib.word2vec: corpus, skip-gram pairs, negative sampling, model (Chapter 7).
Oracles: a hand enumeration, the obvious double loop, the unigram^0.75 formula with a
chi-square test, and numpy dot products of the model's own weights."""
from collections import Counter

import numpy as np
import pytest
from scipy.stats import chisquare

import embedding_lib as el


# --- the generated corpus ------------------------------------------------------------------


def test_corpus_is_deterministic_and_seed_dependent():
    a = el.generate_corpus(200, seed=1)
    assert a == el.generate_corpus(200, seed=1)
    assert a != el.generate_corpus(200, seed=2)
    assert len(a) == 200 and all(isinstance(s, str) and s for s in a)


def test_corpus_uses_every_group_word_and_includes_the_comments():
    texts, _ = el.sentiment_comments()
    corpus = el.generate_corpus(3000, comments=texts, comment_repeats=3, seed=0)
    assert len(corpus) == 3000 + 3 * len(texts)
    for t in texts:
        assert corpus.count(t) == 3
    counts = Counter(w for s in corpus for w in el.tokenize(s))
    for members in el.WORD_GROUPS.values():
        assert all(counts[w] > 0 for w in members)
    for t in texts:  # every word of the ten comments gets a vector
        assert all(counts[w] > 0 for w in el.tokenize(t))


def test_zipf_makes_the_first_words_of_a_group_the_most_frequent():
    counts = Counter(w for s in el.generate_corpus(4000, seed=0) for w in s.split())
    praise = [counts[w] for w in el.WORD_GROUPS["praise"]]
    assert praise[0] > praise[3] > praise[-1]
    flat = Counter(w for s in el.generate_corpus(4000, zipf=0, seed=0) for w in s.split())
    uniform = np.array([flat[w] for w in el.WORD_GROUPS["praise"]])
    assert uniform.max() / uniform.min() < 1.5


def test_sentiment_groups_hold_seen_and_unseen_words():
    texts, _ = el.sentiment_comments()
    seen = {w for t in texts for w in el.tokenize(t)}
    groups = el.WORD_GROUPS
    assert {"good", "great", "nice", "excellent"} <= seen and {"poor", "weak"} <= seen
    assert not {"superb", "outstanding", "terrible", "sloppy"} & seen
    all_words = [w for ws in groups.values() for w in ws]
    assert len(all_words) == len(set(all_words))


def test_corpus_errors():
    with pytest.raises(ValueError, match="n_sentences must be a positive integer"):
        el.generate_corpus(0)
    with pytest.raises(TypeError, match="not a single str"):
        el.generate_corpus(5, comments="Well done")
    with pytest.raises(TypeError, match=r"comments\[0\] must be a str"):
        el.generate_corpus(5, comments=[3])
    with pytest.raises(ValueError, match="comment_repeats must be"):
        el.generate_corpus(5, comment_repeats=-1)
    with pytest.raises(ValueError, match="zipf must be"):
        el.generate_corpus(5, zipf=-1)


# --- skip-gram pairs ---------------------------------------------------------------------------


def test_pairs_of_the_seed_sentence_match_a_hand_enumeration():
    # "deep learning is very deep" = 1 2 3 4 1, window 2
    got = el.skipgram_pairs([[1, 2, 3, 4, 1]], window=2)
    hand = [
        (1, 2), (1, 3),                  # deep     -> learning, is
        (2, 1), (2, 3), (2, 4),          # learning -> deep, is, very
        (3, 1), (3, 2), (3, 4), (3, 1),  # is       -> deep, learning, very, deep
        (4, 2), (4, 3), (4, 1),          # very     -> learning, is, deep
        (1, 3), (1, 4),                  # deep     -> is, very
    ]
    assert [tuple(p) for p in got.tolist()] == hand
    assert got.dtype == np.int64


def test_pairs_match_the_double_loop_and_never_cross_sentences():
    rng = np.random.default_rng(0)
    sentences = [rng.integers(0, 20, size=n).tolist() for n in (1, 2, 7, 12, 3)]
    for window in (1, 2, 3, 5):
        expected = []
        for s in sentences:
            for i in range(len(s)):
                for j in range(max(0, i - window), min(len(s), i + window + 1)):
                    if j != i:
                        expected.append((s[i], s[j]))
        # the loop runs sentence by sentence; so does the vectorised version
        got = el.skipgram_pairs(sentences, window)
        assert [tuple(p) for p in got.tolist()] == expected


def test_pairs_edge_cases_and_errors():
    assert el.skipgram_pairs([], 2).shape == (0, 2)
    assert el.skipgram_pairs([[5]], 2).shape == (0, 2)
    with pytest.raises(ValueError, match="window must be a positive integer"):
        el.skipgram_pairs([[1, 2]], 0)
    with pytest.raises(ValueError, match=r"sentences\[1\] must be non-negative"):
        el.skipgram_pairs([[1, 2], [-1, 3]], 1)
    with pytest.raises(ValueError, match=r"sentences\[0\] must be a 1-D"):
        el.skipgram_pairs([[[1, 2]]], 1)
    with pytest.raises(TypeError, match="list of id sequences"):
        el.skipgram_pairs("deep learning", 1)


# --- negative sampling ---------------------------------------------------------------------


def test_unigram_distribution_is_counts_to_the_three_quarters():
    counts = np.array([0, 100, 10, 1, 50])
    p = el.unigram_distribution(counts)
    expected = counts**0.75 / np.sum(counts**0.75)
    np.testing.assert_allclose(p, expected)
    assert p[0] == 0 and p.sum() == pytest.approx(1)
    # 3/4 flattens: rare words gain share relative to their raw frequency
    raw = counts / counts.sum()
    assert p[3] > raw[3] and p[1] < raw[1]
    np.testing.assert_allclose(el.unigram_distribution(counts, power=1), raw)


def test_negative_sampling_frequencies_follow_the_distribution():
    counts = np.array([0, 500, 120, 60, 20, 5, 1])
    p = el.unigram_distribution(counts)
    draws = el.sample_negatives(p, (40_000, 5), np.random.default_rng(123))
    assert draws.shape == (40_000, 5) and draws.dtype == np.int64
    observed = np.bincount(draws.ravel(), minlength=len(p))
    assert observed[0] == 0  # zero-count ids (padding) are never drawn
    stat = chisquare(observed[1:], p[1:] * draws.size)
    assert stat.pvalue > 0.01, f"frequencies differ from unigram^0.75 (chi2 p = {stat.pvalue:.3g})"
    # and they clearly differ from the raw unigram distribution
    raw = chisquare(observed[1:], counts[1:] / counts.sum() * draws.size)
    assert raw.pvalue < 1e-6


def test_negative_sampling_is_repeatable_with_the_same_rng_seed():
    p = el.unigram_distribution([3, 2, 1])
    a = el.sample_negatives(p, 50, np.random.default_rng(7))
    b = el.sample_negatives(p, 50, np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)


def test_negative_sampling_errors():
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        el.sample_negatives([0.5, 0.5], 3, rng=0)
    with pytest.raises(ValueError, match="sum to 1"):
        el.sample_negatives([0.5, 0.6], 3, np.random.default_rng(0))
    with pytest.raises(ValueError, match="non-empty 1-D"):
        el.sample_negatives([[0.5, 0.5]], 3, np.random.default_rng(0))
    with pytest.raises(ValueError, match="all zero"):
        el.unigram_distribution([0, 0])
    with pytest.raises(ValueError, match="non-negative"):
        el.unigram_distribution([1, -1])
    with pytest.raises(ValueError, match="power must be"):
        el.unigram_distribution([1, 2], power=2)
    with pytest.raises(TypeError, match="counts must be numbers"):
        el.unigram_distribution(["a"])


# --- the Keras model and training ---------------------------------------------------------------


@pytest.fixture(scope="module")
def keras():
    return pytest.importorskip("keras")


def test_model_outputs_the_dot_products_of_its_two_tables(keras):
    el.set_seed(0)
    model = el.build_skipgram_model(12, dim=5, negatives=3, seed=0)
    rng = np.random.default_rng(0)
    t_table = model.get_layer("target_embedding")
    c_table = model.get_layer("context_embedding")
    c_table.set_weights([rng.normal(size=(12, 5)).astype(np.float32)])
    target = np.array([1, 4, 11], dtype=np.int32)
    context = rng.integers(0, 12, size=(3, 4)).astype(np.int32)
    logits = np.asarray(model({"target": target, "context": context}))
    T, C = t_table.get_weights()[0], c_table.get_weights()[0]
    expected = np.einsum("bd,bkd->bk", T[target], C[context])
    assert logits.shape == (3, 4)
    np.testing.assert_allclose(logits, expected, rtol=1e-5, atol=1e-6)
    assert np.abs(T).max() <= 0.5 / 5  # the original word2vec initialisation


def test_model_errors(keras):
    with pytest.raises(ValueError, match="negatives must be a positive integer"):
        el.build_skipgram_model(10, 4, 0)
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        el.build_skipgram_model(10, 4, 2, learning_rate=0)


@pytest.fixture(scope="module")
def trained(keras):
    el.set_seed(0)
    corpus = el.generate_corpus(1500, seed=0)
    return corpus, el.train_skipgram(corpus, dim=12, epochs=3, seed=0)


def test_training_learns_the_word_groups(trained):
    _, (words, vectors, info) = trained
    group_words = [(g, w) for g, ws in el.WORD_GROUPS.items() for w in ws]
    rows = [words.index(w) for _, w in group_words]
    labels = [g for g, _ in group_words]
    learned = el.neighbour_agreement(vectors[rows], labels, k=3)
    before = el.neighbour_agreement(info["initial_vectors"][rows], labels, k=3)
    assert learned > 0.9 > 0.4 > before
    assert info["losses"][-1] < info["losses"][0]
    assert vectors.shape == (len(words), 12) and vectors.dtype == np.float32


def test_training_vocabulary_and_bookkeeping(trained):
    corpus, (words, _, info) = trained
    counts = Counter(w for s in corpus for w in el.tokenize(s))
    assert words == [w for w, _ in counts.most_common()]
    np.testing.assert_array_equal(info["counts"], [counts[w] for w in words])
    assert info["n_tokens"] == sum(counts.values())
    assert info["n_pairs"] == el.skipgram_pairs(
        [[words.index(w) for w in el.tokenize(s)] for s in corpus], 2).shape[0]


def test_training_is_repeatable_with_the_same_seed(keras):
    corpus = el.generate_corpus(200, seed=0)
    el.set_seed(0)
    _, a, _ = el.train_skipgram(corpus, dim=4, epochs=1, seed=5)
    el.set_seed(99)  # the global seed must not matter: the function seeds what it uses
    _, b, _ = el.train_skipgram(corpus, dim=4, epochs=1, seed=5)
    np.testing.assert_array_equal(a, b)


def test_training_errors(keras):
    with pytest.raises(TypeError, match="list of strings"):
        el.train_skipgram("one sentence")
    with pytest.raises(ValueError, match="sentences is empty"):
        el.train_skipgram([])
    with pytest.raises(TypeError, match=r"sentences\[1\] must be a str"):
        el.train_skipgram(["a b", 3])
    with pytest.raises(ValueError, match="need 2 or more"):
        el.train_skipgram(["a a a"])
    with pytest.raises(ValueError, match="no \\(target, context\\) pairs"):
        el.train_skipgram(["a", "b"])
    with pytest.raises(ValueError, match="need 2 or more"):
        el.train_skipgram(["a b c"], min_count=2)


# --- bad input (issue 10) ----------------------------------------------------------------

def test_window_must_be_smaller_than_the_longest_sentence():
    assert el.skipgram_pairs([[1, 2, 3]], window=2).shape == (6, 2)
    with pytest.raises(ValueError, match=r"window must be smaller than the longest sentence \(3 ids\).*got window=3"):
        el.skipgram_pairs([[1, 2, 3], [4]], window=3)
    with pytest.raises(ValueError, match=r"window must be smaller than the longest sentence \(3 ids\)"):
        el.skipgram_pairs([[1, 2, 3]], window=10**12)  # before the fix this looped for minutes
    assert el.skipgram_pairs([[1], [2]], window=10**12).shape == (0, 2)  # no pair whatever the window


@pytest.mark.parametrize("sentences, error, message", [
    (None, TypeError, "sentences must be a list of id sequences, e.g. .*, got NoneType"),
    ([[[1], [1, 2]]], ValueError, r"sentences\[0\] is a ragged nested list"),
    ([["a", "b"]], TypeError, r"sentences\[0\] must be integers"),
    ([[1.5, 2]], TypeError, r"sentences\[0\] must be integers, got 1.5 at position 0"),
])
def test_skipgram_pairs_bad_sentences(sentences, error, message):
    with pytest.raises(error, match=message):
        el.skipgram_pairs(sentences, 1)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"n_sentences": 10**12}, ValueError, "n_sentences must be a positive integer at most 1,000,000"),
    ({"comment_repeats": 10**12, "comments": ["a b"]}, ValueError, "comment_repeats must be a non-negative integer at most"),
    ({"comments": None}, TypeError, "comments must be a list of strings, got None"),
    ({"zipf": float("nan")}, ValueError, "zipf must be a number between 0 and 3, got nan"),
    ({"zipf": np.bool_(True)}, ValueError, "zipf must be a number between 0 and 3"),
    ({"seed": True}, TypeError, "seed must be a non-negative integer, got bool True"),
    ({"seed": [1, 2]}, TypeError, r"seed must be a non-negative integer, got list \[1, 2\]"),
])
def test_generate_corpus_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        el.generate_corpus(**({"n_sentences": 5} | kwargs))


def test_generate_corpus_takes_numpy_scalars():
    assert el.generate_corpus(np.int64(5), zipf=np.float32(1.0), comment_repeats=np.int64(1), comments=["x y"],
                              seed=np.int64(2)) == el.generate_corpus(5, comments=["x y"], comment_repeats=1, seed=2)


@pytest.mark.parametrize("args, error, message", [
    (([0.5, 0.5], None), TypeError, r"shape must be a non-negative int or a tuple of them, such as \(n_pairs, k\), got None"),
    (([0.5, 0.5], (-1, 2)), ValueError, "shape must be a non-negative int or a tuple of them"),
    (([0.5, 0.5], "ab"), TypeError, "shape must be a non-negative int or a tuple of them"),
    (([0.5, 0.5], (1.5,)), TypeError, "shape must be a non-negative int or a tuple of them"),
    (([0.5, 0.5], (10**12, 10**6)), ValueError, r"the negatives \(shape \(1000000000000, 1000000\)\) would hold"),
    (([0.5 + 1j, 0.5], 3), TypeError, "probabilities must be real numbers, got dtype complex128"),
    (("ab", 3), TypeError, "probabilities must be a 1-D array of probabilities, got str 'ab'"),
    (([np.nan, 1.0], 3), ValueError, "probabilities must be finite, non-negative and sum to 1"),
    ((None, 3), TypeError, "probabilities must be a 1-D array of probabilities, got None"),
])
def test_sample_negatives_bad_arguments(args, error, message):
    with pytest.raises(error, match=message):
        el.sample_negatives(*args, np.random.default_rng(0))


def test_sample_negatives_numpy_size_equals_int_size():
    a = el.sample_negatives([0.5, 0.5], np.int64(4), np.random.default_rng(0))
    b = el.sample_negatives([0.5, 0.5], 4, np.random.default_rng(0))
    np.testing.assert_array_equal(a, b)
    c = el.sample_negatives([0.5, 0.5], [2, np.int64(3)], np.random.default_rng(0))
    np.testing.assert_array_equal(c, el.sample_negatives([0.5, 0.5], (2, 3), np.random.default_rng(0)))


@pytest.mark.parametrize("counts, error, message", [
    (None, TypeError, "counts must be a 1-D array of counts, got None"),
    ([[1], [1, 2]], ValueError, "counts is a ragged nested list"),
    ([1, np.nan], ValueError, "counts must be finite and non-negative"),
])
def test_unigram_distribution_bad_counts(counts, error, message):
    with pytest.raises(error, match=message):
        el.unigram_distribution(counts)
    assert el.unigram_distribution([1, 3], power=np.float32(1.0)).tolist() == [0.25, 0.75]


@pytest.mark.parametrize("kwargs, error, message", [
    ({"learning_rate": float("nan")}, ValueError, r"learning_rate must be a positive number \(finite"),
    ({"learning_rate": float("inf")}, ValueError, r"learning_rate must be a positive number \(finite"),
    ({"seed": -1}, ValueError, "seed must be a non-negative integer, got -1"),
    ({"seed": True}, TypeError, "seed must be a non-negative integer, got bool True"),
    ({"seed": 2**70}, ValueError, r"seed must be an integer from 0 to 4294967295 \(what Keras accepts\)"),
])
def test_skipgram_model_and_training_check_hyper_parameters_first(keras, kwargs, error, message):
    with pytest.raises(error, match=message):
        el.build_skipgram_model(10, 4, 2, **kwargs)
    with pytest.raises(error, match=message):
        el.train_skipgram(["a b c", "b c d"], **kwargs)


def test_skipgram_model_numpy_scalars_equal_python_ones(keras):
    a = el.build_skipgram_model(10, 4, 2, learning_rate=np.float32(0.5), seed=np.int64(3))
    b = el.build_skipgram_model(10, 4, 2, learning_rate=0.5, seed=3)
    np.testing.assert_array_equal(a.get_layer("target_embedding").get_weights()[0],
                                  b.get_layer("target_embedding").get_weights()[0])


def test_train_skipgram_window_is_checked_against_the_sentences(keras):
    with pytest.raises(ValueError, match=r"window must be smaller than the longest sentence \(3 ids\)"):
        el.train_skipgram(["a b c", "b c"], window=5, epochs=1)


# --- the varied corpus (issue 12) ----------------------------------------------------------------


def _profiles(corpus, targets, window=2):
    near = {w: Counter() for w in targets}
    for s in corpus:
        toks = el.tokenize(s)
        for i, w in enumerate(toks):
            if w in near:
                near[w].update(toks[max(0, i - window):i] + toks[i + 1:i + window + 1])
    columns = sorted({c for row in near.values() for c in row})
    return np.array([[near[w][c] for c in columns] for w in targets], dtype=float)


def test_varied_corpus_is_deterministic_and_complete():
    texts, _ = el.sentiment_comments()
    a = el.generate_varied_corpus(2000, comments=texts, comment_repeats=2, seed=3)
    assert a == el.generate_varied_corpus(2000, comments=texts, comment_repeats=2, seed=3)
    assert a != el.generate_varied_corpus(2000, comments=texts, comment_repeats=2, seed=4)
    assert len(a) == 2000 + 2 * len(texts) and all(isinstance(s, str) and s for s in a)
    counts = Counter(w for s in a for w in el.tokenize(s))
    for w in [w for ws in el.WORD_GROUPS.values() for w in ws] + [w for p in el.PEOPLE_PAIRS for w in p]:
        assert counts[w] > 0, w
    for t in texts:
        assert a.count(t) == 2


def test_varied_corpus_never_puts_two_words_of_a_group_or_pair_in_one_sentence():
    corpus = el.generate_varied_corpus(3000, comments=el.sentiment_comments()[0], seed=0)
    people = {w for p in el.PEOPLE_PAIRS for w in p}
    for s in corpus:
        words = set(el.tokenize(s))
        for members in el.WORD_GROUPS.values():
            assert len(words & set(members)) <= 1, s
        assert len(words & people) <= 1, s


def test_varied_corpus_shares_only_some_contexts_within_a_group():
    # Oracle: cosine of context-count profiles. The template corpus gives every word of a
    # group the same frames (about 0.95); the varied one must not, yet keep groups apart.
    words = [w for ws in el.WORD_GROUPS.values() for w in ws]
    labels = [g for g, ws in el.WORD_GROUPS.items() for _ in ws]
    off = ~np.eye(len(el.WORD_GROUPS), dtype=bool)
    _, old = el.group_similarity(_profiles(el.generate_corpus(3000, seed=0), words), labels)
    _, new = el.group_similarity(_profiles(el.generate_varied_corpus(3000, seed=0), words), labels)
    assert np.diag(old).mean() > 0.9
    assert np.diag(new).mean() < 0.7
    assert np.diag(new).mean() > new[off].mean() + 0.15


def test_varied_corpus_frequencies_are_zipf_like_and_noise_is_optional():
    counts = Counter(w for s in el.generate_varied_corpus(4000, seed=0) for w in s.split())
    praise = [counts[w] for w in el.WORD_GROUPS["praise"]]
    assert praise[0] > 2 * praise[-1]
    quiet = el.generate_varied_corpus(500, noise=0, generic_share=0, seed=0)
    fillers = {"also", "just", "perhaps", "indeed", "anyway", "actually", "somehow"}  # in no frame
    assert not any(fillers & set(s.split()) for s in quiet)
    assert any(fillers & set(s.split()) for s in el.generate_varied_corpus(500, noise=0.5, seed=0))


@pytest.mark.parametrize("kwargs, error, message", [
    ({"n_sentences": 0}, ValueError, "n_sentences must be a positive integer"),
    ({"comments": "Well done"}, TypeError, "not a single str"),
    ({"comment_repeats": -1}, ValueError, "comment_repeats must be a non-negative integer"),
    ({"zipf": 4}, ValueError, "zipf must be a finite number >= 0 and <= 3"),
    ({"frame_share": 0}, ValueError, "frame_share must be a finite number > 0 and <= 1"),
    ({"generic_share": 1}, ValueError, "generic_share must be a finite number >= 0 and < 1"),
    ({"noise": 1.0}, ValueError, "noise must be a finite number >= 0 and < 1"),
    ({"noise": "a"}, TypeError, "noise must be a real number"),
    ({"seed": -1}, ValueError, "seed must be a non-negative integer"),
])
def test_varied_corpus_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        el.generate_varied_corpus(**({"n_sentences": 5} | kwargs))


# --- subsampling of frequent words -----------------------------------------------------------------


def test_keep_probability_follows_the_paper_and_the_c_code():
    counts = np.array([500, 300, 150, 40, 9, 1, 0])
    f = counts / counts.sum()
    t = 0.01
    paper = el.subsample_keep_probability(counts, t)
    c_code = el.subsample_keep_probability(counts, t, formula="word2vec.c")
    with np.errstate(divide="ignore"):
        np.testing.assert_allclose(paper, np.minimum(1, np.sqrt(t / f)))
        np.testing.assert_allclose(c_code, np.minimum(1, np.sqrt(t / f) + t / f))
    assert paper[-1] == 1.0 and paper[-2] == 1.0  # rarer than t (and absent): always kept
    assert np.all(c_code >= paper) and paper[0] < 0.2
    assert np.all(np.diff(paper) >= 0)  # more frequent, less kept


@pytest.mark.parametrize("args, kwargs, error, message", [
    (([1, 2],), {"threshold": 0}, ValueError, "threshold must be a finite number > 0"),
    (([1, 2],), {"formula": "gensim"}, ValueError, "formula must be one of 'paper', 'word2vec.c'"),
    (([0, 0],), {}, ValueError, "all zero"),
    (([1, -1],), {}, ValueError, "non-negative"),
    (([[1, 2]],), {}, ValueError, "non-empty 1-D"),
    ((["a"],), {}, TypeError, "counts must be numbers"),
])
def test_keep_probability_errors(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        el.subsample_keep_probability(*args, **kwargs)


def test_subsample_keeps_each_occurrence_with_its_probability():
    rng = np.random.default_rng(0)
    sentences = [rng.integers(0, 4, size=n).tolist() for n in rng.integers(1, 12, size=3000)]
    keep = np.array([0.1, 0.5, 1.0, 0.0])
    out = el.subsample(sentences, keep, np.random.default_rng(1))
    assert len(out) == len(sentences)
    before = np.bincount(np.concatenate(sentences), minlength=4)
    after = np.bincount(np.concatenate(out), minlength=4)
    assert after[2] == before[2] and after[3] == 0
    for i in (0, 1):  # binomial: within 4 standard deviations
        sd = np.sqrt(before[i] * keep[i] * (1 - keep[i]))
        assert abs(after[i] - before[i] * keep[i]) < 4 * sd
    for s, o in zip(sentences, out):  # order kept, nothing invented
        it = iter(s)
        assert all(any(x == y for y in it) for x in o.tolist())
    again = el.subsample(sentences, keep, np.random.default_rng(1))
    assert all(np.array_equal(a, b) for a, b in zip(out, again))


def test_subsample_errors():
    rng = np.random.default_rng(0)
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        el.subsample([[0, 1]], [1.0, 1.0], 0)
    with pytest.raises(ValueError, match="between 0 and 1"):
        el.subsample([[0, 1]], [1.0, 1.5], rng)
    with pytest.raises(ValueError, match=r"sentences\[0\]"):
        el.subsample([[0, 5]], [1.0, 1.0], rng)
    with pytest.raises(TypeError, match="list of id sequences"):
        el.subsample("ab", [1.0], rng)
    assert el.subsample([], [1.0], rng) == []


# --- analogies --------------------------------------------------------------------------------------


def test_analogy_accuracy_against_a_hand_built_space():
    # x axis: royal, y axis: female, z: a distractor direction
    words = ["man", "woman", "king", "queen", "boy", "girl", "crown"]
    v = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1], [0.1, 0, 0.9], [0.1, 1, 0.9], [1.2, -0.3, 1]])
    qs = [("man", "woman", "king", "queen"), ("king", "queen", "man", "woman"), ("man", "woman", "boy", "girl")]
    assert el.analogy_accuracy(words, v, qs) == 1.0
    # the nearest word to c (query words excluded) is not the answer here
    assert el.analogy_accuracy(words, v, qs, offset=False) == 0.0
    assert el.analogy_accuracy(words, v, [("man", "woman", "king", "crown")]) == 0.0


@pytest.mark.parametrize("words, vectors, questions, message", [
    (["a", "b", "c"], np.eye(3), [("a", "b", "c", "z")], r"no vector: \['z'\]"),
    (["a", "b", "c"], np.eye(2), [("a", "b", "c", "a")], "one row per word"),
    (["a", "b", "c"], np.zeros((3, 2)), [("a", "b", "c", "a")], "all zeros"),
    (["a", "b", "c"], np.eye(3), [], "non-empty list"),
    (["a", "b", "c"], np.eye(3), [("a", "b", "c")], r"\(a, b, c, d\) tuple"),
])
def test_analogy_accuracy_errors(words, vectors, questions, message):
    with pytest.raises(ValueError, match=message):
        el.analogy_accuracy(words, vectors, questions)


# --- training with subsampling and a re-used model -------------------------------------------------


def test_reused_model_gives_the_same_vectors_as_a_fresh_one(keras):
    corpus = el.generate_varied_corpus(300, seed=0)
    el.set_seed(0)
    _, fresh, info = el.train_skipgram(corpus, dim=6, epochs=2, batch_size=256, seed=4)
    _, other, _ = el.train_skipgram(corpus, dim=6, epochs=2, batch_size=256, seed=9, model=info["model"])
    _, again, _ = el.train_skipgram(corpus, dim=6, epochs=2, batch_size=256, seed=4, model=info["model"])
    np.testing.assert_allclose(again, fresh, rtol=1e-5, atol=1e-6)
    assert not np.allclose(other, fresh)


def test_reused_model_must_fit_the_corpus(keras):
    corpus = el.generate_varied_corpus(100, seed=0)
    wrong = el.build_skipgram_model(10, 6, 4)
    with pytest.raises(ValueError, match=r"10 x 6 target table, but the corpus needs vocab_size=\d+ x dim=6"):
        el.train_skipgram(corpus, dim=6, epochs=1, model=wrong)
    with pytest.raises(TypeError, match="model must be a model made by build_skipgram_model"):
        el.train_skipgram(corpus, dim=6, epochs=1, model="model")


def test_training_with_subsampling_uses_fewer_pairs_and_fewer_frequent_ones(keras):
    corpus = el.generate_varied_corpus(600, seed=0)
    el.set_seed(0)
    words, _, plain = el.train_skipgram(corpus, dim=6, epochs=2, batch_size=512, seed=0)
    _, _, sub = el.train_skipgram(corpus, dim=6, epochs=2, batch_size=512, seed=0, subsample_threshold=0.01,
                                  model=plain["model"])
    assert plain["pairs_per_epoch"] == [plain["n_pairs"]] * 2
    assert all(n < plain["n_pairs"] for n in sub["pairs_per_epoch"])
    assert sub["target_counts"].sum() == sum(sub["pairs_per_epoch"])
    the = words.index("the")
    share = lambda info: info["target_counts"][the] / info["target_counts"].sum()  # noqa: E731
    assert share(sub) < share(plain) / 2
    with pytest.raises(ValueError, match="subsample_threshold must be a finite number > 0"):
        el.train_skipgram(corpus, epochs=1, subsample_threshold=0)
