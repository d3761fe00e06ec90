// Attributes each traced switch's click → raf time (see trace.mjs) to buckets, from the
// renderer main thread's trace events and V8 CPU samples. Usage: node analyze.mjs traces/leptos-*.json
import { readFileSync } from "node:fs";

const files = process.argv.slice(2);
const perSwitch = [];
const selfTotals = new Map(); // function → µs (self, leaf), within windows
const importCalls = new Map();
let windowsTotal = 0;
const oursByEntry = new Map();
const oursByLeaf = new Map();

function category(frame) {
  const url = frame.url ?? "";
  const fn = frame.functionName;
  if (fn === "(idle)") return "idle";
  if (fn === "(program)") return "program";
  if (fn === "(garbage collector)") return "gc";
  if (fn === "(root)") return "program";
  if (url.includes("/clerk-js/")) return "clerk-js";
  if (url.endsWith(".wasm")) return frame.codeType === "wasm" ? "wasm" : "wasm-boundary";
  if (frame.codeType === "wasm") return "wasm-boundary";
  if (/leptos-clerk-bench-app-.*\.js$/.test(url)) return "glue";
  if (url.includes("/react/assets/")) return "react-bundle";
  return null; // builtin / unnamed: attribute to caller
}

const RENDER = new Set([
  "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit", "HitTest",
  "LocalFrameView::UpdateStyleAndLayout", "Document::UpdateStyleAndLayout", "UpdateLayer",
  "PaintImage", "RasterTask", "IntersectionObserverController::computeIntersections",
]);

for (const file of files) {
  const events = JSON.parse(readFileSync(file)).traceEvents;
  const marks = events.filter((e) => e.cat === "blink.user_timing" && /^sw\d+:/.test(e.name));
  const pid = marks[0].pid;
  const tid = marks[0].tid;
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === "X");
  const byName = (n) => main.filter((e) => e.name === n);
  const renderEvents = main.filter((e) => RENDER.has(e.name)).map((e) => [e.ts, e.ts + e.dur, e.name]);
  const gcEvents = main
    .filter((e) => /GC|Scavenge|MarkCompact|V8.GC/.test(e.name) && e.dur > 0)
    .map((e) => [e.ts, e.ts + e.dur]);
  const tasks = byName("RunTask").map((e) => [e.ts, e.ts + e.dur]);
  // Network events for /touch
  const net = events.filter((e) => e.pid === pid && /^Resource(SendRequest|ReceiveResponse|Finish|ReceivedData)$/.test(e.name));
  const touchReq = new Map();
  for (const e of net) {
    const d = e.args.data;
    const id = d.requestId;
    if (e.name === "ResourceSendRequest" && d.url.includes("/touch")) touchReq.set(id, { send: e.ts });
    const r = touchReq.get(id);
    if (!r) continue;
    if (e.name === "ResourceReceiveResponse") {
      r.response = e.ts;
      r.timing = d.timing;
    }
    if (e.name === "ResourceFinish") {
      r.finish = e.ts;
      r.finishTime = d.finishTime;
    }
  }
  const touches = [...touchReq.values()].sort((a, b) => a.send - b.send);

  // CPU profile of the main thread.
  const profile = events.find((e) => e.name === "Profile" && e.tid === tid && e.pid === pid);
  const nodes = new Map();
  const samples = [];
  let t = profile.args.data.startTime;
  for (const e of events) {
    if (e.name !== "ProfileChunk" || e.id !== profile.id || e.pid !== pid) continue;
    const cp = e.args.data.cpuProfile ?? {};
    for (const n of cp.nodes ?? []) nodes.set(n.id, n);
    const deltas = e.args.data.timeDeltas ?? [];
    (cp.samples ?? []).forEach((id, k) => {
      t += deltas[k];
      samples.push([t, id]);
    });
  }
  samples.sort((a, b) => a[0] - b[0]);
  const catOf = new Map();
  const leafOf = new Map();
  function classify(id) {
    if (catOf.has(id)) return catOf.get(id);
    let n = nodes.get(id);
    let c = null;
    let leaf = n;
    let stackHasOurs = false;
    let stackHasClerk = false;
    let stackHasReact = false;
    let walk = n;
    while (walk) {
      const cc = category(walk.callFrame);
      if (cc === "wasm" || cc === "glue" || cc === "wasm-boundary") stackHasOurs = true;
      if (cc === "clerk-js") stackHasClerk = true;
      if (cc === "react-bundle") stackHasReact = true;
      if (c == null && cc != null) {
        c = cc;
        leaf = walk;
      }
      walk = nodes.get(walk.parent);
    }
    const r = { self: c ?? "other-js", leaf, stackHasOurs, stackHasClerk, stackHasReact, node: n };
    catOf.set(id, r);
    return r;
  }
  const inside = (list, ts) => list.some(([a, b]) => ts >= a && ts < b);
  let lastEnd = null;
  for (let i = 0; ; i++) {
    const click = marks.find((m) => m.name === `sw${i}:click`);
    if (!click) break;
    const dom = marks.find((m) => m.name === `sw${i}:dom`);
    const raf = marks.find((m) => m.name === `sw${i}:raf`);
    const t0 = click.ts;
    const t3 = raf.ts;
    const touch = touches.find((r) => r.send >= t0 && r.send < t3);
    const phases = {
      clickToSend: touch.send - t0,
      sendToFinish: (touch.finish ?? touch.response) - touch.send,
      finishToDom: dom.ts - (touch.finish ?? touch.response),
      domToRaf: t3 - dom.ts,
      total: t3 - t0,
      serverTiming: touch.timing ? touch.timing.receiveHeadersEnd - touch.timing.sendStart : null,
    };
    // Buckets by phase × category, from samples in [t0, t3).
    const buckets = {};
    const add = (k, v) => (buckets[k] = (buckets[k] ?? 0) + v);
    const within = samples.filter(([ts]) => ts >= t0 && ts < t3);
    for (let k = 0; k < within.length; k++) {
      const [ts, id] = within[k];
      const next = k + 1 < within.length ? within[k + 1][0] : t3;
      const dur = Math.min(next, t3) - ts;
      const phase =
        ts < touch.send ? "A:click→send" : ts < (touch.finish ?? touch.response) ? "B:send→finish" : ts < dom.ts ? "C:finish→dom" : "D:dom→raf";
      const c = classify(id);
      let cat = c.self;
      if (cat === "program" || cat === "idle") {
        if (inside(renderEvents, ts)) cat = "render (style/layout/paint)";
        else if (cat === "program" && inside(gcEvents, ts)) cat = "gc";
        else if (cat === "program" && !inside(tasks, ts)) cat = "idle";
      }
      if (cat === "program" && inside(tasks, ts)) cat = "browser-native (in task, not JS)";
      add(`${phase}|${cat}`, dur);
      add(`*|${cat}`, dur);
      if (c.stackHasOurs) add(`*|incl:ours(wasm+glue on stack)`, dur);
      if (c.stackHasClerk) add(`*|incl:clerk-js on stack`, dur);
      if (c.stackHasReact) add(`*|incl:react bundle on stack`, dur);
      if (c.self !== "idle" && c.self !== "program") {
        const f = c.leaf.callFrame;
        const key = `${c.self}  ${f.functionName || "(anon)"} ${f.url ? f.url.replace(/^.*\//, "") : ""}:${f.lineNumber ?? ""}:${f.columnNumber ?? ""}`;
        selfTotals.set(key, (selfTotals.get(key) ?? 0) + dur);
      }
    }
    // Critical path: the task in which the DOM changed (its start/end), and samples in it.
    const domTask = tasks.find(([a, b]) => dom.ts >= a && dom.ts < b) ?? [dom.ts, dom.ts];
    const fin = touch.finish ?? touch.response;
    const cp = {
      "1 click→touch sent": touch.send - t0,
      "2 touch in flight (network+emulator)": fin - touch.send,
      "3 touch done→DOM task starts": domTask[0] - fin,
      "4 DOM task (response handling+render)": domTask[1] - domTask[0],
      "5 DOM task end→rAF (poll+frame wait)": t3 - domTask[1],
    };
    const inTask = {};
    for (let k = 0; k < samples.length; k++) {
      const [ts, id] = samples[k];
      if (ts < domTask[0] || ts >= domTask[1]) continue;
      const next = Math.min(samples[k + 1]?.[0] ?? domTask[1], domTask[1]);
      const c = classify(id);
      let cat = c.self;
      const fnName = c.leaf.callFrame.functionName ?? "";
      if (cat === "glue" && c.leaf.callFrame.lineNumber === 287) cat = "ours: focus() (forced style+layout)";
      else if (cat === "glue" && /nodeValue|setAttribute|remove|append|insert|classList|textContent|createElement|createTextNode|add_|before/i.test(fnName)) cat = "ours: DOM writes (glue)";
      else if (cat === "glue" || cat === "wasm" || cat === "wasm-boundary") cat = "ours: wasm + glue (convert, signals, effects)";
      else if (cat === "program" && inside(renderEvents, ts)) cat = "style/layout (forced)";
      else if (cat === "program" && inside(gcEvents, ts)) cat = "gc";
      else if (cat === "program") cat = "browser-native other";
      inTask[cat] = (inTask[cat] ?? 0) + (next - ts);
      if (c.stackHasOurs && c.self !== "clerk-js") {
        // outermost wasm-bindgen closure entry on the stack, and the leaf
        let w = c.node, entry = "(no closure entry)";
        while (w) { const fnm = w.callFrame.functionName ?? ""; if (/invoke__h|^real$/.test(fnm) && /invoke__h/.test(fnm)) entry = fnm.replace(/wasm_bindgen__convert__closures_____invoke__/, "closure "); w = nodes.get(w.parent); }
        const lf = c.leaf.callFrame;
        const leafName = c.self === "wasm" ? "wasm code" : `${lf.functionName || "(anon)"}@${lf.lineNumber + 1}`;
        const k1 = `${entry}`; oursByEntry.set(k1, (oursByEntry.get(k1) ?? 0) + (next - ts));
        const k2 = `${entry.slice(0,14)} ${leafName}`; oursByLeaf.set(k2, (oursByLeaf.get(k2) ?? 0) + (next - ts));
      }
    }
    // Render events in the window (main thread): total wall.
    let renderWall = 0;
    for (const [a, b] of renderEvents) if (a >= t0 && a < t3) renderWall += b - a;
    perSwitch.push({ file, i, phases, buckets, renderWall, nSamples: within.length, cp, inTask });
    windowsTotal++;
  }
}

const median = (v) => {
  const s = v.filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};
const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
const ms = (us) => (us / 1000).toFixed(2);
console.log(`switches: ${perSwitch.length}, samples/switch median ${median(perSwitch.map((s) => s.nSamples))}`);
console.log("phase medians (ms):");
for (const k of ["clickToSend", "sendToFinish", "finishToDom", "domToRaf", "total", "serverTiming"]) {
  const v = perSwitch.map((s) => s.phases[k]);
  console.log(`  ${k.padEnd(14)} median ${ms(median(v) * (k === "serverTiming" ? 1000 : 1))}  mean ${ms(mean(v.filter((x) => x != null)) * (k === "serverTiming" ? 1000 : 1))}`);
}
const keys = new Set(perSwitch.flatMap((s) => Object.keys(s.buckets)));
console.log("buckets (ms per switch): median | mean");
for (const k of [...keys].sort()) {
  const v = perSwitch.map((s) => s.buckets[k] ?? 0);
  console.log(`  ${k.padEnd(60)} ${ms(median(v)).padStart(7)} | ${ms(mean(v)).padStart(7)}`);
}
console.log("critical path (ms): median | mean | p10 | p90");
const q = (v, p) => { const s = [...v].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
for (const k of Object.keys(perSwitch[0].cp)) {
  const v = perSwitch.map((s) => s.cp[k]);
  console.log(`  ${k.padEnd(44)} ${ms(median(v)).padStart(7)} | ${ms(mean(v)).padStart(7)} | ${ms(q(v, 0.1)).padStart(7)} | ${ms(q(v, 0.9)).padStart(7)}`);
}
console.log("  inside the DOM task, by CPU samples (ms): median | mean");
for (const k of [...new Set(perSwitch.flatMap((s) => Object.keys(s.inTask)))].sort()) {
  const v = perSwitch.map((s) => s.inTask[k] ?? 0);
  console.log(`    ${k.padEnd(50)} ${ms(median(v)).padStart(7)} | ${ms(mean(v)).padStart(7)}`);
}
console.log(`render events wall in window: median ${ms(median(perSwitch.map((s) => s.renderWall)))} ms`);
console.log("ours in the DOM task, by outermost closure entry (ms/switch):");
for (const [k, v] of [...oursByEntry.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${ms(v / windowsTotal).padStart(7)}  ${k}`);
console.log("ours in the DOM task, by leaf (glue line = 1-based line in the JS glue) (ms/switch):");
for (const [k, v] of [...oursByLeaf.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${ms(v / windowsTotal).padStart(7)}  ${k}`);
console.log("top self-time (leaf, attributed to nearest categorized frame), ms per switch:");
for (const [k, v] of [...selfTotals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${ms(v / windowsTotal).padStart(7)}  ${k}`);
