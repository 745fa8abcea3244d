/// <reference path="./wink-utilities.d.ts" />
// Free-text similarity: BM25-weighted bags of stemmed words (wink-nlp), compared by cosine.
// The model is learned once per programme from every mentee's and mentor's text, so a word that
// everybody writes ("library", "help") weighs little and a rarer shared word ("appraisal") a lot.
// Stemming makes "reviews" meet "review" and "searching" meet "searches".

import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItsFunction } from 'wink-nlp';
import BM25Vectorizer from 'wink-nlp/utilities/bm25-vectorizer.js';

/** A unit-length sparse vector: term ids ascending, weights aligned. */
export interface TextVector {
  readonly terms: Int32Array;
  readonly weights: Float64Array;
}

export interface TextModel {
  /** Vector of a text in this model's space; words the model never learned are ignored. */
  vectorOf(text: string): TextVector;
  readonly vocabularySize: number;
  readonly documents: number;
}

export const EMPTY_VECTOR: TextVector = { terms: new Int32Array(0), weights: new Float64Array(0) };

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

// Loading the language model takes ~50 ms; do it once, on first use, not on import.
function getNlp(): Nlp {
  nlp ??= winkNLP(model);
  return nlp;
}

/** Stems of the words that carry meaning: no punctuation, numbers or stop words. */
export function tokenise(text: string): string[] {
  const n = getNlp();
  const its = n.its;
  return n
    .readDoc(text)
    .tokens()
    .filter((t) => t.out(its.type) === 'word' && !t.out(its.stopWordFlag))
    .out(its.stem as unknown as ItsFunction<string>) as string[];
}

/**
 * Learns the BM25 weights of a programme's texts. Identical texts are tokenised once. The result
 * does not depend on the order of `texts` (document frequencies and lengths are order-free).
 */
export function buildTextModel(texts: Iterable<string>): TextModel {
  const tokensByText = new Map<string, string[]>();
  const bm25 = BM25Vectorizer({ k: 1, k1: 1.2, b: 0.75, norm: 'l2' });
  let documents = 0;
  for (const text of texts) {
    let tokens = tokensByText.get(text);
    if (!tokens) {
      tokens = tokenise(text);
      tokensByText.set(text, tokens);
    }
    bm25.learn(tokens);
    documents++;
  }
  if (documents === 0) bm25.learn([]);
  const termIds = new Map<string, number>();
  const cache = new Map<string, TextVector>();

  const toVector = (tokens: string[]): TextVector => {
    const bow = bm25.bowOf(tokens) as Record<string, number>;
    const entries: [number, number][] = [];
    for (const term of Object.keys(bow)) {
      const weight = bow[term] ?? 0;
      if (weight <= 0) continue;
      let id = termIds.get(term);
      if (id === undefined) {
        id = termIds.size;
        termIds.set(term, id);
      }
      entries.push([id, weight]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    // wink rounds weights to 6 decimals; renormalise so that a dot product is a cosine.
    let norm = 0;
    for (const [, w] of entries) norm += w * w;
    norm = Math.sqrt(norm);
    if (norm === 0) return EMPTY_VECTOR;
    return {
      terms: Int32Array.from(entries, (e) => e[0]),
      weights: Float64Array.from(entries, (e) => e[1] / norm),
    };
  };

  // Term ids are given in the sorted order of the learned vocabulary, so that they do not depend
  // on which text happened to be vectorised first.
  const vocabulary = [...new Set([...tokensByText.values()].flat())].sort();
  for (const term of vocabulary) termIds.set(term, termIds.size);

  return {
    vocabularySize: vocabulary.length,
    documents,
    vectorOf(text: string): TextVector {
      const cached = cache.get(text);
      if (cached) return cached;
      const vector = toVector(tokensByText.get(text) ?? tokenise(text));
      if (tokensByText.has(text)) cache.set(text, vector);
      return vector;
    },
  };
}

/**
 * Cosine of two unit vectors, summed in the order of `a`'s terms. The cohort scorer accumulates
 * the same products in the same order (term by term over an inverted index), so both give the
 * same number to the last bit.
 */
export function textCosine(a: TextVector, b: TextVector): number {
  let dot = 0;
  let j = 0;
  const bt = b.terms;
  for (let i = 0; i < a.terms.length; i++) {
    const t = a.terms[i] as number;
    while (j < bt.length && (bt[j] as number) < t) j++;
    if (j < bt.length && bt[j] === t) dot += (a.weights[i] as number) * (b.weights[j] as number);
  }
  return dot;
}
