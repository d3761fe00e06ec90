// The bytes a browser downloads before the session shows, for `cargo xtask size` and the
// size gate in `cargo xtask test`: the wasm, the JS glue and the CSS of a Trunk build, each
// gzipped at level 9 as bench/run.mjs counts them (clerk-js is excluded, as there). A split
// build's later parts (`split_*.wasm` and the `chunk_*.wasm` they share, fetched once the page
// runs) are counted on their own.
//
// usage: node bench/size.mjs <dist folder>   prints: wasm=<bytes> js=<bytes> css=<bytes> later=<bytes>

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { LATER_PART } from "./later-parts.mjs";

const dist = process.argv[2];
const total = { wasm: 0, js: 0, css: 0, later: 0 };
for (const name of readdirSync(dist)) {
  const ext = path.extname(name).slice(1);
  const kind = LATER_PART.test(name) ? "later" : ext;
  if (kind in total) total[kind] += gzipSync(readFileSync(path.join(dist, name)), { level: 9 }).length;
}
console.log(Object.entries(total).map(([kind, bytes]) => `${kind}=${bytes}`).join(" "));
