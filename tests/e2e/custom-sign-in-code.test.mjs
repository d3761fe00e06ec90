// use_sign_in().with_email_code: the demo's own code sign-in form (email, then the code
// Clerk emails) on /sign-in, with real clerk-js against the emulator.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, matchingCalls, recordFapiCalls, screenshot, sharedEmulatorAndBrowser, waitUntil } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser({ config: "multi-session.toml" });

// The emulator's fixed code (clerk-emulator's VERIFICATION_CODE).
const DEV_CODE = "424242";

const codeForm = (page) => page.getByTestId("sign-in-code-form");
async function openSignIn(page) {
  await page.goto(`${shared.emulator.origin}/sign-in`);
  const form = codeForm(page);
  await form.getByRole("button", { name: "Email me a code" }).and(page.locator(":enabled")).waitFor({ timeout: 20_000 });
  return form;
}

async function askForCode(form, email) {
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Email me a code" }).click();
}

test("sign in with an emailed code: a wrong code, the right one, signed in", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const calls = recordFapiCalls(page);
  try {
    const form = await openSignIn(page);
    await page.getByTestId("clerk-sign-in").getByLabel("Email address").waitFor({ timeout: 20_000 });
    await askForCode(form, "alan@example.test");
    await form.getByTestId("sign-in-code-sent-to").filter({ hasText: "alan@example.test" }).waitFor({ timeout: 10_000 });
    await screenshot(page, "custom-sign-in-code-sent");

    const [created] = matchingCalls(calls, /^POST \/v1\/client\/sign_ins$/);
    assert.equal(created.body.identifier, "alan@example.test");
    // Only the address: no password, no strategy that would finish the sign-in at once.
    assert.equal(created.body.password, undefined);
    assert.equal(created.body.strategy, undefined);
    const [prepared] = matchingCalls(calls, /^POST \/v1\/client\/sign_ins\/[^/]+\/prepare_first_factor$/);
    assert.equal(prepared.body.strategy, "email_code");
    assert.match(prepared.body.email_address_id, /^idn_/);

    await form.getByLabel("Verification code").fill("111111");
    await form.getByRole("button", { name: "Sign in" }).click();
    await form.getByTestId("sign-in-code-error").filter({ hasText: "Incorrect code" }).waitFor({ timeout: 10_000 });
    assert.equal(await form.getByLabel("Verification code").count(), 1, "still on the code step");
    await screenshot(page, "custom-sign-in-code-wrong");

    await form.getByLabel("Verification code").fill(DEV_CODE);
    await form.getByRole("button", { name: "Sign in" }).click();
    await form.getByTestId("sign-in-code-complete").waitFor({ timeout: 10_000 });
    await screenshot(page, "custom-sign-in-code-complete");
    const attempts = matchingCalls(calls, /\/sign_ins\/[^/]+\/attempt_first_factor$/);
    assert.deepEqual(
      attempts.map(({ body }) => [body.strategy, body.code, body.password]),
      [
        ["email_code", "111111", undefined],
        ["email_code", DEV_CODE, undefined],
      ],
    );
    assert.ok(matchingCalls(calls, /^POST \/v1\/client\/sessions\/[^/]+\/touch$/).length > 0, "setActive selected the session");

    await form.getByRole("link", { name: "Go to your session" }).click();
    await page.getByTestId("user-name").filter({ hasText: "Alan Turing" }).waitFor({ timeout: 20_000 });
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("an unknown address is refused beside the email field and no code is sent", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const calls = recordFapiCalls(page);
  try {
    const form = await openSignIn(page);
    await askForCode(form, "nobody@example.test");
    const error = form.getByTestId("sign-in-code-error");
    await error.filter({ hasText: "Couldn't find your account." }).waitFor({ timeout: 10_000 });
    assert.equal(
      await error.evaluate((node) => node.previousElementSibling?.textContent?.trim().startsWith("Email")),
      true,
    );
    await screenshot(page, "custom-sign-in-code-unknown");
    assert.deepEqual(matchingCalls(calls, /prepare_first_factor$/), []);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("a new code can be sent, another address used, and the password form still works", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const calls = recordFapiCalls(page);
  try {
    const form = await openSignIn(page);
    await askForCode(form, "grace@example.test");
    await form.getByTestId("sign-in-code-sent-to").filter({ hasText: "grace@example.test" }).waitFor({ timeout: 10_000 });
    await form.getByRole("button", { name: "Send a new code" }).click();
    await waitUntil(() => matchingCalls(calls, /prepare_first_factor$/).length === 2, "a second prepare_first_factor");

    await form.getByRole("button", { name: "Use another address" }).click();
    await askForCode(form, "ada@example.test");
    await form.getByTestId("sign-in-code-sent-to").filter({ hasText: "ada@example.test" }).waitFor({ timeout: 10_000 });
    await form.getByLabel("Verification code").fill(DEV_CODE);
    await form.getByRole("button", { name: "Sign in" }).click();
    await form.getByTestId("sign-in-code-complete").waitFor({ timeout: 10_000 });
    assert.deepEqual(
      matchingCalls(calls, /^POST \/v1\/client\/sign_ins$/).map(({ body }) => body.identifier),
      ["grace@example.test", "ada@example.test"],
    );

    // The password form beside it adds a second account in one call.
    const passwordForm = page.getByTestId("sign-in-form");
    await passwordForm.locator("#sign-in-email").fill("grace@example.test");
    await passwordForm.locator("input[name=password]").fill("compiler-first");
    await passwordForm.getByRole("button", { name: "Sign in", exact: true }).click();
    // The form empties itself once the new session is active.
    await waitUntil(async () => (await passwordForm.locator("#sign-in-email").inputValue()) === "", "the password sign-in");
    assert.ok(matchingCalls(calls, /^POST \/v1\/client\/sign_ins$/).some(({ body }) => body.password === "compiler-first"));
    await page.goto(`${shared.emulator.origin}/`);
    await page.getByTestId("user-name").filter({ hasText: "Grace Hopper" }).waitFor({ timeout: 20_000 });
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
