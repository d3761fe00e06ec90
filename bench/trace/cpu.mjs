// CPU time (thread time, tdur of top-level tasks) per thread inside the switch windows, and
// main-thread frames during the touch flight.
import { readFileSync } from "node:fs";
const res = {};
let n = 0;
const frames = [];
for (const file of process.argv.slice(2)) {
  const ev = JSON.parse(readFileSync(file)).traceEvents;
  const names = {};
  for (const e of ev) if (e.name === "thread_name") names[`${e.pid}:${e.tid}`] = e.args.name;
  const pnames = {};
  for (const e of ev) if (e.name === "process_name") pnames[e.pid] = e.args.name;
  const marks = ev.filter((e) => e.cat === "blink.user_timing" && /^sw\d+:/.test(e.name));
  const wins = [];
  for (let i = 0; ; i++) {
    const c = marks.find((m) => m.name === `sw${i}:click`);
    if (!c) break;
    wins.push([c.ts, marks.find((m) => m.name === `sw${i}:raf`).ts]);
  }
  n += wins.length;
  const top = ev.filter((e) => e.ph === "X" && (e.name === "ThreadControllerImpl::RunTask" || e.name === "ThreadPool_RunTask" || e.name === "TaskGraphRunner::RunTask") && e.tdur != null);
  for (const e of top) {
    if (!wins.some(([a, b]) => e.ts >= a && e.ts < b)) continue;
    const k = `${pnames[e.pid] ?? e.pid}/${names[`${e.pid}:${e.tid}`] ?? e.tid}`;
    res[k] = (res[k] ?? 0) + e.tdur;
  }
  const { pid, tid } = marks[0];
  const bmf = ev.filter((e) => e.pid === pid && e.tid === tid && e.name === "BeginMainThreadFrame");
  for (const [a, b] of wins) frames.push(bmf.filter((e) => e.ts >= a && e.ts < b).length);
}
console.log(`windows: ${n}; main-thread frames per window: mean ${(frames.reduce((a, b) => a + b, 0) / n).toFixed(1)}`);
for (const [k, v] of Object.entries(res).sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`  ${(v / n / 1000).toFixed(2).padStart(7)} ms CPU/switch  ${k}`);
