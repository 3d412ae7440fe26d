"""Tests of embedding_lib.models: text encoders and the seed's sentiment model (Chapter 5)."""
import numpy as np
import pytest

import embedding_lib as el

keras = pytest.importorskip("keras")

TEXTS, LABELS = el.sentiment_comments()


# --- make_text_vectorizer and vectorizer_vocabulary ------------------------------------

def test_vectorizer_reserves_padding_and_unk_then_orders_words_by_frequency():
    vec = el.make_text_vectorizer(TEXTS, 4)
    vocab = el.vectorizer_vocabulary(vec)
    assert vocab[:2] == ["", "[UNK]"]
    assert all(type(t) is str for t in vocab)
    words = [w for t in TEXTS for w in el.tokenize(t)]
    assert sorted(vocab[2:]) == sorted(dict.fromkeys(words))  # every word once, nothing else
    counts = [words.count(w) for w in vocab[2:]]
    assert counts == sorted(counts, reverse=True)
    assert vocab[2] == "work" and words.count("work") == 3


def test_vectorizer_pads_at_the_end_and_maps_unknown_words_to_one():
    vec = el.make_text_vectorizer(TEXTS, 4)
    vocab = el.vectorizer_vocabulary(vec)
    ids = np.asarray(vec(np.array(["Well done!", "Could have done better.", "superb work"])))
    assert ids.shape == (3, 4)
    assert ids[0].tolist() == [vocab.index("well"), vocab.index("done"), 0, 0]
    assert [vocab[i] for i in ids[1]] == ["could", "have", "done", "better"]
    assert ids[2].tolist() == [1, vocab.index("work"), 0, 0]


def test_vectorizer_cuts_long_texts_and_caps_the_vocabulary():
    vec = el.make_text_vectorizer(TEXTS, 2, max_tokens=5)
    assert len(el.vectorizer_vocabulary(vec)) == 5
    assert np.asarray(vec(np.array(["Could have done better."]))).shape == (1, 2)


@pytest.mark.parametrize(
    ("texts", "error", "match"),
    [("Well done!", TypeError, "texts must be a list"), ([], ValueError, "texts is empty"),
     (["ok", 3], TypeError, r"texts\[1\] must be a str")],
)
def test_vectorizer_rejects_bad_texts(texts, error, match):
    with pytest.raises(error, match=match):
        el.make_text_vectorizer(texts)


def test_vectorizer_rejects_bad_sizes():
    with pytest.raises(ValueError, match="sequence_length"):
        el.make_text_vectorizer(TEXTS, 0)
    with pytest.raises(ValueError, match="max_tokens"):
        el.make_text_vectorizer(TEXTS, 4, max_tokens=-1)


def test_vectorizer_vocabulary_rejects_other_objects():
    with pytest.raises(TypeError, match="TextVectorization"):
        el.vectorizer_vocabulary(["", "[UNK]"])


# --- hash_encode -----------------------------------------------------------------------

def test_hash_encode_equals_keras_hashing_with_a_mask_bin():
    layer = keras.layers.Hashing(num_bins=50, mask_value="")
    ids = el.hash_encode(TEXTS, 50, 4)
    assert ids.shape == (10, 4) and ids.dtype == np.int64
    for text, row in zip(TEXTS, ids):
        words = el.tokenize(text)
        expected = np.asarray(layer(np.array(words).reshape(-1, 1))).reshape(-1)
        np.testing.assert_array_equal(row[: len(words)], expected)
        np.testing.assert_array_equal(row[len(words):], 0)
    assert ids[ids > 0].min() >= 1 and ids.max() <= 49


def test_hash_encode_uses_hash_values_shifted_past_padding():
    words = [w for t in TEXTS for w in el.tokenize(t)]
    ids = el.hash_encode(TEXTS, 50, 4)
    flat = ids[ids > 0]
    np.testing.assert_array_equal(flat, el.hash_values(words, 49) + 1)


def test_hash_encode_with_salt_matches_keras_and_moves_buckets():
    layer = keras.layers.Hashing(num_bins=50, mask_value="", salt=3)
    salted = el.hash_encode(["good work"], 50, 2, salt=3)
    np.testing.assert_array_equal(salted[0], np.asarray(layer(np.array([["good"], ["work"]]))).reshape(-1))
    texts = [" ".join(el.english_words(300)[i:i + 3]) for i in range(0, 300, 3)]
    assert not np.array_equal(el.hash_encode(texts, 1000, 3), el.hash_encode(texts, 1000, 3, salt=3))


def test_hash_encode_cuts_long_texts_and_keeps_empty_ones_as_padding():
    ids = el.hash_encode(["Could have done better.", "!!!"], 50, 2)
    np.testing.assert_array_equal(ids[0], el.hash_encode(["could have"], 50, 2)[0])
    np.testing.assert_array_equal(ids[1], [0, 0])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [({"texts": "good"}, TypeError, "texts must be a list"),
     ({"texts": [1, 2]}, TypeError, r"texts\[0\] must be a str"),
     ({"texts": []}, ValueError, "texts is empty"),
     ({"num_bins": 1}, ValueError, "at least 2"),
     ({"num_bins": 0}, ValueError, "num_bins must be a positive integer"),
     ({"sequence_length": 0}, ValueError, "sequence_length must be a positive integer"),
     ({"num_bins": 5.0}, TypeError, "num_bins")],
)
def test_hash_encode_rejects_bad_arguments(kwargs, error, match):
    args = {"texts": TEXTS, "num_bins": 50, "sequence_length": 4} | kwargs
    with pytest.raises(error, match=match):
        el.hash_encode(args.pop("texts"), **args)


# --- build_sentiment_model -------------------------------------------------------------

@pytest.mark.parametrize(("vocab", "dim", "length"), [(16, 8, 4), (50, 8, 4), (7, 3, 5)])
def test_parameter_count_matches_the_hand_formula(vocab, dim, length):
    model = el.build_sentiment_model(vocab, dim, length)
    assert model.count_params() == vocab * dim + (length * dim + 1)
    assert model.get_layer("embedding").count_params() == vocab * dim
    assert model.get_layer("dense").count_params() == length * dim + 1
    assert [type(layer).__name__ for layer in model.layers] == ["Embedding", "Flatten", "Dense"]
    out = model(np.zeros((3, length), dtype="int32"))
    assert tuple(out.shape) == (3, 1)


def test_default_initializer_draws_uniform_in_plus_minus_0_05():
    el.set_seed(0)
    w = el.embedding_weights(el.build_sentiment_model(2000, 8, 4))
    assert w.min() >= -0.05 and w.max() <= 0.05
    assert abs(float(w.mean())) < 0.002 and w.std() == pytest.approx(0.1 / np.sqrt(12), rel=0.05)


def test_embedding_matrix_gives_exactly_those_weights_and_lookup_rows():
    vocab = el.build_vocabulary(el.DEEP_SENTENCE)
    m = el.example_matrix(len(vocab))
    model = el.build_sentiment_model(len(vocab), 6, 5, embedding_matrix=m)
    np.testing.assert_array_equal(el.embedding_weights(model), m)
    ids = el.encode(el.DEEP_SENTENCE, vocab)[None, :]
    rows = np.asarray(model.get_layer("embedding")(ids))
    np.testing.assert_array_equal(rows, el.lookup(m, ids))
    np.testing.assert_array_equal(rows[0, 0], np.float32(el.DEEP_FACTORS))


def test_trainable_false_really_freezes_the_embedding():
    el.set_seed(1)
    vec = el.make_text_vectorizer(TEXTS, 4)
    x = np.asarray(vec(np.array(TEXTS)))
    y = np.array(LABELS, dtype="float32")
    m = np.random.default_rng(0).normal(size=(vec.vocabulary_size(), 8)).astype("float32")
    frozen = el.build_sentiment_model(vec.vocabulary_size(), 8, 4, embedding_matrix=m, trainable=False)
    assert sum(int(np.prod(w.shape)) for w in frozen.non_trainable_weights) == m.size
    assert sum(int(np.prod(w.shape)) for w in frozen.trainable_weights) == 4 * 8 + 1
    dense_before = frozen.get_layer("dense").get_weights()[0].copy()
    frozen.fit(x, y, epochs=3, verbose=0)
    np.testing.assert_array_equal(el.embedding_weights(frozen), m)
    assert not np.array_equal(frozen.get_layer("dense").get_weights()[0], dense_before)
    free = el.build_sentiment_model(vec.vocabulary_size(), 8, 4, embedding_matrix=m)
    free.fit(x, y, epochs=3, verbose=0)
    assert not np.array_equal(el.embedding_weights(free), m)


def test_same_seed_builds_the_same_model():
    el.set_seed(5)
    a = el.embedding_weights(el.build_sentiment_model(16))
    el.set_seed(5)
    b = el.embedding_weights(el.build_sentiment_model(16))
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [((0,), {}, ValueError, "vocab_size must be a positive integer"),
     ((16, -8), {}, ValueError, "embedding_dim must be a positive integer"),
     ((16, 8, 0), {}, ValueError, "sequence_length must be a positive integer"),
     ((16.0,), {}, TypeError, "vocab_size"),
     ((16, 8, 4), {"embedding_matrix": np.zeros((15, 8))}, ValueError, r"\(16, 8\), got \(15, 8\)"),
     ((16, 8, 4), {"embedding_matrix": [["a"] * 8] * 16}, TypeError, "embedding_matrix must hold numbers"),
     ((16, 8, 4), {"trainable": "no"}, TypeError, "trainable must be True or False")],
)
def test_build_sentiment_model_rejects_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        el.build_sentiment_model(*args, **kwargs)


# --- bad input (issue 10) and the embedding matrix set after building (issue 11) ---------

def _old_constant_model(matrix, vocab_size, dim, length):
    """How build_sentiment_model(embedding_matrix=...) was built before: a Constant initializer."""
    return keras.Sequential([
        keras.Input(shape=(length,), dtype="int32", name="ids"),
        keras.layers.Embedding(vocab_size, dim, embeddings_initializer=keras.initializers.Constant(matrix),
                               name="embedding"),
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(1, activation="sigmoid", name="dense"),
    ], name="sentiment")


def test_embedding_matrix_is_set_after_building_with_identical_results():
    m = np.random.default_rng(0).normal(size=(300, 16)).astype("float32")
    x = np.random.default_rng(1).integers(0, 300, (32, 4))
    y = (np.random.default_rng(2).random(32) < 0.5).astype("float32")
    el.set_seed(3)
    old = _old_constant_model(m, 300, 16, 4)
    old.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    el.set_seed(3)
    new = el.build_sentiment_model(300, 16, 4, embedding_matrix=m)
    for a, b in zip(old.get_weights(), new.get_weights()):
        np.testing.assert_array_equal(a, b)  # same embedding, and the same Dense initial weights
    np.testing.assert_array_equal(np.asarray(old(x)), np.asarray(new(x)))
    old.fit(x, y, epochs=2, shuffle=False, verbose=0)
    new.fit(x, y, epochs=2, shuffle=False, verbose=0)
    np.testing.assert_array_equal(old.predict(x, verbose=0), new.predict(x, verbose=0))


def test_embedding_matrix_is_not_copied_into_the_model_config():
    import json

    m = np.random.default_rng(0).normal(size=(2000, 50)).astype("float32")
    model = el.build_sentiment_model(2000, 50, 4, embedding_matrix=m)
    with_constant = _old_constant_model(m, 2000, 50, 4)
    assert len(json.dumps(with_constant.get_config())) > 2_000_000  # 100,000 numbers as text
    assert len(json.dumps(model.get_config())) < 5_000
    assert len(model.to_json()) < 5_000
    np.testing.assert_array_equal(el.embedding_weights(model), m)


def test_a_frozen_pretrained_matrix_stays_put_after_set_weights():
    m = np.random.default_rng(0).normal(size=(20, 4)).astype("float32")
    model = el.build_sentiment_model(20, 4, 4, embedding_matrix=m, trainable=np.bool_(False))
    x = np.random.default_rng(1).integers(0, 20, (8, 4))
    model.fit(x, np.ones(8, "float32"), epochs=2, verbose=0)
    np.testing.assert_array_equal(el.embedding_weights(model), m)
    assert model.get_layer("embedding").trainable is False


@pytest.mark.parametrize("matrix, error, message", [
    (np.where(np.eye(16, 8) > 0, np.nan, 0.5), ValueError, "embedding_matrix must hold finite numbers, got nan at row 0, column 0"),
    (np.full((16, 8), np.inf), ValueError, "embedding_matrix must hold finite numbers, got inf at row 0, column 0"),
    (np.ones((16, 8)) + 1j, TypeError, "embedding_matrix must hold real numbers, got complex values"),
    ([[1.0] * 8] * 15 + [[1.0]], ValueError, "embedding_matrix is a ragged nested list"),
    ("matrix", TypeError, "embedding_matrix must be a 2-D array of numbers"),
])
def test_build_sentiment_model_refuses_non_finite_complex_and_ragged_matrices(matrix, error, message):
    with pytest.raises(error, match=message):
        el.build_sentiment_model(16, 8, 4, embedding_matrix=matrix)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"trainable": 1}, TypeError, "trainable must be True or False, got int 1"),
    ({"trainable": None}, TypeError, "trainable must be True or False, got None"),
    ({"name": ""}, TypeError, "name must be a non-empty str"),
    ({"name": 3}, TypeError, "name must be a non-empty str, got int 3"),
    ({"vocab_size": 10**9, "embedding_dim": 10**3}, ValueError, r"the embedding table \(vocab_size=1,000,000,000 x"),
])
def test_build_sentiment_model_more_bad_arguments(kwargs, error, message):
    args = {"vocab_size": 16, "embedding_dim": 8} | kwargs
    with pytest.raises(error, match=message):
        el.build_sentiment_model(**args)


def test_build_sentiment_model_takes_numpy_scalars():
    model = el.build_sentiment_model(np.int64(16), np.int64(8), np.int64(4), trainable=np.bool_(True))
    assert model.count_params() == 16 * 8 + 4 * 8 + 1


@pytest.mark.parametrize("kwargs, error, message", [
    ({"max_tokens": 2}, ValueError, r"max_tokens must be at least 3 \(padding, \[UNK\] and one word\), got 2"),
    ({"texts": ["", "!!", "..."]}, ValueError, "texts hold no word after lower-casing and removing punctuation"),
    ({"texts": None}, TypeError, "texts must be a list of strings, got None"),
])
def test_vectorizer_refuses_what_would_fail_inside_tensorflow(kwargs, error, message):
    args = {"texts": TEXTS} | kwargs
    with pytest.raises(error, match=message):
        el.make_text_vectorizer(**args)


def test_vectorizer_smallest_cap_and_numpy_sizes_work():
    vec = el.make_text_vectorizer(TEXTS, np.int64(4), max_tokens=np.int64(3))
    assert len(el.vectorizer_vocabulary(vec)) == 3


@pytest.mark.parametrize("salt, error", [(2**70, ValueError), (-1, ValueError), (True, TypeError), (0.5, TypeError)])
def test_hash_encode_checks_the_salt_before_keras(salt, error):
    with pytest.raises(error, match="salt must be"):
        el.hash_encode(TEXTS, 50, 4, salt=salt)
    with pytest.raises(error, match="salt must be"):
        el.hash_encode(["", "!!"], 50, 4, salt=salt)  # no word to hash: still checked


def test_hash_encode_numpy_salt_equals_int_salt():
    np.testing.assert_array_equal(el.hash_encode(TEXTS, 50, 4, salt=np.int64(3)), el.hash_encode(TEXTS, 50, 4, salt=3))


# --- pooling="mean" and reinitialize (Chapter 8) ----------------------------------------

def test_mean_pooling_averages_the_real_words_and_skips_the_padding():
    el.set_seed(0)
    model = el.build_sentiment_model(12, 3, 5, pooling="mean")
    assert model.count_params() == 12 * 3 + 3 + 1
    table = el.embedding_weights(model)
    kernel, bias = model.get_layer("dense").get_weights()
    ids = np.array([[4, 7, 0, 0, 0], [9, 0, 0, 0, 0], [2, 3, 5, 6, 11]])
    got = np.asarray(model(ids)).ravel()
    for row, p in zip(ids, got):
        mean = table[row[row != 0]].mean(axis=0)  # oracle: the average of the real rows
        expected = 1 / (1 + np.exp(-(mean @ kernel.ravel() + bias[0])))
        assert p == pytest.approx(expected, abs=1e-6)
    # the same words in another position give the same answer
    np.testing.assert_allclose(np.asarray(model(np.array([[7, 4, 0, 0, 0]]))),
                               np.asarray(model(ids[:1])), atol=1e-6)


def test_flatten_stays_the_default_and_learning_rate_reaches_adam():
    model = el.build_sentiment_model(10, 2, 4)
    assert [lay.name for lay in model.layers] == ["embedding", "flatten", "dense"]
    assert not model.get_layer("embedding").mask_zero
    assert float(model.optimizer.learning_rate) == pytest.approx(0.001)
    fast = el.build_sentiment_model(10, 2, 4, pooling="mean", learning_rate=0.01)
    assert [lay.name for lay in fast.layers] == ["embedding", "pooling", "dense"]
    assert float(fast.optimizer.learning_rate) == pytest.approx(0.01)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"pooling": "max"}, ValueError, "pooling must be one of"),
    ({"learning_rate": 0}, ValueError, "learning_rate must be a positive number"),
    ({"learning_rate": "fast"}, ValueError, "learning_rate"),
])
def test_build_sentiment_model_rejects_bad_pooling_and_learning_rate(kwargs, error, match):
    with pytest.raises(error, match=match):
        el.build_sentiment_model(10, 2, 4, **kwargs)


def _train(model, steps=5):
    x = np.array([[1, 2, 0, 0], [3, 4, 5, 0], [6, 0, 0, 0], [7, 8, 9, 2]])
    y = np.array([1, 0, 1, 0], dtype="float32")
    for _ in range(steps):
        model.train_on_batch(x, y)
    return [w.copy() for w in model.get_weights()]


@pytest.mark.parametrize("pooling", ["flatten", "mean"])
def test_reinitialize_makes_training_repeatable_whatever_came_before(pooling):
    a = el.build_sentiment_model(10, 3, 4, pooling=pooling, learning_rate=0.05)
    first = _train(el.reinitialize(a, 3))
    _train(el.reinitialize(a, 8), 7)  # another seed, more steps: Adam's state moves on
    again = _train(el.reinitialize(a, 3))
    b = el.build_sentiment_model(10, 3, 4, pooling=pooling, learning_rate=0.05)
    fresh = _train(el.reinitialize(b, 3))  # a model that never trained before
    for w1, w2, w3 in zip(first, again, fresh):
        np.testing.assert_array_equal(w1, w2)
        np.testing.assert_array_equal(w1, w3)
    assert int(a.optimizer.iterations) == 5


def test_reinitialize_draws_new_weights_per_seed_and_sets_a_given_matrix():
    model = el.build_sentiment_model(10, 3, 4)
    w0 = [w.copy() for w in el.reinitialize(model, 0).get_weights()]
    w1 = el.reinitialize(model, 1).get_weights()
    assert not np.array_equal(w0[0], w1[0]) and not np.array_equal(w0[1], w1[1])
    assert np.abs(w0[0]).max() <= 0.05  # the layer's own uniform(-0.05, 0.05) initializer
    np.testing.assert_array_equal(w0[2], 0)  # bias: zeros
    matrix = np.arange(30, dtype="float32").reshape(10, 3)
    el.reinitialize(model, 2, embedding_matrix=matrix)
    np.testing.assert_array_equal(el.embedding_weights(model), matrix)


def test_reinitialize_rejects_bad_arguments():
    model = el.build_sentiment_model(10, 3, 4)
    with pytest.raises(TypeError, match="keras.Model"):
        el.reinitialize("model", 0)
    with pytest.raises(ValueError, match="seed"):
        el.reinitialize(model, -1)
    with pytest.raises(ValueError, match=r"shape of layer 'embedding'"):
        el.reinitialize(model, 0, embedding_matrix=np.zeros((9, 3)))
    with pytest.raises(ValueError, match="finite"):
        el.reinitialize(model, 0, embedding_matrix=np.full((10, 3), np.nan))
