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
