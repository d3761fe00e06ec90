// The files of a split build that the page fetches after its first download: wasm-split-cli's
// split-off modules (`split_<module>.wasm`) and the chunks they share (`chunk_*.wasm`).
// bench/split.mjs writes them, bench/size.mjs and bench/run.mjs count them on their own line.
export const LATER_PART = /^(split|chunk)_.*\.wasm$/;
