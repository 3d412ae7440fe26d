"""Tests of embedding_lib.subwords: character n-grams, hashing, misspellings, edit distance
(Chapter 12)."""
import itertools

import numpy as np
import pytest

import embedding_lib as el


def test_fnv1a_matches_the_published_test_vectors():
    # From the FNV reference test suite (Fowler, Noll, Vo): 32-bit FNV-1a.
    assert el.fnv1a_32("") == 0x811C9DC5
    assert el.fnv1a_32("a") == 0xE40C292C
    assert el.fnv1a_32("foobar") == 0xBF9CF968
    with pytest.raises(TypeError, match="text must be a str"):
        el.fnv1a_32(b"a")


def test_char_ngrams_gives_the_papers_example_and_counts():
    # Bojanowski et al. 2017, section 3.2: "where" with n = 3.
    assert el.char_ngrams("where", 3, 3) == ["<wh", "whe", "her", "ere", "re>"]
    grams = el.char_ngrams("where", 3, 6)
    assert len(grams) == sum(7 - n + 1 for n in range(3, 7))
    assert "<where>" not in grams and "<where>" in el.char_ngrams("where", 7, 7)
    assert el.char_ngrams("ab", 3, 5, boundary=False) == []
    assert el.char_ngrams("ab", 1, 1, boundary=False) == ["a", "b"]


@pytest.mark.parametrize("args,err", [
    (("", 3, 5), ValueError), ((3, 3, 5), TypeError), (("ab", 0, 5), ValueError),
    (("ab", 5, 3), ValueError), (("ab", 3.0, 5), TypeError),
])
def test_char_ngrams_rejects_bad_input(args, err):
    with pytest.raises(err):
        el.char_ngrams(*args)


def test_ngram_ids_are_hashes_of_the_ngrams_padded_with_zero():
    words = ["where", "cat", "cats"]
    ids = el.ngram_ids(words, 1000, 3, 5)
    assert ids.dtype == np.int32 and ids.shape == (3, len(el.char_ngrams("where")))
    for row, w in zip(ids, words):
        expected = [el.fnv1a_32(g) % 1000 + 1 for g in el.char_ngrams(w)]
        assert row[: len(expected)].tolist() == expected
        assert not row[len(expected):].any()
    assert ids.min() >= 0 and ids.max() <= 1000
    short = el.ngram_ids(words, 1000, 3, 5, max_ngrams=4)
    np.testing.assert_array_equal(short, ids[:, :4])


def test_ngram_ids_rejects_bad_input():
    with pytest.raises(TypeError):
        el.ngram_ids("where", 100)
    with pytest.raises(ValueError, match="empty string"):
        el.ngram_ids(["ok", ""], 100)
    with pytest.raises(ValueError, match="num_buckets"):
        el.ngram_ids(["ok"], 0)


def test_misspell_makes_exactly_one_edit_of_the_named_kind():
    words = el.english_words(300) if hasattr(el, "english_words") else ["embedding"] * 300
    words = [w for w in words if len(w) >= 2]
    bad, kinds = el.misspell(words, seed=3)
    assert len(bad) == len(kinds) == len(words)
    assert set(kinds) == {"delete", "swap", "substitute"}
    for w, b, k in zip(words, bad, kinds):
        assert b != w
        if k == "delete":
            assert len(b) == len(w) - 1 and el.edit_distance(w, b) == 1
        elif k == "substitute":
            assert len(b) == len(w) and sum(x != y for x, y in zip(w, b)) == 1
        else:
            diff = [i for i in range(len(w)) if w[i] != b[i]]
            assert len(diff) == 2 and diff[1] == diff[0] + 1
            assert (b[diff[0]], b[diff[1]]) == (w[diff[1]], w[diff[0]])
    assert el.misspell(words, seed=3) == (bad, kinds)
    assert el.misspell(words, seed=4)[0] != bad
    assert el.misspell(["aaa"], kinds=["swap"])[1] == ["substitute"]
    with pytest.raises(ValueError, match="too short"):
        el.misspell(["a"])
    with pytest.raises(ValueError, match="kinds"):
        el.misspell(["abc"], kinds=["insert"])


def _levenshtein_oracle(a, b):
    # Brute force on the recursive definition (small strings only).
    from functools import lru_cache

    @lru_cache(None)
    def d(i, j):
        if i == 0 or j == 0:
            return i + j
        return min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] != b[j - 1]))
    return d(len(a), len(b))


def test_edit_distance_equals_the_recursive_definition():
    rng = np.random.default_rng(0)
    for _ in range(200):
        a = "".join(rng.choice(list("abc"), rng.integers(0, 7)))
        b = "".join(rng.choice(list("abc"), rng.integers(0, 7)))
        assert el.edit_distance(a, b) == _levenshtein_oracle(a, b)
    assert el.edit_distance("kitten", "sitting") == 3


def test_nearest_by_edit_distance_equals_brute_force_with_first_word_on_ties():
    rng = np.random.default_rng(1)
    vocab = ["".join(rng.choice(list("abcd"), rng.integers(1, 9))) for _ in range(300)]
    queries = ["".join(rng.choice(list("abcd"), rng.integers(1, 12))) for _ in range(60)]
    queries += ["a", "abcdabcdabcdabcdabcd"]  # far from every word: the radius must grow
    index, dist = el.nearest_by_edit_distance(queries, vocab)
    for q, i, d in zip(queries, index, dist):
        all_d = [el.edit_distance(q, v) for v in vocab]
        assert d == min(all_d) and i == all_d.index(min(all_d))


def test_neighbour_hits_against_a_full_sort():
    rng = np.random.default_rng(2)
    table = rng.normal(size=(500, 8))
    true_rows = rng.integers(0, 500, size=40)
    predicted = table[true_rows] + rng.normal(scale=0.8, size=(40, 8))
    predicted[0] = 0.0
    for k in (1, 5, 20):
        hits = el.neighbour_hits(predicted, table, true_rows, k=k)
        unit = table / np.linalg.norm(table, axis=1, keepdims=True)
        for p, r, h in zip(predicted, true_rows, hits):
            if not p.any():
                assert not h
                continue
            order = np.argsort(-(unit @ p))
            assert h == (r in order[:k])
    assert 0 < el.neighbour_hits(predicted, table, true_rows, k=5).mean() < 1
    with pytest.raises(ValueError, match="columns"):
        el.neighbour_hits(predicted[:, :4], table, true_rows)
    with pytest.raises(ValueError, match="true_rows"):
        el.neighbour_hits(predicted, table, true_rows[:3])
