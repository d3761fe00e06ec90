// `cargo xtask bench`: leptos-clerk's benchmark app against the same app in React with
// @clerk/react, in one run: same machine, same clerk-js, same emulator (the code-split build
// has one of its own, the same program), alternating runs.
//
// Environment (set by xtask): SITE (the Leptos app at /, the React app at /react/),
// SPLIT_SITE (the Leptos app's code-split build, optional), EMULATOR_BIN, CHROMIUM, RUNS
// (default 20), OUT (where report.json and report.md go).

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";

import { isolatedPage, launchBrowser, startEmulator } from "../tests/e2e/support/harness.mjs";
import { APPS, clickPhaseMs, switchInPage } from "./apps.mjs";
import { LATER_PART } from "./later-parts.mjs";

const SITE = process.env.SITE;
const RUNS = Number(process.env.RUNS ?? 20);
const SWITCHES_PER_RUN = 10;
const MEMORY_SWITCHES = Number(process.env.MEMORY_SWITCHES ?? 500);
const MINUTE = 60_000;
const OUT = process.env.OUT ?? "target/bench";

const files = (dir, pattern) =>
  readdirSync(dir)
    .filter((name) => pattern.test(name))
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());

function bytes(list) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of list) {
    const data = readFileSync(file);
    total.raw += data.length;
    total.gzip += gzipSync(data, { level: 9 }).length;
    total.brotli += brotliCompressSync(data).length;
  }
  return total;
}

// The bytes each app downloads before the session shows: wasm + JS glue + CSS for ours,
// the Vite bundle for React's; clerk-js itself is excluded for both apps.
const FILES = {
  leptos: () => files(SITE, /\.(wasm|js|css)$/),
  react: () => files(path.join(SITE, "react", "assets"), /\.(js|css)$/),
};

// The benchmark app's code-split build (leptos-clerk's feature `split`, `cargo xtask` builds
// it), when SPLIT_SITE names it: timed like the others, its bytes in two parts, the first
// download and the parts fetched after it (bench/later-parts.mjs).
const SPLIT_SITE = process.env.SPLIT_SITE;
const SPLIT_FILES = {
  first: () => files(SPLIT_SITE, /\.(wasm|js|css)$/).filter((file) => !LATER_PART.test(path.basename(file))),
  later: () => files(SPLIT_SITE, LATER_PART),
};

// Marks the moment Clerk.load() resolves, the same way for both apps.
function markClerkLoad() {
  let clerk;
  Object.defineProperty(window, "Clerk", {
    configurable: true,
    get: () => clerk,
    set(value) {
      clerk = value;
      if (!value || typeof value.load !== "function" || value.__benchWrapped) return;
      const load = value.load.bind(value);
      value.load = (...args) =>
        load(...args).then((result) => {
          performance.mark("clerk-loaded");
          return result;
        });
      value.__benchWrapped = true;
    },
  });
}

async function measure(browser, origin, name) {
  const app = APPS[name];
  const { context, page } = await isolatedPage(browser, origin);
  try {
    await context.addInitScript(markClerkLoad);
    await page.goto(origin + app.url);
    await page.getByTestId("session-id").waitFor({ timeout: 20_000 });
    const marks = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      return { ui: at("session-ui"), loaded: at("clerk-loaded") };
    });
    const switches = [];
    const domChanges = [];
    const server = [];
    const names = ["Grace Hopper", "Ada Lovelace"];
    for (let i = 0; i < SWITCHES_PER_RUN; i++) {
      await app.open(page);
      const result = await page.evaluate(switchInPage, {
        selector: app.switchTarget(names[i % 2]),
        phaseMs: clickPhaseMs(i),
      });
      switches.push(result.frame);
      domChanges.push(result.dom);
      if (result.touch) server.push(result.touch.server);
    }
    return {
      navigationToUi: marks.ui,
      loadToUi: marks.ui != null && marks.loaded != null ? marks.ui - marks.loaded : null,
      switchMs: median(switches),
      switchDomMs: median(domChanges),
      serverMs: median(server),
    };
  } finally {
    await context.close();
  }
}

// Switches `count` times through the app's own UI, the way measure() does one.
async function switchMany(page, app, count) {
  const names = ["Grace Hopper", "Ada Lovelace"];
  for (let i = 0; i < count; i++) {
    await app.open(page);
    const before = await page.getByTestId("session-id").textContent();
    await page.locator(app.switchTarget(names[i % 2])).click();
    await page.getByTestId("session-id").filter({ hasNotText: before }).waitFor();
  }
}

// JS heap (after a forced GC) and, for the wasm app, its linear memory.
async function memory(page, cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const wasm = await page.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? 0);
  return { heap: usedSize, wasm };
}

async function measureMemory(browser, origin, name) {
  const app = APPS[name];
  const { context, page } = await isolatedPage(browser, origin);
  try {
    await context.addInitScript(() => {
      addEventListener("TrunkApplicationStarted", (event) => (window.__benchWasm = event.detail.wasm));
    });
    const cdp = await context.newCDPSession(page);
    await page.goto(origin + app.url);
    await page.getByTestId("session-id").waitFor({ timeout: 20_000 });
    const afterLoad = await memory(page, cdp);
    await switchMany(page, app, MEMORY_SWITCHES);
    const afterSwitches = await memory(page, cdp);
    const total = (m) => m.heap + m.wasm;
    return {
      afterLoad,
      afterSwitches,
      growthPerSwitchBytes: (total(afterSwitches) - total(afterLoad)) / MEMORY_SWITCHES,
      growthPercentOfLoad: (100 * (total(afterSwitches) - total(afterLoad))) / total(afterLoad),
    };
  } finally {
    await context.close();
  }
}

// Timer and animation-frame callbacks per minute that clerk-js did not schedule, while the
// session has far more than five minutes left: one simulated minute on Playwright's clock.
async function measureIdle(browser, origin, name) {
  const app = APPS[name];
  const { context, page } = await isolatedPage(browser, origin);
  try {
    // The fake clock first: our wrappers must wrap its timers, not be replaced by them.
    await context.clock.install();
    await context.addInitScript(() => {
      window.__benchWakeups = 0;
      const fromClerk = () => (new Error().stack ?? "").includes("/clerk-js/");
      const wrap = (original) =>
        function (callback, ...rest) {
          if (typeof callback !== "function" || fromClerk()) return original.call(this, callback, ...rest);
          return original.call(
            this,
            function (...args) {
              window.__benchWakeups += 1;
              return callback.apply(this, args);
            },
            ...rest,
          );
        };
      window.setTimeout = wrap(window.setTimeout);
      window.setInterval = wrap(window.setInterval);
      window.requestAnimationFrame = wrap(window.requestAnimationFrame);
    });
    await page.goto(origin + app.url);
    await page.getByTestId("session-id").waitFor({ timeout: 20_000 });
    await context.clock.runFor(5_000);
    const before = await page.evaluate(() => window.__benchWakeups);
    await context.clock.runFor(MINUTE);
    return (await page.evaluate(() => window.__benchWakeups)) - before;
  } finally {
    await context.close();
  }
}

// Touches of the session in one expiry window with `tabs` tabs open: the session expires
// 10 minutes after its last activity; the clock jumps to 5 minutes before that and runs.
async function measureTouches(browser, name, tabs) {
  const app = APPS[name];
  const emulator = await startEmulator({ serveDir: SITE, config: "refresh.toml" });
  const { context, page } = await isolatedPage(browser, emulator.origin);
  try {
    await context.clock.install();
    const pages = [page];
    for (let i = 1; i < tabs; i++) pages.push(await context.newPage());
    for (const tab of pages) {
      await tab.goto(emulator.origin + app.url);
      await tab.getByTestId("session-id").waitFor({ timeout: 20_000 });
    }
    const now = await page.evaluate(() => Date.now());
    const due = now + 5 * MINUTE;
    await emulator.admin("clock", { offset_ms: due - Date.now() });
    await context.clock.fastForward(due - now);
    for (let step = 0; step < 4; step++) {
      await context.clock.runFor(15_000);
      await emulator.admin("clock", { offset_ms: (await page.evaluate(() => Date.now())) - Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return (await emulator.ourTouches()).length;
  } finally {
    await context.close();
    emulator.stop();
  }
}

function median(values) {
  const sorted = values.filter((v) => v != null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summary(values) {
  const clean = values.filter((v) => v != null);
  return { median: median(clean), min: Math.min(...clean), max: Math.max(...clean), n: clean.length };
}

const emulator = await startEmulator({ serveDir: SITE });
// The split build is the same page as `leptos`, served by an emulator of its own.
const splitEmulator = SPLIT_SITE ? await startEmulator({ serveDir: SPLIT_SITE }) : null;
const browser = await launchBrowser();
const runs = { leptos: [], react: [], split: [] };
const extras = {};
try {
  for (let run = 0; run < RUNS; run++) {
    // Alternate which app goes first, so neither always gets the warmer machine.
    const order = run % 2 ? ["react", "leptos"] : ["leptos", "react"];
    // The split build takes each of the three places in turn.
    if (splitEmulator) order.splice(run % 3, 0, "split");
    for (const name of order) {
      runs[name].push(
        name === "split"
          ? await measure(browser, splitEmulator.origin, "leptos")
          : await measure(browser, emulator.origin, name),
      );
    }
  }
  for (const name of Object.keys(APPS)) {
    extras[name] = {
      memory: await measureMemory(browser, emulator.origin, name),
      idleWakeupsPerMinute: await measureIdle(browser, emulator.origin, name),
      touchesPerWindow: { oneTab: await measureTouches(browser, name, 1), fiveTabs: await measureTouches(browser, name, 5) },
    };
  }
} finally {
  await browser.close();
  emulator.stop();
  splitEmulator?.stop();
}

const report = { runs: RUNS, switchesPerRun: SWITCHES_PER_RUN, apps: {} };
for (const name of Object.keys(APPS)) {
  report.apps[name] = {
    bytes: bytes(FILES[name]()),
    navigationToUiMs: summary(runs[name].map((r) => r.navigationToUi)),
    loadToUiMs: summary(runs[name].map((r) => r.loadToUi)),
    switchMs: summary(runs[name].map((r) => r.switchMs)),
    switchDomMs: summary(runs[name].map((r) => r.switchDomMs)),
    switchServerMs: summary(runs[name].map((r) => r.serverMs)),
    ...extras[name],
  };
}

if (splitEmulator) {
  report.split = {
    bytes: { first: bytes(SPLIT_FILES.first()), later: bytes(SPLIT_FILES.later()) },
    navigationToUiMs: summary(runs.split.map((r) => r.navigationToUi)),
    loadToUiMs: summary(runs.split.map((r) => r.loadToUi)),
    switchMs: summary(runs.split.map((r) => r.switchMs)),
    switchDomMs: summary(runs.split.map((r) => r.switchDomMs)),
  };
}

const ours = report.apps.leptos;
const theirs = report.apps.react;
const ratio = (a, b) => (a != null && b ? (a / b).toFixed(2) + "×" : "n/a");
const ms = (s) => (s.median == null ? "n/a" : `${s.median.toFixed(1)} ms (${s.min.toFixed(1)}–${s.max.toFixed(1)})`);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const growth = (m) => `${m.growthPerSwitchBytes.toFixed(0)} B/switch (${m.growthPercentOfLoad.toFixed(2)} %)`;
const rows = [
  ["bytes, raw", kb(ours.bytes.raw), kb(theirs.bytes.raw), ratio(ours.bytes.raw, theirs.bytes.raw)],
  ["bytes, gzip", kb(ours.bytes.gzip), kb(theirs.bytes.gzip), ratio(ours.bytes.gzip, theirs.bytes.gzip)],
  ["bytes, brotli", kb(ours.bytes.brotli), kb(theirs.bytes.brotli), ratio(ours.bytes.brotli, theirs.bytes.brotli)],
  ["navigation → session UI", ms(ours.navigationToUiMs), ms(theirs.navigationToUiMs), ratio(ours.navigationToUiMs.median, theirs.navigationToUiMs.median)],
  ["load() resolved → session UI", ms(ours.loadToUiMs), ms(theirs.loadToUiMs), ratio(ours.loadToUiMs.median, theirs.loadToUiMs.median)],
  ["switch: click → new session in the DOM", ms(ours.switchDomMs), ms(theirs.switchDomMs), ratio(ours.switchDomMs.median, theirs.switchDomMs.median)],
  ["switch: click → frame", ms(ours.switchMs), ms(theirs.switchMs), ratio(ours.switchMs.median, theirs.switchMs.median)],
  ["  of which the emulator's touch", ms(ours.switchServerMs), ms(theirs.switchServerMs), ""],
  ["memory after load (JS heap + wasm)", kb(ours.memory.afterLoad.heap + ours.memory.afterLoad.wasm), kb(theirs.memory.afterLoad.heap), ratio(ours.memory.afterLoad.heap + ours.memory.afterLoad.wasm, theirs.memory.afterLoad.heap)],
  [`growth after ${MEMORY_SWITCHES} switches`, growth(ours.memory), growth(theirs.memory), ""],
  ["idle wake-ups per minute, not clerk-js'", String(ours.idleWakeupsPerMinute), String(theirs.idleWakeupsPerMinute), ""],
  ["touches per expiry window, 1 tab / 5 tabs", `${ours.touchesPerWindow.oneTab} / ${ours.touchesPerWindow.fiveTabs}`, `${theirs.touchesPerWindow.oneTab} / ${theirs.touchesPerWindow.fiveTabs}`, ""],
];
const split = report.split;
if (split) {
  rows.push(
    ["code-split (`split`): bytes before the session shows, gzip", kb(split.bytes.first.gzip), kb(theirs.bytes.gzip), ratio(split.bytes.first.gzip, theirs.bytes.gzip)],
    ["code-split: bytes fetched once clerk-js has loaded, gzip", kb(split.bytes.later.gzip), "", ""],
    ["code-split: navigation → session UI", ms(split.navigationToUiMs), ms(theirs.navigationToUiMs), ratio(split.navigationToUiMs.median, theirs.navigationToUiMs.median)],
    ["code-split: switch: click → frame", ms(split.switchMs), ms(theirs.switchMs), ratio(split.switchMs.median, theirs.switchMs.median)],
  );
}
const table = [
  `| metric (median, min–max over ${RUNS} runs) | leptos-clerk | React + @clerk/react | ours / React |`,
  "| --- | --- | --- | --- |",
  ...rows.map((row) => `| ${row.join(" | ")} |`),
].join("\n");

mkdirSync(OUT, { recursive: true });
writeFileSync(path.join(OUT, "report.json"), JSON.stringify(report, null, 2));
writeFileSync(path.join(OUT, "report.md"), table + "\n");
console.log(table);
