"""Tests of embedding_lib.vocab: vocabularies, encode/decode, padding (Chapter 2)."""
import itertools

import numpy as np
import pytest

import embedding_lib as el

SENTENCE = "deep learning is very deep"
PUNCTUATED = [
    "Deep learning is very deep!",
    "Well done, well DONE...",
    "Don't panic: it's (only) a test?",
    "e-mail me at a@b.c; #tags & $5",
]


@pytest.fixture(scope="module")
def keras():
    return pytest.importorskip("keras")


def test_first_appearance_numbering_gives_the_seed_example():
    vocab = el.build_vocabulary(SENTENCE)
    assert vocab.tokens == ["[PAD]", "deep", "learning", "is", "very"]
    np.testing.assert_array_equal(el.encode(SENTENCE, vocab), [1, 2, 3, 4, 1])


def test_padding_id_is_zero_and_never_a_word():
    vocab = el.build_vocabulary(SENTENCE)
    assert vocab.tokens[0] == el.PAD_TOKEN
    assert el.PAD_TOKEN not in vocab and "deep" in vocab
    assert min(el.encode(SENTENCE, vocab)) >= 1


def test_decode_inverts_encode_and_skips_padding():
    vocab = el.build_vocabulary(SENTENCE)
    ids = el.encode(SENTENCE, vocab)
    assert el.decode(ids, vocab) == SENTENCE
    assert el.decode([0, 0, *ids], vocab) == SENTENCE
    assert el.decode([0, 1], vocab, skip_padding=False) == "[PAD] deep"


def test_encode_accepts_a_token_list():
    vocab = el.build_vocabulary(SENTENCE)
    np.testing.assert_array_equal(el.encode(["very", "deep"], vocab), [4, 1])


def test_frequency_order_breaks_ties_by_first_appearance():
    vocab = el.build_vocabulary(["b a a", "c c c b"], order="frequency")
    # counts: c=3, b=2, a=2; b appears first
    assert vocab.tokens == ["[PAD]", "c", "b", "a"]


def test_max_words_keeps_the_first_words_in_order():
    vocab = el.build_vocabulary(SENTENCE, max_words=2)
    assert vocab.tokens == ["[PAD]", "deep", "learning"]


def test_oov_token_maps_unknown_words_to_one_and_shifts_words():
    vocab = el.build_vocabulary(SENTENCE, oov_token=el.UNK_TOKEN)
    assert vocab.tokens[:3] == ["[PAD]", "[UNK]", "deep"]
    assert vocab.oov_index == 1 and vocab.n_reserved == 2
    np.testing.assert_array_equal(el.encode("deep thoughts", vocab), [2, 1])
    assert "[UNK]" not in vocab


def test_vocabulary_index_word_and_len():
    vocab = el.Vocabulary(["a", "b"])
    assert len(vocab) == 3 and vocab["b"] == 2 and vocab.word(1) == "a"
    assert "Vocabulary(size=3" in repr(vocab)


# --- oracles: Keras --------------------------------------------------------------------

def test_tokenize_matches_textvectorization_standardisation(keras):
    layer = keras.layers.TextVectorization(standardize="lower_and_strip_punctuation", split="whitespace")
    layer.adapt(PUNCTUATED)
    vocab = layer.get_vocabulary()
    for text in PUNCTUATED:
        ids = np.asarray(layer([text]))[0]
        assert [str(vocab[i]) for i in ids if i != 0] == el.tokenize(text), text


def test_keras_order_matches_textvectorization_vocabulary(keras):
    texts = [SENTENCE, *PUNCTUATED, "the cat sat on the mat", "a cat and a dog"]
    layer = keras.layers.TextVectorization()
    layer.adapt(texts)
    ours = el.build_vocabulary(texts, order="keras", oov_token="[UNK]")
    keras_vocab = [str(t) for t in layer.get_vocabulary()]
    assert keras_vocab[0] == "" and ours.tokens[0] == el.PAD_TOKEN
    assert ours.tokens[1:] == keras_vocab[1:]
    for text in texts:
        np.testing.assert_array_equal(el.encode(text, ours), np.asarray(layer([text]))[0])


@pytest.mark.parametrize("padding,truncating", list(itertools.product(["pre", "post"], repeat=2)))
@pytest.mark.parametrize("maxlen", [None, 1, 3, 6])
def test_pad_sequences_matches_keras(keras, padding, truncating, maxlen):
    seqs = [[1, 2, 3, 4, 1], [5, 6], [7], [8, 9, 10, 11, 12, 13, 14]]
    ours = el.pad_sequences(seqs, maxlen, padding=padding, truncating=truncating)
    theirs = keras.utils.pad_sequences(seqs, maxlen=maxlen, padding=padding, truncating=truncating)
    assert ours.dtype == np.int64
    np.testing.assert_array_equal(ours, theirs)


def test_pad_sequences_custom_value_and_empty_sequence(keras):
    seqs = [[3, 1], []]
    np.testing.assert_array_equal(
        el.pad_sequences(seqs, 3, value=9), keras.utils.pad_sequences(seqs, maxlen=3, value=9)
    )


# --- error paths -------------------------------------------------------------------------

def test_unknown_word_without_oov_raises_a_helpful_error():
    vocab = el.build_vocabulary(SENTENCE)
    with pytest.raises(ValueError, match=r"unknown word 'shallow'.*oov_token='\[UNK\]'"):
        el.encode("very shallow", vocab)


def test_reserved_tokens_are_unknown_words():
    vocab = el.build_vocabulary(SENTENCE)
    with pytest.raises(ValueError, match="unknown word"):
        vocab.index(el.PAD_TOKEN)


@pytest.mark.parametrize("text", ["", "   ", "!!! ...", []])
def test_empty_text_cannot_be_encoded(text):
    vocab = el.build_vocabulary(SENTENCE)
    with pytest.raises(ValueError, match="empty"):
        el.encode(text, vocab)


@pytest.mark.parametrize("texts", ["", [], ["", "?!"]])
def test_empty_text_cannot_build_a_vocabulary(texts):
    with pytest.raises(ValueError, match="empty text"):
        el.build_vocabulary(texts)


def test_duplicate_words_are_rejected():
    with pytest.raises(ValueError, match="duplicate word 'deep' at positions 0 and 2"):
        el.Vocabulary(["deep", "learning", "deep"])


@pytest.mark.parametrize(
    "words,oov,exc,match",
    [
        ("deep", None, TypeError, "not a single str"),
        (["deep", 3], None, TypeError, "every word must be a str, got int"),
        (["deep", ""], None, ValueError, "non-empty"),
        (["deep", "[PAD]"], None, ValueError, "reserved"),
        (["deep", "[UNK]"], "[UNK]", ValueError, "reserved"),
        (["deep"], "", TypeError, "oov_token"),
        (["deep"], 1, TypeError, "oov_token"),
        (["deep"], "[PAD]", ValueError, "padding token"),
    ],
)
def test_bad_vocabularies_are_rejected(words, oov, exc, match):
    with pytest.raises(exc, match=match):
        el.Vocabulary(words, oov_token=oov)


def test_bad_arguments_of_build_vocabulary():
    with pytest.raises(ValueError, match="order must be"):
        el.build_vocabulary(SENTENCE, order="alphabetical")
    with pytest.raises(ValueError, match="max_words must be a positive integer"):
        el.build_vocabulary(SENTENCE, max_words=0)
    with pytest.raises(TypeError, match=r"texts\[1\] must be a str, got int 3"):
        el.build_vocabulary(["fine", 3])


def test_tokenize_rejects_non_strings():
    with pytest.raises(TypeError, match="text must be a str, got bytes"):
        el.tokenize(b"deep")


def test_encode_and_decode_reject_a_non_vocabulary():
    with pytest.raises(TypeError, match="vocab must be a Vocabulary, got dict"):
        el.encode(SENTENCE, {"deep": 1})
    with pytest.raises(TypeError, match="vocab must be a Vocabulary"):
        el.decode([1], ["deep"])
    with pytest.raises(TypeError, match="word must be a str"):
        el.build_vocabulary(SENTENCE).index(1)


@pytest.mark.parametrize(
    "ids,exc,match",
    [
        ([1, 5], ValueError, r"< vocab_size=5 \(valid rows are 0..4\), got 5 at position 1"),
        ([1, -1], ValueError, "non-negative, got -1 at position 1"),
        ([1, 2.5], TypeError, "must be integers, got 2.5"),
        (["deep"], TypeError, "must be integers"),
        ([[1, 2]], ValueError, "1-D"),
    ],
)
def test_decode_rejects_bad_ids(ids, exc, match):
    vocab = el.build_vocabulary(SENTENCE)
    with pytest.raises(exc, match=match):
        el.decode(ids, vocab)


def test_word_of_an_id_out_of_range_raises():
    with pytest.raises(ValueError, match="vocab_size=5"):
        el.build_vocabulary(SENTENCE).word(5)


@pytest.mark.parametrize(
    "kwargs,seqs,exc,match",
    [
        ({"padding": "middle"}, [[1]], ValueError, "padding must be 'pre' or 'post'"),
        ({"truncating": "end"}, [[1]], ValueError, "truncating must be"),
        ({}, "deep learning", TypeError, "list of id sequences"),
        ({}, ["deep learning"], TypeError, "encode texts to ids first"),
        ({}, [[1, -2]], ValueError, "sequence 0 must be non-negative"),
        ({}, [[1], [1.5]], TypeError, "sequence 1 must be integers"),
        ({}, [[[1, 2]]], ValueError, "sequence 0 must be 1-D"),
        ({}, [], ValueError, "cannot infer a length"),
        ({}, [[], []], ValueError, "every sequence is empty"),
        ({"maxlen": 0}, [[1]], ValueError, "maxlen must be a positive integer"),
        ({"maxlen": 2.0}, [[1]], TypeError, "maxlen must be a positive integer"),
        ({"value": -1}, [[1]], ValueError, "value must be non-negative"),
    ],
)
def test_pad_sequences_rejects_bad_input(kwargs, seqs, exc, match):
    with pytest.raises(exc, match=match):
        el.pad_sequences(seqs, **kwargs)


# --- bad input (issue 10) ----------------------------------------------------------------

@pytest.mark.parametrize("call, error, message", [
    (lambda v: el.Vocabulary(None), TypeError, "words must be a sequence of words, got None"),
    (lambda v: el.Vocabulary(3), TypeError, "words must be a sequence of words, got int 3"),
    (lambda v: el.build_vocabulary(None), TypeError, "texts must be a str or a list of str, got None"),
    (lambda v: el.build_vocabulary(3), TypeError, "texts must be a str or a list of str, got int"),
    (lambda v: el.build_vocabulary([["deep"], ["learning"]]), TypeError, r"texts\[0\] must be a str, got list"),
    (lambda v: el.encode(None, v), TypeError, r"text must be a str or a list of tokens \(str\), got None"),
    (lambda v: el.encode(3, v), TypeError, r"text must be a str or a list of tokens \(str\), got int 3"),
    (lambda v: el.encode(["deep", 1], v), TypeError, r"text\[1\] must be a token \(str\), got int 1"),
    (lambda v: el.decode([1, 2], v, skip_padding="yes"), TypeError, "skip_padding must be True or False"),
    (lambda v: el.decode([[1], [1, 2]], v), ValueError, "ids is a ragged nested list"),
    (lambda v: el.decode(None, v), TypeError, "ids must be a list or array of integer ids, got None"),
    (lambda v: el.pad_sequences(None), TypeError, "sequences must be a list of id sequences, got None"),
    (lambda v: el.pad_sequences([[1, np.nan]]), TypeError, "sequence 0 must be integers, got nan at position 1"),
    (lambda v: el.pad_sequences([[[1], [1, 2]]]), ValueError, "sequence 0 is a ragged nested list"),
    (lambda v: el.pad_sequences([[1]], 10**12), ValueError, r"the padded batch \(1 sequences x maxlen=1,000,000,000,000\)"),
])
def test_bad_input_gets_a_message_naming_the_argument(call, error, message):
    vocab = el.build_vocabulary(SENTENCE)
    with pytest.raises(error, match=message):
        call(vocab)


def test_encode_accepts_any_iterable_of_tokens_and_numpy_flags():
    vocab = el.build_vocabulary(SENTENCE)
    assert el.encode(iter(["deep", "is"]), vocab).tolist() == [1, 3]
    assert el.decode(np.array([0, 1]), vocab, skip_padding=np.bool_(False)) == "[PAD] deep"
