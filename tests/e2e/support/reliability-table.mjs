// Prints the two tables of docs/reliability.md with the figures the last `cargo xtask test`
// (the fault scenarios, with both clerk-js majors) and `cargo xtask load` wrote under
// target/reliability/. Paste its output over the tables after a run.
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
  ["6", "5"]
    .map((major) => {
      const figures = read(`clerk-js-${major}/${name}.json`);
      return figures ? `v${major}: ${show(figures)}` : `v${major}: not run`;
    })
    .join("; ");
const touched = (f) => `${f.touchAttempts} touch attempts, touched after ${s(f.recoveryMs)}`;

// [figures file, the case, what the user sees and what must hold, the test's name, figures]
const faults = [
  [
    "script-hangs",
    "clerk-js' script never finishes downloading",
    'after the 15 s timeout: "Clerk could not load … within 15 s", and that it is trying again; no FAPI call',
    "clerk-js never finishes downloading",
    (f) => `failed after ${s(f.failedAfterMs)}, ${f.fapiCalls} FAPI calls`,
  ],
  [
    "emulator-down-at-load",
    "every FAPI connection refused at load, then the emulator is back",
    '"Clerk.load() failed: network error" and "trying again"; the next retry (backoff 2 s → 30 s, or the `online` event) shows the session, no reload',
    "the emulator is down at load",
    (f) => `recovered ${s(f.recoveryMs)} after it came back`,
  ],
  [
    "touch-500",
    "`/touch` answers 500 three times",
    "the refresher backs off 2, 4, 8 s; the 4th touch succeeds; still signed in; ≤ 4 attempts",
    "touch answers 500",
    touched,
  ],
  [
    "touch-401",
    "`/touch` answers 401 three times",
    "as for 500: a 401 on a touch signs nobody out",
    "touch answers 401",
    touched,
  ],
  [
    "touch-dropped",
    "`/touch` drops the connection three times",
    "clerk-js retries a dropped connection itself within a second; 4 attempts in all; still signed in",
    "touch answers dropped",
    touched,
  ],
  [
    "offline-online",
    "offline for 15 s (`context.setOffline`), then online",
    "the session stays on screen unchanged; a couple of failed calls, no storm; tokens flow again soon after",
    "offline for 15 s",
    (f) => `${f.offlineAttempts} failed calls offline, a token ${s(f.recoveryMs)} after online`,
  ],
  [
    "removed-in-other-tab",
    "another tab signs out of this tab's active session",
    '"You are signed out in this tab; 1 other account is still signed in", the switcher offers it',
    "removed in another tab",
    (f) => `shown after ${s(f.noticedAfterMs)}, ${f.fapiCalls} FAPI calls`,
  ],
  [
    "sign-out-five-tabs",
    "sign-out in one of five tabs",
    'the other four show "Nobody is signed in"; one request each',
    "one of five tabs",
    (f) => `slowest tab ${s(f.slowestTabMs)}, ${f.fapiCalls} FAPI calls`,
  ],
];

console.log("| case | what the user sees, what must hold | measured (clerk-js 6; 5) | reproduce |");
console.log("| --- | --- | --- | --- |");
for (const [name, what, holds, testName, show] of faults) {
  console.log(`| ${what} | ${holds} | ${both(name, show)} | \`cargo xtask test\` (faults.test.mjs: "${testName}…") |`);
}

const load = read("load.json");
console.log("\n| command | measured |\n| --- | --- |");
if (load) {
  const ops = Object.entries(load.operations)
    .map(([op, o]) => `${op} p50 ${s(o.p50Ms)} / p99 ${s(o.p99Ms)} (${o.count})`)
    .join(", ");
  const mb = (kib) => `${(kib / 1024).toFixed(1)} MB`;
  console.log(
    `| \`cargo xtask load\` | ${load.clients} clients for ${load.seconds} s: ${load.errors} errors, ` +
      `${load.crashed ? "crashed" : "no crash"}; RSS ${mb(load.memoryKiB.afterWarmUp)} after warm-up, ` +
      `${mb(load.memoryKiB.end)} at the end; ${ops} |`,
  );
}
