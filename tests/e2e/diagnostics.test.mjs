// The diagnostics panel and the session timeline, with real clerk-js and the emulator.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, sharedBrowser, screenshot, startEmulator } from "./support/harness.mjs";

const shared = sharedBrowser();

const CHECKS = ["basic", "jwt-verify", "custom-claims", "multi-session", "refresh", "expiration", "storage", "cookie"];

async function runChecks(page) {
  const panel = page.locator(".lc-diagnostics");
  await panel.getByRole("button", { name: /Run checks|Run again/ }).click();
  await panel.locator(".lc-diagnostics__summary").waitFor({ timeout: 20_000 });
  await page.locator('.lc-diagnostics[aria-busy="false"]').waitFor({ timeout: 20_000 });
  const results = {};
  for (const id of CHECKS) {
    const check = panel.locator(`[data-check="${id}"]`);
    results[id] = {
      status: (await check.locator(".lc-diagnostics__status").textContent()).trim(),
      detail: await check.locator(".lc-diagnostics__detail").textContent(),
    };
  }
  return results;
}

async function withDemo(fn) {
  const emulator = await startEmulator();
  const { context, page, outside, errors } = await isolatedPage(shared.browser, emulator.origin);
  try {
    await page.goto(emulator.origin);
    await page.getByTestId("user-name").waitFor({ timeout: 20_000 });
    await fn({ emulator, context, page, outside, errors });
  } finally {
    await context.close();
    emulator.stop();
  }
}

test("every check passes on a healthy session, and tokens stay hidden until revealed", async () => {
  await withDemo(async ({ page, outside, errors }) => {
    const results = await runChecks(page);
    for (const id of CHECKS) {
      assert.equal(results[id].status, "pass", `${id}: ${results[id].detail}`);
    }
    assert.match(results["jwt-verify"].detail, /verified against the instance's JWKS \(kid ins_emulator_/);
    assert.match(results["custom-claims"].detail, /"app" token carries role, email/);
    assert.equal(await page.getByText("All checks passed.").count(), 1);

    const check = page.locator('[data-check="jwt-verify"]');
    assert.equal(await check.locator("code").count(), 0, "the token is hidden");
    await check.getByRole("button", { name: "Reveal token" }).click();
    assert.match(await check.locator("code").textContent(), /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    await check.getByRole("button", { name: "Hide token" }).click();
    assert.equal(await check.locator("code").count(), 0);

    assert.equal(await page.locator(".lc-timeline svg").count(), 1, "the timeline is drawn");
    assert.match(await page.locator(".lc-timeline svg").getAttribute("aria-label"), /created at \d+, now at \d+, next touch at \d+, expires at \d+/);
    await screenshot(page, "diagnostics-healthy");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  });
});

test("a template without a required claim fails the custom-claims check and names it", async () => {
  await withDemo(async ({ page }) => {
    // Grace has no public_metadata.role, which the "app" template puts in `role`.
    await page.locator(".lc-switcher__trigger").click();
    await page.getByRole("menuitem", { name: "Switch to Grace Hopper" }).click();
    await page.getByTestId("user-name").filter({ hasText: "Grace Hopper" }).waitFor();
    const results = await runChecks(page);
    assert.equal(results["custom-claims"].status, "fail");
    assert.equal(results["custom-claims"].detail, 'the "app" token lacks role');
    assert.equal(results["jwt-verify"].status, "pass");
    await screenshot(page, "diagnostics-missing-claim");
  });
});

test("a clock skewed by 70 s makes the expiration check warn", async () => {
  await withDemo(async ({ page, emulator }) => {
    await emulator.admin("clock", { offset_ms: 70_000 });
    const results = await runChecks(page);
    assert.equal(results.expiration.status, "warn");
    // About 70 s: `iat` is whole seconds, and the token is a moment old when checked.
    assert.match(results.expiration.detail, /this browser's clock is (6[5-9]|7[0-5]) s behind Clerk's/);
  });
});
