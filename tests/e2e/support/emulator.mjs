// Starting clerk-emulator from Node, with nothing else loaded (no browser driver), so that
// the end-to-end harness and the load test share it.

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";

// The header the emulator's own routes (/__emulator/...) want the admin token in.
export const ADMIN_TOKEN_HEADER = "x-emulator-admin-token";

// Spawns EMULATOR_BIN with `args` (plus `--port 0`) and resolves once it prints its
// address: `{child, origin, requests, adminToken}`. With `log`, `requests` collects its
// per-request log lines ("POST /__clerk/v1/client/... -> 200"); without, that log is
// discarded (under load it would only grow). The admin token is made up here, one per
// emulator, and handed over in the environment, where the process list does not show it.
export async function spawnEmulator(args, { log = true } = {}) {
  const bin = process.env.EMULATOR_BIN;
  if (!bin) throw new Error("EMULATOR_BIN is not set (cargo xtask test sets it)");
  const adminToken = randomBytes(32).toString("hex");
  const child = spawn(bin, ["--port", "0", ...args], {
    stdio: ["ignore", "pipe", log ? "pipe" : "ignore"],
    env: { ...process.env, CLERK_EMULATOR_ADMIN_TOKEN: adminToken },
  });
  const requests = [];
  if (log) {
    child.stderr.setEncoding("utf8");
    let partial = "";
    child.stderr.on("data", (chunk) => {
      // Writes can arrive in pieces: only complete lines count.
      const lines = (partial + chunk).split("\n");
      partial = lines.pop();
      requests.push(...lines.filter(Boolean));
    });
  }
  const origin = await new Promise((resolve, reject) => {
    let output = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`clerk-emulator exited (${code}) before listening: ${requests.join("\n")}`)));
    setTimeout(() => reject(new Error("clerk-emulator did not start within 10 s")), 10_000).unref();
  });
  return { child, origin, requests, adminToken };
}
