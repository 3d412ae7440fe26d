/* Chinese search (the Chinese edition only; _ext/editions.py adds this file).
 *
 * Sphinx segments the Chinese pages into words with jieba when it builds the index, but
 * the search page splits a query only at spaces and punctuation, so "词向量" or
 * "嵌入矩阵的行" stayed one word that no page contains. This splitter cuts each run of
 * Chinese characters into the longest words the index knows (forward maximum matching
 * against its terms), and leaves out single characters it does not know; Latin words are
 * split as before. Searchtools keeps a splitQuery that is already defined.
 */
var splitQuery = (query) => {
  const words = query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((word) => word);
  const index = (typeof Search !== "undefined" && Search._index) || {};
  const known = (word) =>
    (index.terms && word in index.terms) || (index.titleterms && word in index.titleterms);
  const longest = 8;
  const out = [];
  for (const word of words) {
    if (!/\p{Script=Han}/u.test(word) || known(word)) {
      out.push(word);
      continue;
    }
    let start = 0;
    while (start < word.length) {
      let end = Math.min(word.length, start + longest);
      while (end > start + 1 && !known(word.slice(start, end))) end -= 1;
      const piece = word.slice(start, end);
      if (piece.length > 1 || known(piece) || !/\p{Script=Han}/u.test(piece)) out.push(piece);
      start = end;
    }
  }
  return out;
};
