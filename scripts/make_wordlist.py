"""Regenerate ``embedding_lib/_data/english_2000.txt`` (authors only; not run at build time).

The list is the 2000 most frequent purely alphabetic English words according to the
``wordfreq`` package (Robyn Speer, Apache-2.0 code; data CC-BY-SA 4.0), in descending
frequency order. The book ships the resulting file so that it works offline and never
changes under the reader's feet; this script only documents how it was made::

    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    /tmp/wf/bin/python scripts/make_wordlist.py
"""
import pathlib
import re

import wordfreq

N_WORDS = 2000
OUT = pathlib.Path(__file__).resolve().parents[1] / "embedding_lib" / "_data" / "english_2000.txt"


def main() -> None:
    words = []
    for word in wordfreq.top_n_list("en", 10 * N_WORDS, wordlist="best"):
        if re.fullmatch(r"[a-z]+", word) and word not in words:
            words.append(word)
        if len(words) == N_WORDS:
            break
    OUT.write_text("\n".join(words) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
