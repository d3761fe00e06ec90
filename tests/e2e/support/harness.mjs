// Shared set-up for the end-to-end tests: one clerk-emulator serving the Trunk-built demo
// on loopback, and headless Debian Chromium driven by playwright-core.
//
// `cargo xtask test` sets EMULATOR_BIN, DEMO_DIST, CHROMIUM and SCREENSHOTS.

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

import { ADMIN_TOKEN_HEADER, spawnEmulator } from "./emulator.mjs";

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the end-to-end tests through \`cargo xtask test\``);
  }
  return value;
}

// Starts the emulator on a free loopback port; resolves once it prints its address.
// `config` names a file under tests/e2e/fixtures; without it the emulator's default is used.
// `serveDir` is the built app it serves (default: the demo, DEMO_DIST); `strictCsp` serves its
// pages under a strict, nonce-based Content-Security-Policy.
export async function startEmulator({ config, serveDir, strictCsp } = {}) {
  const args = ["--serve-dir", serveDir ?? required("DEMO_DIST")];
  if (strictCsp) args.push("--strict-csp");
  if (config) args.push("--config", fileURLToPath(new URL(`../fixtures/${config}`, import.meta.url)));
  const { child, origin, requests, adminToken } = await spawnEmulator(args);
  // Calls one of the emulator's own routes, with the admin token it was started with.
  const own = (path, init = {}) =>
    fetch(`${origin}/__emulator/${path}`, { ...init, headers: { ...init.headers, [ADMIN_TOKEN_HEADER]: adminToken } }).then(
      async (response) => {
        if (!response.ok) throw new Error(`/__emulator/${path} answered ${response.status}: ${await response.text()}`);
        return response.json();
      },
    );
  const touches = () => own("touches");
  return {
    origin,
    // The emulator's log, one line per request: "POST /__clerk/v1/client/... -> 200".
    requests,
    // Calls one of the emulator's own routes (revocation and the like).
    admin: (path, body) =>
      own(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    // Every touch that reached the emulator: {session_id, at, status, intent}.
    touches,
    // The touches leptos-clerk made (clerk-js' own carry an intent: focus, select_session).
    ourTouches: () => touches().then((all) => all.filter((touch) => touch.intent === "")),
    stop: () => child.kill(),
  };
}

export async function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: required("CHROMIUM"),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

// A fresh browser context (no cookies, no storage) that refuses and records every request
// leaving loopback, so a test can assert the page talked to nothing else.
export async function isolatedPage(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, locale: "en-GB" });
  const outside = [];
  await context.route(
    (url) => !isLoopback(url),
    (route) => {
      outside.push(route.request().url());
      return route.abort();
    },
  );
  await context.addInitScript(countClerkListeners);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, outside, errors, origin };
}

// Polls `check` until it returns something truthy (and returns that), or fails the test
// after `timeoutMs`, naming `what` it waited for.
export async function waitUntil(check, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Hides the demo's Clerk <UserButton> for the context's pages (the demo keeps the choice in
// localStorage), so a test about something else loads none of Clerk's UI. Tests that drive
// a fake clock need this: jumping hours ahead times out @clerk/ui's chunk loads.
export async function withoutClerkUi(context) {
  await context.addInitScript(() => localStorage.setItem("leptos-clerk-demo.show-user-button", "false"));
}

// Appends figures for the reliability table (docs/reliability.md) to RELIABILITY/<name>.json.
export function recordFigures(name, figures) {
  const dir = process.env.RELIABILITY;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

function isLoopback(url) {
  if (url.protocol === "data:" || url.protocol === "blob:") return true;
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

export async function screenshot(page, name) {
  const dir = required("SCREENSHOTS");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Decodes a JWT's payload (no verification: this only reads what went over the wire).
export function jwtClaims(jwt) {
  const payload = jwt.split(".")[1];
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
}

// Runs in the page before any script: counts the listeners subscribed to clerk-js through
// `addListener` as `window.__clerkListeners`: ours, one of clerk-js' own, and those of Clerk's
// UI (@clerk/ui), which subscribes when its components mount.
function countClerkListeners() {
  let clerk;
  window.__clerkListeners = 0;
  Object.defineProperty(window, "Clerk", {
    configurable: true,
    get: () => clerk,
    set(value) {
      clerk = value;
      if (!value || typeof value.addListener !== "function" || value.__listenersCounted) return;
      const addListener = value.addListener.bind(value);
      value.addListener = (callback, options) => {
        window.__clerkListeners += 1;
        const unsubscribe = addListener(callback, options);
        let done = false;
        return () => {
          if (!done) {
            done = true;
            window.__clerkListeners -= 1;
          }
          return unsubscribe();
        };
      };
      value.__listenersCounted = true;
    },
  });
}

// Signs in through the demo's form and waits until the card shows that user.
export async function signIn(page, email, password, expectedName) {
  await page.locator("#sign-in-email").fill(email);
  await page.locator("input[name=password]").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  if (expectedName) {
    await page.getByTestId("user-name").filter({ hasText: expectedName }).waitFor({ timeout: 10_000 });
  }
}

// Registers before/after hooks that start one emulator (with `options`, see startEmulator)
// and one browser for the calling test file; their handles appear on the returned object.
export function sharedEmulatorAndBrowser(options) {
  const shared = {};
  before(async () => {
    shared.emulator = await startEmulator(options);
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    shared.emulator?.stop();
  });
  return shared;
}

// The same for a browser alone, for files whose tests each start their own emulator.
export function sharedBrowser() {
  const shared = {};
  before(async () => {
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
  });
  return shared;
}

// Records every Frontend API call the page makes (`POST /v1/client/sign_ins`…), with its
// form body, for asserting what crossed the wire.
export function recordFapiCalls(page) {
  const calls = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith("/__clerk/")) return;
    const method = url.searchParams.get("_method") ?? request.method();
    calls.push({
      call: `${method} ${url.pathname.replace("/__clerk", "")}`,
      body: Object.fromEntries(new URLSearchParams(request.postData() ?? "")),
    });
  });
  return calls;
}

// The recorded calls whose `call` matches `pattern`.
export const matchingCalls = (calls, pattern) => calls.filter(({ call }) => pattern.test(call));
