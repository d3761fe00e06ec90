// A user's metadata (use_user_metadata / use_user().metadata()) on the demo's account page,
// and user.reload() (use_user().reload) after the backend changed it: the emulator's admin
// route stands in for an app backend calling Clerk's Backend API.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, screenshot, sharedEmulatorAndBrowser, waitUntil } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser();

async function accountPageAsAda(page) {
  await page.goto(`${shared.emulator.origin}/account`);
  await signedInAs(page, "Ada Lovelace");
}

// The header's account switcher names the active account.
async function signedInAs(page, name) {
  await page.locator(".lc-switcher__trigger").filter({ hasText: name }).waitFor({ timeout: 20_000 });
}

// The JSON a <pre> shows, parsed: what the user reads, compared as data.
async function shownJson(page, testId) {
  return JSON.parse(await page.getByTestId(testId).textContent());
}

test("the account page shows Ada's metadata, and a backend change after Reload user", async () => {
  const { context, page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await accountPageAsAda(page);
    await page.getByTestId("public-metadata").filter({ hasText: '"role": "admin"' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(await shownJson(page, "public-metadata"), { role: "admin" });
    assert.deepEqual(await shownJson(page, "unsafe-metadata"), { theme: "dark" });

    // The backend upgrades Ada; her browser learns of it when it asks.
    await shared.emulator.admin("users/user_ada/metadata", {
      public_metadata: { role: "admin", plan: "pro", seats: 5 },
      unsafe_metadata: { theme: "light" },
    });
    const reloadsBefore = shared.emulator.requests.filter((line) => line === "GET /__clerk/v1/me -> 200").length;
    await page.getByTestId("reload-user").click();
    await page.getByTestId("reload-state").filter({ hasText: "Reloaded from Clerk." }).waitFor();
    await page.getByTestId("public-metadata").filter({ hasText: '"plan": "pro"' }).waitFor();
    assert.deepEqual(await shownJson(page, "public-metadata"), { role: "admin", plan: "pro", seats: 5 });
    assert.deepEqual(await shownJson(page, "unsafe-metadata"), { theme: "light" });
    // One user.reload() went over the wire: clerk-js' GET /v1/me, answered by the emulator.
    await waitUntil(
      () => shared.emulator.requests.filter((line) => line === "GET /__clerk/v1/me -> 200").length === reloadsBefore + 1,
      "the reload's GET /v1/me in the emulator's log",
    );
    await screenshot(page, "user-metadata-reloaded");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the metadata follows a switch to an account without any", async () => {
  const { context, page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await accountPageAsAda(page);
    await page.getByTestId("public-metadata").filter({ hasText: '"role"' }).waitFor({ timeout: 20_000 });

    await page.locator(".lc-switcher__trigger").click();
    await page.getByRole("menuitem", { name: "Switch to Grace Hopper" }).click();
    await signedInAs(page, "Grace Hopper");
    await page.getByTestId("public-metadata").filter({ hasText: /^\{\}$/ }).waitFor();
    assert.deepEqual(await shownJson(page, "unsafe-metadata"), {});
    await screenshot(page, "user-metadata-grace");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
