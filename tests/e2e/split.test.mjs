// The benchmark app built with code splitting (leptos-clerk's feature `split`, built by
// `cargo xtask` as cargo-leptos `--split` would): the session shows from the first download,
// and the switcher and the refresh timer work from the module fetched after it. If that
// module cannot be fetched, the page says so and loses nothing else.
//
// `cargo xtask test` sets SPLIT_DIST to that build.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { isolatedPage, launchBrowser, screenshot, startEmulator, waitUntil } from "./support/harness.mjs";

const MINUTE = 60_000;
const SPLIT_PART = /\/(split|chunk)_[^/]*\.wasm$/;

function splitDist() {
  const dist = process.env.SPLIT_DIST;
  if (!dist) throw new Error("SPLIT_DIST is not set: run the end-to-end tests through `cargo xtask test`");
  return dist;
}

const shared = {};
before(async () => {
  shared.browser = await launchBrowser();
});
after(async () => {
  await shared.browser?.close();
});

const trigger = (page) => page.locator(".lc-switcher__trigger");

// Opens the page and records which of its requests fetched a split-off part.
async function openApp(emulator, { blockSplitParts = false } = {}) {
  const opened = await isolatedPage(shared.browser, emulator.origin);
  const parts = [];
  opened.page.on("request", (request) => {
    if (SPLIT_PART.test(new URL(request.url()).pathname)) parts.push(new URL(request.url()).pathname);
  });
  if (blockSplitParts) await opened.context.route(SPLIT_PART, (route) => route.abort());
  return { ...opened, parts };
}

test("the session shows from the first download; the switcher comes from the split-off part and switches", async () => {
  const emulator = await startEmulator({ serveDir: splitDist() });
  const { context, page, parts, outside, errors } = await openApp(emulator);
  try {
    await page.goto(emulator.origin);
    await page.getByTestId("session-id").waitFor({ timeout: 20_000 });
    const first = await page.getByTestId("session-id").textContent();

    // The trigger names the current account once the part has arrived and clerk-js loaded.
    await trigger(page).filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 20_000 });
    assert.equal(parts.length, 1, `one split-off part fetched, got ${JSON.stringify(parts)}`);

    await trigger(page).click();
    await page.getByRole("menu", { name: "Accounts" }).waitFor();
    await screenshot(page, "split-switcher-open");
    await page.getByRole("menuitem", { name: "Switch to Grace Hopper" }).click();
    await page.getByTestId("user-name").filter({ hasText: "Grace Hopper" }).waitFor({ timeout: 10_000 });
    assert.notEqual(await page.getByTestId("session-id").textContent(), first);
    await trigger(page).filter({ hasText: "Grace Hopper" }).waitFor();

    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    emulator.stop();
  }
});

test("a split-off part that arrives after clerk-js: the switcher waits in its loading state, then works", async () => {
  const emulator = await startEmulator({ serveDir: splitDist() });
  const { context, page, errors } = await openApp(emulator);
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await context.route(SPLIT_PART, async (route) => {
    await held;
    await route.continue();
  });
  try {
    await page.goto(emulator.origin);
    // clerk-js has loaded and the card shows the session; the part is still held back.
    await page.getByTestId("user-name").filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 20_000 });
    assert.equal(await trigger(page).textContent(), "Loading accounts…");
    assert.equal(await trigger(page).isDisabled(), true);
    // The benchmark app's own class is on the stand-in too: nothing moves when the part lands.
    assert.match(await page.locator(".lc-switcher").getAttribute("class"), /lc-switcher--align-start/);
    release();
    await trigger(page).filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 20_000 });
    assert.equal(await trigger(page).isDisabled(), false);
    assert.deepEqual(errors, []);
  } finally {
    release();
    await context.close();
    emulator.stop();
  }
});

test("without the split-off part the session still shows, and the switcher says it is unavailable", async () => {
  const emulator = await startEmulator({ serveDir: splitDist() });
  const { context, page, parts, errors } = await openApp(emulator, { blockSplitParts: true });
  try {
    await page.goto(emulator.origin);
    await page.getByTestId("user-name").filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 20_000 });
    await trigger(page).filter({ hasText: "Accounts unavailable" }).waitFor({ timeout: 20_000 });
    assert.ok(parts.length >= 1, "the page asked for the split-off part");
    assert.equal(await trigger(page).isDisabled(), true);
    await screenshot(page, "split-part-unavailable");
    // The session goes on: the card's countdown still ticks.
    const shown = await page.getByTestId("expires-in").textContent();
    await waitUntil(
      async () => (await page.getByTestId("expires-in").textContent()) !== shown,
      "the card's countdown to tick",
      5_000,
    );
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    emulator.stop();
  }
});

test("the refresh timer, from the split-off part, touches the session before it expires", async () => {
  // Ada's session expires 10 minutes after its last activity (tests/e2e/fixtures/refresh.toml).
  const emulator = await startEmulator({ serveDir: splitDist(), config: "refresh.toml" });
  const { context, page, parts } = await openApp(emulator);
  try {
    await context.clock.install();
    await page.goto(emulator.origin);
    await page.getByTestId("session-id").waitFor({ timeout: 20_000 });
    await waitUntil(async () => parts.length === 1, "the split-off part to be fetched");
    await trigger(page).filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 20_000 });
    assert.deepEqual(await emulator.ourTouches(), []);

    // The clock jumps to five minutes before the session expires (when the timer is due)
    // and runs for at most a minute of page time, in steps; the page's and the emulator's
    // clocks move together.
    const now = await page.evaluate(() => Date.now());
    const due = now + 5 * MINUTE;
    await emulator.admin("clock", { offset_ms: due - Date.now() });
    await context.clock.fastForward(due - now);
    let touches = [];
    for (let step = 0; step < 4 && touches.length === 0; step++) {
      await context.clock.runFor(15_000);
      await emulator.admin("clock", { offset_ms: (await page.evaluate(() => Date.now())) - Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 250));
      touches = await emulator.ourTouches();
    }
    assert.equal(touches.length, 1, `one touch, got ${JSON.stringify(touches)}`);
  } finally {
    await context.close();
    emulator.stop();
  }
});
