"""Tests of embedding_lib.evaluation: leave-one-out over seeds (Chapter 5)."""
import numpy as np
import pytest

import embedding_lib as el

TEXTS, LABELS = el.sentiment_comments()


@pytest.mark.parametrize("n", [2, 3, 10])
def test_leave_one_out_splits_hold_out_each_item_exactly_once(n):
    folds = el.leave_one_out_splits(n)
    assert len(folds) == n
    assert sorted(k for _, k in folds) == list(range(n))
    for train, k in folds:
        assert k not in train
        assert sorted(train.tolist() + [k]) == list(range(n))


@pytest.mark.parametrize(("n", "error"), [(1, ValueError), (0, ValueError), (2.0, TypeError)])
def test_leave_one_out_splits_need_two_items(n, error):
    with pytest.raises(error):
        el.leave_one_out_splits(n)


def test_result_summaries_match_a_hand_computation():
    r = el.LeaveOneOutResult(seeds=(0, 1), labels=np.array([1, 0, 1]),
                             probabilities=np.array([[0.9, 0.2, 0.4], [0.5, 0.6, 0.7]]))
    assert r.predictions.tolist() == [[1, 0, 0], [1, 1, 1]]
    assert r.correct.tolist() == [[True, True, False], [True, False, True]]
    np.testing.assert_allclose(r.accuracy_per_seed, [2 / 3, 2 / 3])
    assert r.mean_accuracy == pytest.approx(2 / 3) and r.std_accuracy == 0.0
    one = el.LeaveOneOutResult(seeds=(3,), labels=np.array([1, 0]), probabilities=np.array([[0.1, 0.9]]))
    assert one.mean_accuracy == 0.0 and one.std_accuracy == 0.0
    two = el.LeaveOneOutResult(seeds=(0, 1), labels=np.array([1]), probabilities=np.array([[0.9], [0.1]]))
    assert two.std_accuracy == pytest.approx(np.std([1.0, 0.0], ddof=1))


def test_train_full_batch_gives_exactly_the_weights_of_fit_without_shuffling():
    vec = el.make_text_vectorizer(TEXTS, 4)
    x = np.asarray(vec(np.array(TEXTS)))
    y = np.array(LABELS, dtype="float32")
    el.set_seed(2)
    a = el.build_sentiment_model(vec.vocabulary_size())
    history = el.train_full_batch(a, x, y, 5)
    el.set_seed(2)
    b = el.build_sentiment_model(vec.vocabulary_size())
    fit = b.fit(x, y, epochs=5, shuffle=False, verbose=0).history
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_array_equal(wa, wb)
    assert set(history) == {"loss", "accuracy"} and len(history["loss"]) == 5
    np.testing.assert_allclose(history["loss"], fit["loss"], rtol=1e-6)


def test_train_full_batch_rejects_bad_arguments():
    model = el.build_sentiment_model(16)
    with pytest.raises(ValueError, match="epochs"):
        el.train_full_batch(model, np.zeros((2, 4)), np.zeros(2), 0)
    with pytest.raises(ValueError, match="same length"):
        el.train_full_batch(model, np.zeros((2, 4)), np.zeros(3), 1)
    with pytest.raises(ValueError, match="empty"):
        el.train_full_batch(model, np.zeros((0, 4)), np.zeros(0), 1)
    with pytest.raises(TypeError, match="compiled keras.Model"):
        el.train_full_batch("model", np.zeros((2, 4)), np.zeros(2), 1)


def test_leave_one_out_matches_a_fold_done_by_hand_and_is_repeatable():
    texts, labels = TEXTS[:5] + TEXTS[5:8], LABELS[:5] + LABELS[5:8]
    result = el.leave_one_out(texts, labels, seeds=[4], epochs=3)
    assert result.probabilities.shape == (1, 8) and result.seeds == (4,)
    assert np.all((result.probabilities > 0) & (result.probabilities < 1))
    # Fold k = 2 by hand: vocabulary from the other seven texts only.
    train = [t for j, t in enumerate(texts) if j != 2]
    el.set_seed(4)
    vec = el.make_text_vectorizer(train, 4)
    model = el.build_sentiment_model(vec.vocabulary_size())
    model.fit(np.asarray(vec(np.array(train))), np.array([labels[j] for j in range(8) if j != 2], "float32"),
              epochs=3, shuffle=False, verbose=0)
    by_hand = float(np.asarray(model(np.asarray(vec(np.array([texts[2]])))))[0, 0])
    assert result.probabilities[0, 2] == pytest.approx(by_hand, abs=1e-6)
    again = el.leave_one_out(texts, labels, seeds=[4], epochs=3)
    np.testing.assert_array_equal(result.probabilities, again.probabilities)


def test_held_out_words_are_unknown_to_the_vocabulary_model():
    # 'Excellent!' shares no word with the others: its ids are [UNK] and padding only,
    # so its prediction is the same as for any other text of unknown words.
    texts = ["good work", "poor work", "Excellent!"]
    result = el.leave_one_out(texts, [1, 0, 1], seeds=[0], epochs=2)
    el.set_seed(0)
    vec = el.make_text_vectorizer(texts[:2], 4)
    assert np.asarray(vec(np.array(["Excellent!"]))).tolist() == [[1, 0, 0, 0]]
    model = el.build_sentiment_model(vec.vocabulary_size())
    el.train_full_batch(model, np.asarray(vec(np.array(texts[:2]))), np.array([1.0, 0.0]), 2)
    unk = float(np.asarray(model(np.array([[1, 0, 0, 0]])))[0, 0])
    assert result.probabilities[0, 2] == pytest.approx(unk, abs=1e-6)


def test_leave_one_out_with_hashing_uses_num_bins_ids():
    result = el.leave_one_out(TEXTS[:4], LABELS[:4], seeds=[0, 1], epochs=2, encoding="hashing", num_bins=20)
    assert result.probabilities.shape == (2, 4)
    assert result.accuracy_per_seed.shape == (2,)
    assert not np.array_equal(result.probabilities[0], result.probabilities[1])


@pytest.mark.parametrize(
    ("texts", "labels", "kwargs", "error", "match"),
    [(TEXTS, LABELS[:9], {}, ValueError, "got 9 labels for 10 texts"),
     (TEXTS[:2], [1, 2], {}, ValueError, "labels must be 0 or 1, got 2 at position 1"),
     (TEXTS[:2], [True, False], {}, ValueError, "labels must be 0 or 1"),
     (TEXTS[:2], ["1", "0"], {}, ValueError, "labels must be 0 or 1"),
     (TEXTS[:2], 1, {}, TypeError, "labels must be a list"),
     (["good", 5], [1, 0], {}, TypeError, r"texts\[1\] must be a str"),
     ("good", [1], {}, TypeError, "texts must be a list"),
     (TEXTS[:1], [1], {}, ValueError, "at least 2 items"),
     (TEXTS[:2], [1, 0], {"seeds": []}, ValueError, "seeds is empty"),
     (TEXTS[:2], [1, 0], {"seeds": [0, -1]}, ValueError, "non-negative"),
     (TEXTS[:2], [1, 0], {"seeds": [1, 1]}, ValueError, "distinct"),
     (TEXTS[:2], [1, 0], {"seeds": 3}, TypeError, "seeds must be a list"),
     (TEXTS[:2], [1, 0], {"epochs": 0}, ValueError, "epochs"),
     (TEXTS[:2], [1, 0], {"embedding_dim": -1}, ValueError, "embedding_dim"),
     (TEXTS[:2], [1, 0], {"encoding": "onehot"}, ValueError, "encoding must be"),
     (TEXTS[:2], [1, 0], {"encoding": "hashing", "num_bins": 1}, ValueError, "at least 2")],
)
def test_leave_one_out_rejects_bad_arguments(texts, labels, kwargs, error, match):
    with pytest.raises(error, match=match):
        el.leave_one_out(texts, labels, **kwargs)
