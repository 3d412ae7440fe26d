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


# --- bad input (issue 10): checked in Python before Keras sees it -------------------------

@pytest.fixture(scope="module")
def small_model():
    return el.build_sentiment_model(12, 4, 4)


X_IDS = np.array([[1, 2, 0, 0], [3, 4, 5, 0], [6, 7, 0, 0]])


@pytest.mark.parametrize("x, error, message", [
    (X_IDS - 1, ValueError, r"x \(ids for the model's Embedding\) must be non-negative, got -1 at position 2"),
    (X_IDS + 0.5, TypeError, r"x \(ids for the model's Embedding\) must be integers, got 1.5 at position 0"),
    (np.full((3, 4), 12), ValueError, r"must be < vocab_size=12 \(valid rows are 0..11\), got 12 at position 0"),
    (np.where(X_IDS == 0, np.nan, X_IDS), ValueError, r"x must hold finite numbers, got nan at index \(0, 2\)"),
    (None, TypeError, "x must be an array of model inputs, one row per example, got None"),
    ([[1, 2], [3]], ValueError, "x is a ragged nested list"),
    ("abc", TypeError, "x must be an array of model inputs, one row per example, got str 'abc'"),
])
def test_train_full_batch_checks_ids_before_keras(small_model, x, error, message):
    before = [w.copy() for w in small_model.get_weights()]
    with pytest.raises(error, match=message):
        el.train_full_batch(small_model, x, [1.0, 0.0, 1.0], 1)
    for a, b in zip(before, small_model.get_weights()):
        np.testing.assert_array_equal(a, b)  # nothing was trained


@pytest.mark.parametrize("y, error, message", [
    ([2, 0, 1], ValueError, "y must hold labels between 0 and 1 for the binary cross-entropy loss, got 2 at position 0"),
    ([0, 5, 1], ValueError, "got 5 at position 1"),
    ([0, -1, 1], ValueError, "got -1 at position 1"),
    ([np.nan, 0, 1], ValueError, "y must hold finite numbers, got nan at position 0"),
    (["a", "b", "c"], TypeError, "y must hold numbers, got dtype <U1"),
    (None, TypeError, "y must be an array of labels, one per example, got None"),
    (1.0, ValueError, r"x and y must have one entry per example, got shapes \(3, 4\) and \(\)"),
])
def test_train_full_batch_checks_labels_before_keras(small_model, y, error, message):
    with pytest.raises(error, match=message):
        el.train_full_batch(small_model, X_IDS, y, 1)


def test_train_full_batch_accepts_soft_labels_and_any_loss_range_for_other_losses():
    keras = pytest.importorskip("keras")
    model = el.build_sentiment_model(12, 4, 4)
    assert set(el.train_full_batch(model, X_IDS, [0.9, 0.1, 1.0], 1)) == {"loss", "accuracy"}
    regression = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    regression.compile(optimizer="sgd", loss="mse")
    history = el.train_full_batch(regression, [[0.5, 1.5], [2.0, -1.0]], [5.0, -3.0], 2)
    assert len(history["loss"]) == 2


@pytest.mark.parametrize("texts", [["", "", "good"], ["!!", "??", "..."]])
def test_leave_one_out_refuses_texts_without_words_before_tensorflow_fails(texts):
    with pytest.raises(ValueError, match="texts must have words in at least 2 of them for encoding='vocabulary'"):
        el.leave_one_out(texts, [1, 0, 1], epochs=1)


def test_leave_one_out_hashing_copes_with_empty_texts():
    result = el.leave_one_out(["", "good", "poor"], [1, 1, 0], epochs=1, encoding="hashing", num_bins=8)
    assert result.probabilities.shape == (1, 3)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"seeds": [2**32]}, ValueError, r"seeds must be integers from 0 to 4294967295 \(what Keras accepts\), got 4294967296"),
    ({"seeds": None}, TypeError, "seeds must be a list of non-negative integers, got None"),
    ({"seeds": [True]}, ValueError, "seeds must be non-negative integers, got True at position 0"),
    ({"num_bins": 0}, ValueError, "num_bins must be a positive integer, got 0"),
    ({"num_bins": "50"}, TypeError, "num_bins must be a positive integer, got str '50'"),
    ({"labels": None}, TypeError, "labels must be a list of 0/1 integers, got None"),
    ({"labels": [np.nan, 0]}, ValueError, "labels must be 0 or 1, got nan at position 0"),
])
def test_leave_one_out_more_bad_arguments(kwargs, error, message):
    args = {"texts": TEXTS[:2], "labels": [1, 0]} | kwargs
    with pytest.raises(error, match=message):
        el.leave_one_out(**args)


def test_leave_one_out_splits_refuses_a_quadratic_blow_up():
    with pytest.raises(ValueError, match=r"the n=1,000,000 folds of n - 1 training indices would hold"):
        el.leave_one_out_splits(10**6)


# --- seed_summary, pair_accuracy, average_vectors, nearest_centroid (Chapter 8) ---------

def test_seed_summary_matches_numpy_with_sample_sd():
    v = [0.5, 0.6, 0.9, 0.7, 0.55]
    s = el.seed_summary(v)
    assert s == {"mean": pytest.approx(np.mean(v)), "sd": pytest.approx(np.std(v, ddof=1)),
                 "min": 0.5, "max": 0.9}
    assert el.seed_summary([0.25])["sd"] == 0.0


@pytest.mark.parametrize(("values", "error"), [([], ValueError), ([[0.5]], ValueError),
                                                ("0.5", TypeError), ([0.5, np.nan], ValueError)])
def test_seed_summary_rejects_bad_values(values, error):
    with pytest.raises(error, match="values"):
        el.seed_summary(values)


def test_pair_accuracy_counts_pairs_ranked_right_per_seed_and_ties_as_wrong():
    p = np.array([[0.9, 0.6, 0.2, 0.7], [0.4, 0.4, 0.1, 0.4]])
    pairs = [(0, 2), (1, 3)]
    np.testing.assert_array_equal(el.pair_accuracy(p, pairs), [0.5, 0.5])
    assert el.pair_accuracy(p[0], [(0, 2)]) == 1.0
    # a constant shift of every score changes accuracy at 0.5 but not the ranking
    assert el.pair_accuracy(p[0] - 0.5, pairs) == el.pair_accuracy(p[0], pairs)


@pytest.mark.parametrize(("pairs", "match"), [([(0, 4)], "pairs must be < vocab_size=4"),
                                              ([0, 1], r"shape \(k, 2\)"), ([], r"shape \(k, 2\)")])
def test_pair_accuracy_rejects_bad_pairs(pairs, match):
    with pytest.raises(ValueError, match=match):
        el.pair_accuracy([0.1, 0.2, 0.3, 0.4], pairs)


def test_average_vectors_skips_unknown_words_and_names_an_empty_text():
    wv = el.WordVectors(["good", "bad", "work"], np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]]))
    got = el.average_vectors(["Good work!", "bad qwxz"], wv)
    np.testing.assert_allclose(got, [[1.5, 1.0], [0.0, 1.0]])
    assert got.dtype == np.float32
    with pytest.raises(ValueError, match=r"texts\[1\] = 'qwxz' has no word"):
        el.average_vectors(["good", "qwxz"], wv)
    with pytest.raises(TypeError, match="WordVectors"):
        el.average_vectors(["good"], {"good": [1.0, 0.0]})


def test_nearest_centroid_matches_a_hand_computation():
    train = np.array([[0.0, 0.0], [2.0, 0.0], [10.0, 10.0], [12.0, 10.0]])
    got = el.nearest_centroid(train, [0, 0, 1, 1], [[1.0, 1.0], [11.0, 9.0], [5.0, 5.0]])
    # centroids (1, 0) and (11, 10); (5, 5) is nearer (1, 0): distance 6.4 against 7.8
    assert got.tolist() == [0, 1, 0]


def test_nearest_centroid_rejects_one_class_and_mismatched_columns():
    with pytest.raises(ValueError, match="both classes"):
        el.nearest_centroid([[0.0], [1.0]], [1, 1], [[0.5]])
    with pytest.raises(ValueError, match="2 columns"):
        el.nearest_centroid([[0.0, 1.0], [1.0, 0.0]], [0, 1], [[0.5]])


def test_leave_one_out_with_gives_the_probabilities_of_leave_one_out():
    texts, labels = TEXTS[:3] + TEXTS[5:8], LABELS[:3] + LABELS[5:8]
    slow = el.leave_one_out(texts, labels, seeds=[0, 3], epochs=5)
    fast = el.leave_one_out_with(lambda v: el.build_sentiment_model(v, 8, 4), texts, labels,
                                 seeds=[0, 3], epochs=5)
    assert fast.seeds == (0, 3) and fast.probabilities.shape == (2, 6)
    np.testing.assert_allclose(fast.probabilities, slow.probabilities, atol=1e-5)


def test_leave_one_out_with_takes_any_builder_and_checks_it():
    keras = pytest.importorskip("keras")
    sizes = []

    def pooled(vocab_size):
        sizes.append(vocab_size)
        model = keras.Sequential([keras.Input(shape=(4,), dtype="int32"),
                                  keras.layers.Embedding(vocab_size, 4, mask_zero=True),
                                  keras.layers.GlobalAveragePooling1D(),
                                  keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        return model

    result = el.leave_one_out_with(pooled, TEXTS[:4], LABELS[:4], seeds=[1], epochs=3)
    assert np.all((result.probabilities > 0) & (result.probabilities < 1))
    assert sizes and all(s < 2 + len(TEXTS[:4]) * 4 for s in sizes)
    with pytest.raises(TypeError, match="build_model must be a function of the vocabulary size, got str"):
        el.leave_one_out_with("model", TEXTS[:4], LABELS[:4])
