// Traces N switches per app (Chrome trace with devtools.timeline + V8 CPU samples at 100 µs),
// the benchmark's way of switching (same page.evaluate), plus marks: click, dom (MutationObserver
// saw session-id change), raf (the benchmark's end). Writes traces/<app>-<round>.json.
//
// env: SITE, EMULATOR_BIN, CHROMIUM, N (switches traced per page, default 40), ROUNDS (default 2),
//      SAMPLING_US (default 100), NOTRACE=1 to only time (no tracing) with the marks.
import { mkdirSync, writeFileSync } from "node:fs";
import { isolatedPage, launchBrowser, startEmulator } from "../../tests/e2e/support/harness.mjs";
import { APPS, clickPhaseMs, switchInPage } from "../apps.mjs";

const SITE = process.env.SITE;
const N = Number(process.env.N ?? 40);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const SAMPLING = Number(process.env.SAMPLING_US ?? 100);
const NOTRACE = !!process.env.NOTRACE;
const OUTDIR = process.env.TRACES ?? "traces";
mkdirSync(OUTDIR, { recursive: true });

const browser = await launchBrowser([`--js-flags=--cpu-profiler-sampling-interval=${SAMPLING}`]);
const emulator = await startEmulator({ serveDir: SITE });

async function oneSwitch(page, app, i) {
  const names = ["Grace Hopper", "Ada Lovelace"];
  return page.evaluate(switchInPage, {
    selector: app.switchTarget(names[i % 2]),
    phaseMs: clickPhaseMs(i),
    mark: `sw${i}`,
  });
}

const results = { leptos: [], react: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const name of round % 2 ? ["react", "leptos"] : ["leptos", "react"]) {
    const app = APPS[name];
    const { context, page } = await isolatedPage(browser, emulator.origin);
    await page.goto(emulator.origin + app.url);
    await page.getByTestId("session-id").waitFor({ timeout: 20_000 });
    for (let i = 0; i < 4; i++) {
      await app.open(page);
      await oneSwitch(page, app, 1000 + i);
    }
    const cdp = await context.newCDPSession(page);
    const events = [];
    if (!NOTRACE) {
      cdp.on("Tracing.dataCollected", (m) => events.push(...m.value));
      await cdp.send("Tracing.start", {
        traceConfig: {
          recordMode: "recordContinuously",
          includedCategories: [
            "devtools.timeline",
            "disabled-by-default-devtools.timeline",
            "disabled-by-default-devtools.timeline.frame",
            "v8.execute",
            "v8",
            "blink.user_timing",
            "disabled-by-default-v8.cpu_profiler",
            "disabled-by-default-v8.gc",
            "loading",
            "toplevel",
            "blink",
          ],
        },
        transferMode: "ReportEvents",
      });
    }
    const reqBefore = emulator.requests.length;
    for (let i = 0; i < N; i++) {
      await app.open(page);
      const r = await oneSwitch(page, app, i);
      results[name].push({ round, i, ...r });
    }
    const reqs = emulator.requests.slice(reqBefore);
    if (!NOTRACE) {
      const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
      await cdp.send("Tracing.end");
      await done;
      writeFileSync(`${OUTDIR}/${name}-${round}.json`, JSON.stringify({ traceEvents: events }));
    }
    writeFileSync(`${OUTDIR}/${name}-${round}-requests.txt`, reqs.join("\n") + "\n");
    await context.close();
  }
}
await browser.close();
emulator.stop();
writeFileSync(`${OUTDIR}/results.json`, JSON.stringify(results, null, 1));

const median = (v) => {
  const s = v.filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};
const q = (v, p) => {
  const s = v.filter((x) => x != null).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
for (const name of ["leptos", "react"]) {
  const r = results[name];
  const touchEnd = r.map((x) => x.touch?.responseEnd);
  const touchStart = r.map((x) => x.touch?.start);
  const f = (v) => `${median(v).toFixed(1)} [p10 ${q(v, 0.1).toFixed(1)}, p90 ${q(v, 0.9).toFixed(1)}]`;
  console.log(
    name,
    `n=${r.length} frame ${f(r.map((x) => x.frame))} | dom ${f(r.map((x) => x.dom))} | touch start ${f(touchStart)} end ${f(touchEnd)} | dom-touchEnd ${f(r.map((x, k) => x.dom - touchEnd[k]))}`,
  );
}
