import { describe, expect, it } from '@jest/globals';
import similarity from 'wink-nlp/utilities/similarity.js';
import { buildTextModel, textCosine, tokenise } from '../src/index.ts';

const texts = {
  hopes: 'I have been asked to support a systematic review and want to build better search strategies.',
  related: 'I support systematic reviews and teach search strategy design to review teams.',
  unrelated: 'I negotiate licences for electronic journals and answer copyright queries.',
  other: 'I lead a library service and enjoy developing new managers.',
};
const model = buildTextModel(Object.values(texts));

describe('text similarity (BM25 vectors, cosine)', () => {
  it('stems words, so "reviews" meets "review" and "searching" meets "searches"', () => {
    expect(tokenise('reviews searching')).toEqual(tokenise('review searches'));
    expect(tokenise('The reviews and the searching')).not.toContain('the');
  });

  it('scores related texts higher than unrelated ones', () => {
    const hopes = model.vectorOf(texts.hopes);
    const related = textCosine(hopes, model.vectorOf(texts.related));
    const unrelated = textCosine(hopes, model.vectorOf(texts.unrelated));
    expect(related).toBeGreaterThan(0.2);
    expect(related).toBeGreaterThan(unrelated);
    expect(unrelated).toBe(0);
    expect(textCosine(hopes, hopes)).toBeCloseTo(1, 9);
  });

  it('finds texts that share only a stemmed word ("copyright" in both, "licences"/"queries" aside)', () => {
    const copyright = buildTextModel([...Object.values(texts), 'Copyright advice for a hospital library.']);
    const a = copyright.vectorOf('Copyright advice for a hospital library.');
    expect(textCosine(a, copyright.vectorOf(texts.unrelated))).toBeGreaterThan(0);
  });

  it('agrees with wink-nlp’s own cosine of the BM25 bags of words', () => {
    const a = model.vectorOf(texts.hopes);
    const b = model.vectorOf(texts.related);
    const bag = (v: typeof a) =>
      Object.fromEntries([...v.terms].map((t, k) => [String(t), v.weights[k] as number]));
    expect(textCosine(a, b)).toBeCloseTo(similarity.bow.cosine(bag(a), bag(b)), 6);
  });

  it('gives an empty vector to a text with no known words, and ignores unknown words', () => {
    expect(model.vectorOf('').terms.length).toBe(0);
    expect(model.vectorOf('zzzz qqqq').terms.length).toBe(0);
    expect(model.vectorOf('systematic zzzz').terms.length).toBe(1);
  });

  it('does not depend on the order of the texts it learned from', () => {
    const reversed = buildTextModel(Object.values(texts).reverse());
    const v1 = model.vectorOf(texts.hopes);
    const v2 = reversed.vectorOf(texts.hopes);
    expect([...v2.terms]).toEqual([...v1.terms]);
    expect([...v2.weights]).toEqual([...v1.weights]);
  });
});
