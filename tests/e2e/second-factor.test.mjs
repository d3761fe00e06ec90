// The second factor of a sign-in (multi-factor authentication): the demo's own forms on
// use_sign_in() (password, or emailed code, then the second factor) and Clerk's prebuilt
// <SignIn> with the same account, with real clerk-js against the emulator.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, matchingCalls, recordFapiCalls, screenshot, sharedEmulatorAndBrowser } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser({ config: "second-factor.toml" });

// The code the emulator accepts for every factor: what Clerk's test phone numbers accept.
const DEV_CODE = "424242";

const attempts = (calls) =>
  matchingCalls(calls, /\/sign_ins\/[^/]+\/attempt_second_factor$/).map(({ body }) => [body.strategy, body.code]);

async function openSignIn(page) {
  await page.goto(`${shared.emulator.origin}/sign-in`);
  const form = page.getByTestId("sign-in-form");
  await form.getByRole("button", { name: "Sign in" }).and(page.locator(":enabled")).waitFor({ timeout: 20_000 });
  // Clerk's <SignIn> beside it has rendered too, so screenshots show the whole page.
  await page.getByTestId("clerk-sign-in").getByLabel("Email address").waitFor({ timeout: 20_000 });
  return form;
}

// Back on the home page, the session card shows who is signed in.
async function expectSignedInAs(page, name) {
  await page.goto(`${shared.emulator.origin}/`);
  await page.getByTestId("user-name").filter({ hasText: name }).waitFor({ timeout: 20_000 });
}

test("password, then a texted code: a wrong code is refused, the right one signs in", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const calls = recordFapiCalls(page);
  try {
    const form = await openSignIn(page);
    await form.getByLabel("Email").fill("katherine@example.test");
    await form.getByLabel("Password").fill("orbital-mechanics");
    await form.getByRole("button", { name: "Sign in" }).click();

    // Clerk's own order: the authenticator app first, the other factors one click away.
    const step = form.getByTestId("second-factor");
    await step.getByText("Two-step verification").waitFor({ timeout: 10_000 });
    const prompt = step.getByTestId("second-factor-prompt");
    await prompt.filter({ hasText: "authenticator app" }).waitFor();
    await screenshot(page, "second-factor-choices");
    assert.deepEqual(matchingCalls(calls, /prepare_second_factor$/), [], "nothing is sent for an authenticator app");
    assert.deepEqual(
      await step.getByTestId("second-factor-others").getByRole("button").allTextContents(),
      ["Text me a code", "Use a backup code"],
    );

    await step.getByRole("button", { name: "Text me a code" }).click();
    await prompt.filter({ hasText: "We texted a code to +*******0100." }).waitFor({ timeout: 10_000 });
    const [prepared] = matchingCalls(calls, /^POST \/v1\/client\/sign_ins\/[^/]+\/prepare_second_factor$/);
    assert.equal(prepared.body.strategy, "phone_code");
    assert.match(prepared.body.phone_number_id, /^idn_phone_/);
    await screenshot(page, "second-factor-texted");

    await step.getByLabel("Verification code").fill("111111");
    await step.getByRole("button", { name: "Verify" }).click();
    await step.getByTestId("second-factor-error").filter({ hasText: "Incorrect code" }).waitFor({ timeout: 10_000 });
    assert.equal(await step.getByLabel("Verification code").count(), 1, "still on the code step");
    await screenshot(page, "second-factor-wrong-code");
    assert.equal(matchingCalls(calls, /\/touch$/).length, 0, "no session yet");

    await step.getByLabel("Verification code").fill(DEV_CODE);
    await step.getByRole("button", { name: "Verify" }).click();
    // Signed in: the form is back at its first step, ready for another account.
    await page.getByTestId("already-signed-in").waitFor({ timeout: 10_000 });
    await form.getByLabel("Email").waitFor();
    await screenshot(page, "second-factor-signed-in");
    const [created] = matchingCalls(calls, /^POST \/v1\/client\/sign_ins$/);
    assert.equal(created.body.password, "orbital-mechanics");
    assert.deepEqual(attempts(calls), [
      ["phone_code", "111111"],
      ["phone_code", DEV_CODE],
    ]);
    assert.ok(matchingCalls(calls, /^POST \/v1\/client\/sessions\/[^/]+\/touch$/).length > 0, "setActive selected the session");
    await expectSignedInAs(page, "Katherine Johnson");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("an emailed code, then the only second factor, texted at once", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const calls = recordFapiCalls(page);
  try {
    await openSignIn(page);
    const form = page.getByTestId("sign-in-code-form");
    await form.getByLabel("Email").fill("dorothy@example.test");
    await form.getByRole("button", { name: "Email me a code" }).click();
    await form.getByLabel("Verification code").fill(DEV_CODE);
    await form.getByRole("button", { name: "Sign in" }).click();

    const step = form.getByTestId("second-factor");
    await step.getByTestId("second-factor-prompt").filter({ hasText: "We texted a code to +*******0101." }).waitFor({
      timeout: 10_000,
    });
    // One factor: no choice to offer.
    assert.equal(await step.getByTestId("second-factor-others").count(), 0);
    await screenshot(page, "second-factor-after-email-code");
    await step.getByRole("button", { name: "Send a new code" }).click();
    await step.getByRole("button", { name: "Verify" }).and(page.locator(":enabled")).waitFor();
    assert.equal(matchingCalls(calls, /prepare_second_factor$/).length, 2, "the code was sent again");

    await step.getByLabel("Verification code").fill(DEV_CODE);
    await step.getByRole("button", { name: "Verify" }).click();
    await form.getByTestId("sign-in-code-complete").waitFor({ timeout: 10_000 });
    assert.deepEqual(
      matchingCalls(calls, /attempt_first_factor$/).map(({ body }) => body.strategy),
      ["email_code"],
    );
    assert.deepEqual(attempts(calls), [["phone_code", DEV_CODE]]);
    await expectSignedInAs(page, "Dorothy Vaughan");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("Device Trust: a password from a new browser also needs an emailed code", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const calls = recordFapiCalls(page);
  try {
    const form = await openSignIn(page);
    await form.getByLabel("Email").fill("alan@example.test");
    await form.getByLabel("Password").fill("universal-machine");
    await form.getByRole("button", { name: "Sign in" }).click();

    const step = form.getByTestId("second-factor");
    await step.getByText("Verify it's you").waitFor({ timeout: 10_000 });
    await step.getByText("You are signing in from a new device.").waitFor();
    await step.getByTestId("second-factor-prompt").filter({ hasText: "We emailed a code to alan@example.test." }).waitFor();
    await screenshot(page, "second-factor-device-trust");
    const [prepared] = matchingCalls(calls, /prepare_second_factor$/);
    assert.equal(prepared.body.strategy, "email_code");
    assert.match(prepared.body.email_address_id, /^idn_/);

    await step.getByLabel("Verification code").fill(DEV_CODE);
    await step.getByRole("button", { name: "Verify" }).click();
    await page.getByTestId("already-signed-in").waitFor({ timeout: 10_000 });
    assert.deepEqual(attempts(calls), [["email_code", DEV_CODE]]);
    await expectSignedInAs(page, "Alan Turing");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("Clerk's <SignIn> reaches its second-factor screen for the same account and completes", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const calls = recordFapiCalls(page);
  try {
    await openSignIn(page);
    const clerk = page.getByTestId("clerk-sign-in");
    await clerk.getByLabel("Email address").fill("katherine@example.test");
    await clerk.getByRole("button", { name: "Continue", exact: true }).click();
    await clerk.getByLabel("Password", { exact: true }).fill("orbital-mechanics");
    await clerk.getByRole("button", { name: "Continue", exact: true }).click();

    // Clerk's UI starts on the authenticator app, as our form does.
    const code = clerk.getByLabel("Enter verification code");
    await code.waitFor({ timeout: 20_000 });
    await clerk.getByText(/authenticator app/).first().waitFor();
    await screenshot(page, "second-factor-prebuilt");
    await code.fill(DEV_CODE);

    await page.getByTestId("user-name").filter({ hasText: "Katherine Johnson" }).waitFor({ timeout: 20_000 });
    assert.deepEqual(attempts(calls), [["totp", DEV_CODE]]);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
