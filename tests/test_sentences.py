"""Tests of embedding_lib.sentences: pooled sentence vectors, SIF, retrieval ranks and the
generated sentences of Chapter 13."""
import numpy as np
import pytest

import embedding_lib as el
from embedding_lib.vectors import WordVectors


def test_zipf_probabilities_follow_the_law_and_sum_to_one():
    p = el.zipf_probabilities(1000)
    assert p.shape == (1000,) and abs(p.sum() - 1) < 1e-12
    np.testing.assert_allclose(p[0] / p[1:10], np.arange(2, 11))
    p2 = el.zipf_probabilities(1000, exponent=2.0)
    np.testing.assert_allclose(p2[0] / p2[1], 4.0)
    with pytest.raises(ValueError):
        el.zipf_probabilities(0)


def test_sif_weights_formula_and_checks():
    p = np.array([0.0, 1e-3, 0.5])
    np.testing.assert_allclose(el.sif_weights(p, a=1e-3), [1.0, 0.5, 1e-3 / 0.501])
    with pytest.raises(ValueError, match="probabilities"):
        el.sif_weights([1.5])
    with pytest.raises(ValueError, match="a must"):
        el.sif_weights([0.1], a=0)


def test_pool_sentences_equals_a_hand_computed_weighted_mean():
    rng = np.random.default_rng(0)
    words = ["the", "cat", "sat", "mat"]
    wv = WordVectors(words, rng.normal(size=(4, 5)).astype(np.float32))
    weights = {"the": 0.1, "cat": 2.0}
    out = el.pool_sentences([["the", "cat", "sat"], ["mat"], ["qwxz"]], wv, weights)
    w = np.array([0.1, 2.0, 1.0])
    expected = (w[:, None] * wv.vectors[:3]).sum(axis=0) / w.sum()
    np.testing.assert_allclose(out[0], expected, rtol=1e-6)
    np.testing.assert_allclose(out[1], wv.vectors[3], rtol=1e-6)
    assert not out[2].any()  # no known word: zeros
    plain = el.pool_sentences([["the", "cat"]], wv)
    np.testing.assert_allclose(plain[0], wv.vectors[:2].mean(axis=0), rtol=1e-6)
    with pytest.raises(TypeError, match="WordVectors"):
        el.pool_sentences([["the"]], {"the": [1.0]})
    with pytest.raises(TypeError, match="list of tokens"):
        el.pool_sentences(["the cat"], wv)


def test_remove_common_component_leaves_rows_orthogonal_to_it():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(50, 6)) + 5.0  # a large shared direction
    out = el.remove_common_component(x)
    u = np.linalg.svd(x, full_matrices=False)[2][0]
    np.testing.assert_allclose(out @ u, 0.0, atol=1e-9)
    np.testing.assert_allclose(x - out, np.outer(x @ u, u), atol=1e-9)


def test_retrieval_ranks_count_ties_against_the_query():
    s = np.array([[0.9, 0.1, 0.3], [0.5, 0.5, 0.0], [0.2, 0.8, 0.7]])
    assert el.retrieval_ranks(s).tolist() == [1, 2, 2]
    assert el.retrieval_ranks(np.ones((4, 4))).tolist() == [4, 4, 4, 4]
    rng = np.random.default_rng(2)
    r = rng.normal(size=(30, 30))
    ranks = el.retrieval_ranks(r)
    for i in range(30):
        assert ranks[i] == 1 + int(np.sum(np.delete(r[i], i) >= r[i, i]))
    with pytest.raises(ValueError, match="square"):
        el.retrieval_ranks(np.ones((2, 3)))


def test_paraphrase_pairs_share_concepts_not_frames():
    q, p = el.paraphrase_pairs(200, seed=3)
    assert len(q) == len(p) == 200 and len(set(q)) == 200
    synonym = {}
    for pairs in el.PARAPHRASE_SLOTS.values():
        for a, b in pairs:
            synonym[a], synonym[b] = b, a
    content = lambda s: [w for w in s.split() if w in synonym]  # noqa: E731
    swapped = total = 0
    for a, b in zip(q, p):
        ca, cb = content(a), content(b)
        assert len(ca) == len(cb) == 4
        for x, y in zip(ca, cb):
            assert y in (x, synonym[x])
            swapped += y != x
            total += 1
        assert a.split()[0] != b.split()[0] or a != b  # another frame
    assert 0.65 < swapped / total < 0.85
    assert el.paraphrase_pairs(200, seed=3) == (q, p)
    with pytest.raises(ValueError, match="concept tuples"):
        el.paraphrase_pairs(10**6)


def test_bank_sentences_put_bank_among_words_of_one_topic():
    s, topic, has_bank = el.bank_sentences(500, seed=4, length=8)
    river, money = set(el.BANK_CONTEXTS["river"]), set(el.BANK_CONTEXTS["money"])
    assert 0.4 < has_bank.mean() < 0.6 and 0.4 < topic.mean() < 0.6
    for tokens, t, b in zip(s, topic, has_bank):
        assert len(tokens) == 8 and tokens.count("bank") == int(b)
        own, other = (river, money) if t == 0 else (money, river)
        assert sum(w in own for w in tokens) == (2 if b else 3)
        assert not any(w in other for w in tokens)
    with pytest.raises(ValueError, match="length"):
        el.bank_sentences(3, length=2)
