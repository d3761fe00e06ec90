// Load on clerk-emulator: N clients (default 200) each signed in to two accounts, doing what
// a clerk-js tab does (load the client, get a token, touch, switch) as fast as they can
// for S seconds (default 60), against one emulator on loopback.
//
// Reports p50/p99 latency per operation, the error count, and the emulator's resident memory
// after warm-up and at the end; writes them to OUT (default target/reliability/load.json).
// Exits non-zero on any error, or if memory grew by more than a fifth after warm-up.
//
//   EMULATOR_BIN=target/debug/clerk-emulator node tests/load/emulator-load.mjs [--clients 200] [--seconds 60]

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { spawnEmulator } from "../e2e/support/emulator.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const CLIENTS = Number(args.clients ?? 200);
const SECONDS = Number(args.seconds ?? 60);
const WARM_UP_SECONDS = Math.min(10, SECONDS / 4);
const OUT = process.env.OUT ?? "target/reliability/load.json";
const CONFIG = fileURLToPath(new URL("../e2e/fixtures/multi-session.toml", import.meta.url));
const ACCOUNTS = [
  ["ada@example.test", "analytical-engine"],
  ["grace@example.test", "compiler-first"],
];

function residentKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmRSS:\s+(\d+) kB/)[1]);
}

const latencies = { load: [], token: [], touch: [], switch: [] };
const errors = [];
let crashed = false;

async function call(origin, op, method, route, db, body) {
  const url = `${origin}/v1${route}?__clerk_db_jwt=${db}`;
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method,
      headers: body ? { "content-type": "application/x-www-form-urlencoded" } : {},
      body: body ? new URLSearchParams(body) : undefined,
    });
    const json = await response.json();
    if (op) latencies[op].push(performance.now() - started);
    if (!response.ok) errors.push(`${op ?? route}: ${response.status} ${JSON.stringify(json).slice(0, 200)}`);
    return json;
  } catch (error) {
    errors.push(`${op ?? route}: ${error.message}`);
    return null;
  }
}

// One browser: a dev-browser client signed in to both accounts, then the loop.
async function client(origin, deadline) {
  const dev = await fetch(`${origin}/v1/dev_browser`, { method: "POST" }).then((r) => r.json());
  const sessions = [];
  for (const [identifier, password] of ACCOUNTS) {
    const signIn = await call(origin, null, "POST", "/client/sign_ins", dev.id, { identifier, password });
    const id = signIn?.response?.created_session_id;
    if (id) sessions.push(id);
  }
  if (sessions.length !== 2) return;
  let active = 0;
  for (let step = 0; performance.now() < deadline; step++) {
    const session = sessions[active];
    switch (step % 4) {
      case 0:
        await call(origin, "load", "GET", "/client", dev.id);
        break;
      case 1:
        await call(origin, "token", "POST", `/client/sessions/${session}/tokens`, dev.id, {});
        break;
      case 2:
        await call(origin, "touch", "POST", `/client/sessions/${session}/touch`, dev.id, { active_organization_id: "" });
        break;
      default:
        active = 1 - active;
        await call(origin, "switch", "POST", `/client/sessions/${sessions[active]}/touch`, dev.id, {
          active_organization_id: "",
          intent: "select_session",
        });
    }
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// Its per-request log is discarded: at this rate it would only measure the pipe.
const { child, origin } = await spawnEmulator(["--config", CONFIG], { log: false });
child.on("exit", () => (crashed = true));
const started = performance.now();
const deadline = started + SECONDS * 1000;
let warmMemory = null;
const warmUp = setTimeout(() => (warmMemory = residentKiB(child.pid)), WARM_UP_SECONDS * 1000);
const startMemory = residentKiB(child.pid);
await Promise.all(Array.from({ length: CLIENTS }, () => client(origin, deadline)));
clearTimeout(warmUp);
const endMemory = crashed ? null : residentKiB(child.pid);
child.kill();

const report = {
  clients: CLIENTS,
  seconds: SECONDS,
  crashed,
  errors: errors.length,
  firstErrors: errors.slice(0, 5),
  memoryKiB: { start: startMemory, afterWarmUp: warmMemory, end: endMemory },
  operations: Object.fromEntries(
    Object.entries(latencies).map(([op, values]) => {
      const sorted = values.sort((a, b) => a - b);
      const round = (ms) => (ms === null ? null : Math.round(ms * 100) / 100);
      return [op, { count: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)) }];
    }),
  ),
};
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));

const grewTooMuch = warmMemory !== null && endMemory !== null && endMemory > warmMemory * 1.2;
if (crashed || errors.length > 0 || grewTooMuch) {
  console.error(crashed ? "the emulator crashed" : grewTooMuch ? "memory grew after warm-up" : `${errors.length} errors`);
  process.exit(1);
}
