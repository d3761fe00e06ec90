// The demo, built by Trunk, with the real clerk-js 6 talking to clerk-emulator.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, jwtClaims, screenshot, sharedEmulatorAndBrowser } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser();

test("the demo shows the seeded user's session from real clerk-js", async () => {
  const { context, page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(shared.emulator.origin);
    const name = page.getByTestId("user-name");
    await name.waitFor({ timeout: 20_000 });
    assert.equal(await name.textContent(), "Ada Lovelace");
    assert.equal(await page.getByTestId("user-email").textContent(), "ada@example.test");
    assert.equal(await page.getByTestId("session-status").textContent(), "active");

    const sessionId = await page.getByTestId("session-id").textContent();
    assert.match(sessionId, /^sess_[0-9a-f]+$/);
    // The emulator's default lifetime is 7 days: the countdown starts just under it.
    assert.match(await page.getByTestId("expires-in").textContent(), /^6 d 23:59:\d\d/);
    assert.match(await page.getByTestId("last-active").textContent(), /^(just now|\d+ s ago)/);

    // What crossed the wire: clerk-js put the emulator's token for that same session in
    // the __session cookie.
    const cookie = (await context.cookies()).find((c) => c.name === "__session");
    assert.ok(cookie, "clerk-js set a __session cookie");
    assert.equal(jwtClaims(cookie.value).sid, sessionId);
    const calls = shared.emulator.requests.join("\n");
    assert.match(calls, /POST \/__clerk\/v1\/dev_browser -> 200/);
    assert.match(calls, /GET \/__clerk\/v1\/client -> 200/);

    await screenshot(page, "demo-signed-in");
    assert.deepEqual(outside, [], "the page contacted nothing but loopback");
    assert.deepEqual(errors, [], "no uncaught errors on the page");
  } finally {
    await context.close();
  }
});

test("when clerk-js cannot be fetched the page says so", async () => {
  const { context, page, outside } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.route("**/clerk-js/clerk.browser.js", (route) => route.fulfill({ status: 404, body: "not here" }));
    await page.goto(shared.emulator.origin);
    const failed = page.getByTestId("load-failed");
    await failed.waitFor({ timeout: 20_000 });
    const text = await failed.textContent();
    assert.match(text, /Clerk could not load/);
    assert.match(text, /clerk-js failed to load from \/clerk-js\/clerk\.browser\.js/);
    assert.equal(await page.getByTestId("loading").count(), 0, "the loading message is gone");
    await screenshot(page, "demo-load-failed");
    assert.deepEqual(outside, []);
  } finally {
    await context.close();
  }
});

test("a panic in the wasm shows an alert and the failed status, not a dead page", async () => {
  const { emulator } = shared;
  const { page, errors } = await isolatedPage(shared.browser, emulator.origin);
  try {
    await page.goto(`${emulator.origin}/?simulate-panic`);
    await page.getByRole("button", { name: "Simulate a crash" }).click({ timeout: 20_000 });
    const alert = page.locator("#leptos-clerk-panic");
    await alert.waitFor({ timeout: 5_000 });
    assert.match(await alert.textContent(), /stopped working.*simulated crash from the demo's crash-test button/);
    assert.equal(await alert.getAttribute("role"), "alert");
    // The providers' status turned `failed` with the same message, and <ClerkFailed> shows it.
    await page.getByTestId("load-failed").filter({ hasText: "simulated crash" }).waitFor({ timeout: 5_000 });
    await screenshot(page, "panic-alert");
    // The wasm trapped: the browser saw it as an uncaught error, which is what happened.
    assert.ok(errors.some((message) => /unreachable/i.test(message)), errors.join("\n"));
  } finally {
    await page.context().close();
  }
});
