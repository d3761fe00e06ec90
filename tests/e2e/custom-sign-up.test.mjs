// use_sign_up(): the demo's own sign-up form (email, password, the emailed code) beside
// Clerk's <SignUp>, with real clerk-js against the emulator.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, recordFapiCalls, screenshot, sharedEmulatorAndBrowser, waitUntil } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser({ config: "multi-session.toml" });

// The emulator's fixed sign-up verification code (clerk-emulator's VERIFICATION_CODE).
const DEV_CODE = "424242";

const ownForm = (page) => page.getByTestId("sign-up-form");
const fapiCall = (calls, pattern) => calls.find(({ call }) => pattern.test(call));

async function openSignUp(page) {
  await page.goto(`${shared.emulator.origin}/sign-up`);
  const form = ownForm(page);
  await form.getByRole("button", { name: "Create account" }).and(page.locator(":enabled")).waitFor({ timeout: 20_000 });
  return form;
}

async function sendDetails(form, email, password) {
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Create account" }).click();
}

test("sign up with the own form: details, a wrong code, the right code, signed in", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const calls = recordFapiCalls(page);
  try {
    const form = await openSignUp(page);
    // Clerk's own component stands beside it.
    await page.getByTestId("clerk-sign-up").getByLabel("Email address").waitFor({ timeout: 20_000 });
    await sendDetails(form, "dorothy@example.test", "crystallography");
    await screenshot(page, "custom-sign-up-details");

    await form.getByTestId("sign-up-sent-to").filter({ hasText: "dorothy@example.test" }).waitFor({ timeout: 10_000 });
    const created = fapiCall(calls, /^POST \/v1\/client\/sign_ups$/);
    assert.equal(created.body.email_address, "dorothy@example.test");
    assert.equal(created.body.password, "crystallography");
    const prepared = fapiCall(calls, /^POST \/v1\/client\/sign_ups\/[^/]+\/prepare_verification$/);
    assert.equal(prepared.body.strategy, "email_code");

    await form.getByLabel("Verification code").fill("111111");
    await form.getByRole("button", { name: "Verify" }).click();
    await form.getByTestId("sign-up-error").filter({ hasText: "Incorrect code" }).waitFor({ timeout: 10_000 });
    // Still on the code step, for another try.
    assert.equal(await form.getByLabel("Verification code").count(), 1);
    await screenshot(page, "custom-sign-up-wrong-code");

    await form.getByLabel("Verification code").fill(DEV_CODE);
    await form.getByRole("button", { name: "Verify" }).click();
    await form.getByTestId("sign-up-complete").waitFor({ timeout: 10_000 });
    await screenshot(page, "custom-sign-up-complete");
    const attempts = calls.filter(({ call }) => /\/sign_ups\/[^/]+\/attempt_verification$/.test(call));
    assert.deepEqual(
      attempts.map(({ body }) => body.code),
      ["111111", DEV_CODE],
    );
    // setActive selected the new session.
    assert.ok(fapiCall(calls, /^POST \/v1\/client\/sessions\/[^/]+\/touch$/), "setActive touched the new session");

    await form.getByRole("link", { name: "Go to your session" }).click();
    await page.getByTestId("user-name").filter({ hasText: "dorothy@example.test" }).waitFor({ timeout: 20_000 });
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("Clerk's refusals show beside the field they are about", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const calls = recordFapiCalls(page);
  try {
    const form = await openSignUp(page);
    await sendDetails(form, "ada@example.test", "analytical-engine");
    const taken = form.getByTestId("sign-up-error");
    await taken.filter({ hasText: "That email address is taken" }).waitFor({ timeout: 10_000 });
    // The message sits right after the email field, before the password's label.
    assert.equal(
      await taken.evaluate((error) => error.previousElementSibling?.textContent?.trim().startsWith("Email")),
      true,
    );
    await screenshot(page, "custom-sign-up-email-taken");

    await sendDetails(form, "rosalind@example.test", "short");
    await form.getByTestId("sign-up-error").filter({ hasText: "8 characters or more" }).waitFor({ timeout: 10_000 });
    // Nothing was sent for verification: the flow never left the first step.
    assert.equal(fapiCall(calls, /prepare_verification$/), undefined);
    assert.equal(await form.getByLabel("Verification code").count(), 0);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("a new code can be sent, and another address used", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const calls = recordFapiCalls(page);
  try {
    const form = await openSignUp(page);
    await sendDetails(form, "lise@example.test", "nuclear-fission");
    await form.getByTestId("sign-up-sent-to").filter({ hasText: "lise@example.test" }).waitFor({ timeout: 10_000 });

    await form.getByRole("button", { name: "Send a new code" }).click();
    const prepares = () => calls.filter(({ call }) => /prepare_verification$/.test(call)).length;
    await waitUntil(() => prepares() === 2, "a second prepare_verification");

    await form.getByRole("button", { name: "Use another address" }).click();
    await sendDetails(form, "chien-shiung@example.test", "parity-violation");
    await form.getByTestId("sign-up-sent-to").filter({ hasText: "chien-shiung@example.test" }).waitFor({ timeout: 10_000 });
    await form.getByLabel("Verification code").fill(DEV_CODE);
    await form.getByRole("button", { name: "Verify" }).click();
    await form.getByTestId("sign-up-complete").waitFor({ timeout: 10_000 });
    const created = calls.filter(({ call }) => /^POST \/v1\/client\/sign_ups$/.test(call));
    assert.deepEqual(
      created.map(({ body }) => body.email_address),
      ["lise@example.test", "chien-shiung@example.test"],
    );
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
