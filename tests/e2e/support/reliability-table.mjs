// Prints the measured columns of docs/reliability.md from the figures the last
// `cargo xtask test` (fault scenarios, both clerk-js majors) and `cargo xtask load` wrote
// under target/reliability/.
//
//   node tests/e2e/support/reliability-table.mjs

import { existsSync, readFileSync } from "node:fs";

const root = new URL("../../../target/reliability/", import.meta.url);
const read = (file) => {
  const url = new URL(file, root);
  return existsSync(url) ? JSON.parse(readFileSync(url, "utf8")) : null;
};
const s = (ms) => (ms == null ? "–" : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const both = (name, show) =>
  ["6", "5"].map((major) => {
    const figures = read(`clerk-js-${major}/${name}.json`);
    return figures ? `v${major}: ${show(figures)}` : `v${major}: not run`;
  }).join("; ");

const rows = [
  ["script-hangs", (f) => `failed after ${s(f.failedAfterMs)}, ${f.fapiCalls} FAPI calls`],
  ["emulator-down-at-load", (f) => `recovered ${s(f.recoveryMs)} after it came back`],
  ["touch-500", (f) => `${f.touchAttempts} touch attempts, touched after ${s(f.recoveryMs)}`],
  ["touch-401", (f) => `${f.touchAttempts} touch attempts, touched after ${s(f.recoveryMs)}`],
  ["touch-dropped", (f) => `${f.touchAttempts} touch attempts, touched after ${s(f.recoveryMs)}`],
  ["offline-online", (f) => `${f.offlineAttempts} failed calls offline, a token ${s(f.recoveryMs)} after online`],
  ["removed-in-other-tab", (f) => `shown after ${s(f.noticedAfterMs)}, ${f.fapiCalls} FAPI calls`],
  ["sign-out-five-tabs", (f) => `slowest tab ${s(f.slowestTabMs)}, ${f.fapiCalls} FAPI calls`],
];
for (const [name, show] of rows) console.log(`| ${name} | ${both(name, show)} |`);

const load = read("load.json");
if (load) {
  const ops = Object.entries(load.operations)
    .map(([op, o]) => `${op} p50 ${s(o.p50Ms)} / p99 ${s(o.p99Ms)} (${o.count})`)
    .join(", ");
  const mb = (kib) => `${(kib / 1024).toFixed(1)} MB`;
  console.log(
    `| load | ${load.clients} clients for ${load.seconds} s: ${load.errors} errors, ${load.crashed ? "crashed" : "no crash"}; ` +
      `RSS ${mb(load.memoryKiB.afterWarmUp)} after warm-up, ${mb(load.memoryKiB.end)} at the end; ${ops} |`,
  );
}
