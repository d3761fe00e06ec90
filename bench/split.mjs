// The last step of the benchmark app's split build (xtask/src/split.rs): the parts that
// wasm-split-cli and wasm-bindgen made, optimised and minified as Trunk does its own, replace
// Trunk's unsplit wasm and JS glue in the build, and the page's integrity hashes follow.
//
// usage: node bench/split.mjs <work folder> <Trunk's build> <glue stem> <wasm file name>
//   <work>/split: wasm-split-cli's output (__wasm_split.js, split_*.wasm, and chunk_*.wasm for
//                 code that several split modules share)
//   <work>/bound: wasm-bindgen's output for the main part (<stem>.js, <stem>_bg.wasm)

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { minify } from "terser";

import { LATER_PART } from "./later-parts.mjs";
import { renameGlue, renameSplitLoader } from "./minify-names.mjs";

const [work, dist, stem, wasmName] = process.argv.slice(2);
const split = path.join(work, "split");
const bound = path.join(work, "bound");

// As Trunk's `data-wasm-opt="s"` (bench/leptos-app/index.html says why not "z"), and without
// the names and producers sections it drops too.
const OPTIMISE = ["-Os", "--strip-debug", "--strip-producers"];
const optimise = (from, to) => execFileSync("wasm-opt", [...OPTIMISE, from, "-o", to], { stdio: "inherit" });

async function minifyModule(code, to) {
  writeFileSync(to, (await minify(code, { module: true, compress: true, mangle: true })).code);
}

// The main part also gets short import and export names (bench/minify-names.mjs); the later
// parts import only the memory, the function table and a global, through the split loader.
const main = path.join(dist, wasmName);
const names = JSON.parse(
  execFileSync(
    "wasm-opt",
    [...OPTIMISE, "--minify-imports-and-exports-and-modules"]
      .concat([path.join(bound, `${stem}_bg.wasm`), "-o", main]),
    { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" },
  ),
);
const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(main))).map((i) => i.module));
if (modules.size !== 1) throw new Error(`wasm-opt left the main part importing from ${modules.size} modules`);
for (const name of readdirSync(split).filter((name) => LATER_PART.test(name))) {
  optimise(path.join(split, name), path.join(dist, name));
}
const glue = readFileSync(path.join(bound, `${stem}.js`), "utf8");
await minifyModule(renameGlue(glue, names, [...modules][0]), path.join(dist, `${stem}.js`));
const loader = readFileSync(path.join(split, "__wasm_split.js"), "utf8");
await minifyModule(renameSplitLoader(loader, names), path.join(dist, "__wasm_split.js"));

// Trunk's page preloads the glue and the wasm with subresource integrity: hash the new ones,
// with the algorithm each tag names.
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const page = path.join(dist, "index.html");
let html = readFileSync(page, "utf8");
for (const name of [`${stem}.js`, wasmName]) {
  const data = readFileSync(path.join(dist, name));
  let tags = 0;
  html = html.replace(new RegExp(`<link[^>]*href=["']?/${escape(name)}(?=["' >])[^>]*>`, "g"), (tag) =>
    tag.replace(/integrity=(["']?)(sha256|sha384|sha512)-[A-Za-z0-9+/=]+/, (_, quote, algorithm) => {
      tags += 1;
      return `integrity=${quote}${algorithm}-${createHash(algorithm).update(data).digest("base64")}`;
    }),
  );
  if (tags === 0) throw new Error(`index.html preloads no ${name} with an integrity hash`);
}
writeFileSync(page, html);
