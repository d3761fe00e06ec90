// Where a switch's time goes, untraced: timestamps around each clerk-js `addListener` callback
// (every listener of the page, clerk-js' own included), the `/touch` request's resource timing
// and the benchmark's `dom` and `frame`, for N switches per page and app. Tracing slows wasm
// more than JS; this does not trace.
//
// env: SITE (as for trace.mjs), EMULATOR_BIN, CHROMIUM, N (switches per page, default 40),
//      ROUNDS (pages per app, default 2).
import { isolatedPage, launchBrowser, startEmulator } from "../../tests/e2e/support/harness.mjs";
import { APPS, clickPhaseMs, switchInPage } from "../apps.mjs";

const SITE = process.env.SITE;
const N = Number(process.env.N ?? 40);
const ROUNDS = Number(process.env.ROUNDS ?? 2);

// Runs in the page before its scripts: wraps each listener clerk-js is given, and records
// [listener index, start, end] per call in `window.__emits`.
function timeListeners() {
  window.__emits = [];
  let clerk;
  Object.defineProperty(window, "Clerk", {
    configurable: true,
    get: () => clerk,
    set(value) {
      clerk = value;
      if (!value || typeof value.addListener !== "function" || value.__timed) return;
      const addListener = value.addListener.bind(value);
      let listeners = 0;
      value.addListener = (callback, ...rest) => {
        const index = listeners++;
        return addListener((payload) => {
          const start = performance.now();
          try {
            return callback(payload);
          } finally {
            window.__emits.push([index, start, performance.now()]);
          }
        }, ...rest);
      };
      value.__timed = true;
    },
  });
}

const browser = await launchBrowser();
const emulator = await startEmulator({ serveDir: SITE });
const results = { leptos: [], react: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const name of round % 2 ? ["react", "leptos"] : ["leptos", "react"]) {
    const app = APPS[name];
    const { context, page } = await isolatedPage(browser, emulator.origin);
    await context.addInitScript(timeListeners);
    await page.goto(emulator.origin + app.url);
    await page.getByTestId("session-id").waitFor({ timeout: 20_000 });
    const names = ["Grace Hopper", "Ada Lovelace"];
    for (let i = 0; i < N; i++) {
      await app.open(page);
      await page.evaluate(() => (window.__emits = []));
      const mark = `phases${i}`;
      const result = await page.evaluate(switchInPage, {
        selector: app.switchTarget(names[i % 2]),
        phaseMs: clickPhaseMs(i),
        mark,
      });
      const { calls, click } = await page.evaluate(
        (name) => ({ calls: window.__emits, click: performance.getEntriesByName(name)[0].startTime }),
        `${mark}:click`,
      );
      // One emit: listener 0's call and the calls after it, until listener 0 is called again.
      const emits = [];
      for (const [index, start, end] of calls) {
        if (index === 0 || emits.length === 0) emits.push({ start: start - click, end: end - click, busy: 0 });
        const emit = emits[emits.length - 1];
        emit.end = end - click;
        emit.busy += end - start;
      }
      results[name].push({ ...result, emits });
    }
    await context.close();
  }
}
await browser.close();
emulator.stop();

const median = (values) => {
  const sorted = values.filter((v) => v != null && !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)].toFixed(1) : "-";
};
for (const [name, switches] of Object.entries(results)) {
  const touchEnd = (s) => s.touch?.responseEnd;
  const at = (s, k) => s.emits[k];
  console.log(
    `${name} (n=${switches.length}, emits per switch ${median(switches.map((s) => s.emits.length))}):`,
    `touch ends ${median(switches.map(touchEnd))}`,
    `| → emit 1 ${median(switches.map((s) => at(s, 0)?.start - touchEnd(s)))}`,
    `| listeners in emit 1 ${median(switches.map((s) => at(s, 0)?.busy))}`,
    `| → emit 2 ${median(switches.map((s) => at(s, 1)?.start - at(s, 0)?.end))}`,
    `| listeners in emit 2 ${median(switches.map((s) => at(s, 1)?.busy))}`,
    `| → DOM ${median(switches.map((s) => s.dom - at(s, s.emits.length - 1)?.end))}`,
    `| DOM ${median(switches.map((s) => s.dom))} (from touch end ${median(switches.map((s) => s.dom - touchEnd(s)))})`,
    `| frame ${median(switches.map((s) => s.frame))} ms after the click`,
  );
}
