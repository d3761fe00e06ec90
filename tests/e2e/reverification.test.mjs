// use_reverification() in the demo: the backend's POST /api/sensitive wants the password
// proven within ten minutes (Require::reverification(Strict)). Past that it answers with Clerk's
// reverification body; the page opens Clerk's "verify it's you" dialog (real clerk-js, real
// Clerk UI), and once the user enters the password the call is made again and succeeds.
// Closing the dialog instead leaves the action undone and says so.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, screenshot, sharedEmulatorAndBrowser, signIn } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser({ config: "multi-session.toml" });

// "<status> <method> <path>" of every response from our origin, in order.
function recordResponses(page) {
  const responses = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    const method = url.searchParams.get("_method") ?? response.request().method();
    responses.push(`${response.status()} ${method} ${url.pathname}`);
  });
  return responses;
}

// Makes the session's password 30 minutes old on the emulator, then has clerk-js fetch a token
// that says so (its cached one was minted before), as it would within a minute anyway.
async function ageThePassword(page) {
  const sessionId = await page.evaluate(() => window.Clerk.session.id);
  await shared.emulator.admin(`sessions/${sessionId}/age_first_factor`, { minutes: 30 });
  await page.evaluate(() => window.Clerk.session.getToken({ skipCache: true }));
  return sessionId;
}

const action = (page) => page.getByTestId("sensitive-action");
const exportButton = (page) => action(page).getByRole("button", { name: "Export my data" });

test("an action that needs a recent password asks for it in Clerk's dialog, then succeeds", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const responses = recordResponses(page);
  try {
    await page.goto(`${shared.emulator.origin}/`);
    await page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");

    // Just signed in: the backend lets it through, no dialog.
    await exportButton(page).click();
    await action(page).getByTestId("sensitive-done").filter({ hasText: "0 min ago" }).waitFor({ timeout: 10_000 });
    assert.equal(await page.getByRole("dialog").count(), 0);

    const sessionId = await ageThePassword(page);
    const before = responses.length;
    await exportButton(page).click();
    const dialog = page.getByRole("dialog");
    const password = dialog.getByLabel("Password", { exact: true });
    await password.waitFor({ timeout: 20_000 });
    await screenshot(page, "reverification-dialog");
    await password.fill("analytical-engine");
    await dialog.getByRole("button", { name: "Continue", exact: true }).click();

    await action(page).getByTestId("sensitive-done").filter({ hasText: "0 min ago" }).waitFor({ timeout: 20_000 });
    await dialog.waitFor({ state: "detached", timeout: 10_000 });
    await screenshot(page, "reverification-done");

    // On the wire: refused with Clerk's answer, the password proven again, then allowed.
    const after = responses.slice(before);
    const refused = after.indexOf("403 POST /api/sensitive");
    const verified = after.indexOf(`200 POST /__clerk/v1/client/sessions/${sessionId}/verify/attempt_first_factor`);
    const allowed = after.lastIndexOf("200 POST /api/sensitive");
    assert.ok(refused >= 0 && verified > refused && allowed > verified, after.join("\n"));
    assert.ok(after.includes(`200 POST /__clerk/v1/client/sessions/${sessionId}/verify`), after.join("\n"));
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("closing Clerk's dialog leaves the action undone, and the page says so", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const responses = recordResponses(page);
  try {
    await page.goto(`${shared.emulator.origin}/`);
    await page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    await ageThePassword(page);

    await exportButton(page).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Password", { exact: true }).waitFor({ timeout: 20_000 });
    await page.keyboard.press("Escape");

    await action(page).getByTestId("sensitive-cancelled").waitFor({ timeout: 10_000 });
    await dialog.waitFor({ state: "detached", timeout: 10_000 });
    assert.equal(responses.filter((line) => line === "200 POST /api/sensitive").length, 0);
    assert.equal(responses.filter((line) => line === "403 POST /api/sensitive").length, 1);
    await screenshot(page, "reverification-cancelled");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
