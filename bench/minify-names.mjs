// Short names for the split build's wasm imports and exports (bench/split.mjs).
//
// wasm-bindgen names every import after its Rust item and a 16-digit hash, and the JS glue
// spells each of those names again as a key of its import object; hashes do not compress, and
// the split build has 137 imports. wasm-opt's `--minify-imports-and-exports-and-modules` (what
// Emscripten runs on its own output) renames the imports, gathers them into one module and
// renames the exports, and prints what it renamed (`{ imports: [[module, name, new name]],
// exports: [[name, new name]] }`). The functions here make the glue and the split loader use
// the new names. Each rename must find what it renames, or the build fails: a glue that
// wasm-bindgen wrote differently is an error here, not a page that cannot start.

/** The glue with the import object's keys and its export uses renamed. */
export function renameGlue(glue, map, module) {
  const byModule = new Map();
  for (const [from, name, renamed] of map.imports) {
    if (!byModule.has(from)) byModule.set(from, []);
    byModule.get(from).push([name, renamed]);
  }

  // wasm-bindgen ends `__wbg_get_imports()` with `return { __proto__: null, "<module>": importN, … };`:
  // importN is an object literal in the glue (its own shims) or a namespace import (a JS module).
  const returned = /return \{\s*__proto__: null,((?:\s*"[^"]+": \w+,)+)\s*\};/;
  const modules = glue.match(returned);
  if (!modules) throw new Error("the glue's import object is not where wasm-bindgen puts it");
  const bound = new Map([...modules[1].matchAll(/"([^"]+)": (\w+),/g)].map(([, from, name]) => [from, name]));

  const entries = [];
  for (const [from, names] of byModule) {
    const object = bound.get(from);
    if (!object) throw new Error(`the glue imports nothing from ${from}`);
    if (new RegExp(`^import \\* as ${object} from`, "m").test(glue)) {
      entries.push(...names.map(([name, renamed]) => `${renamed}: ${object}.${name}`));
      continue;
    }
    for (const [name, renamed] of names) {
      const key = new RegExp(`^(\\s+)${escape(name)}(?=: )`, "m");
      if (!key.test(glue)) throw new Error(`the glue has no import ${name}`);
      glue = glue.replace(key, `$1${renamed}`);
    }
    entries.push(`...${object}`);
  }
  glue = glue.replace(returned, `return { __proto__: null, ${JSON.stringify(module)}: { ${entries.join(", ")} } };`);

  const exports = new Map(map.exports);
  return glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (_, name) => {
    if (!exports.has(name)) throw new Error(`the glue uses an export the wasm does not have: ${name}`);
    return `wasm.${exports.get(name)}`;
  });
}

/** wasm-split's loader with the exports it takes from the main part renamed. */
export function renameSplitLoader(loader, map) {
  const exports = new Map(map.exports);
  const taken = /const \{([^}]*)\} = initSync\(/;
  const names = loader.match(taken);
  if (!names) throw new Error("__wasm_split.js does not take the main part's exports where wasm-split-cli puts them");
  const renamed = names[1]
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => {
      if (!exports.has(name)) throw new Error(`__wasm_split.js takes an export the wasm does not have: ${name}`);
      return `${exports.get(name)}: ${name}`;
    });
  return loader.replace(taken, `const { ${renamed.join(", ")} } = initSync(`);
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
