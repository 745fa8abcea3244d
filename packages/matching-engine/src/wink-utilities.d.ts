// wink-nlp types its utilities under extension-less names, but Node's ES module loader needs the
// file name (the package has no exports map). Point the real file names at the published types.
declare module 'wink-nlp/utilities/bm25-vectorizer.js' {
  export { default } from 'wink-nlp/utilities/bm25-vectorizer';
}
declare module 'wink-nlp/utilities/similarity.js' {
  export { default } from 'wink-nlp/utilities/similarity';
}
