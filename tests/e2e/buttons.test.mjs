// <SignInButton>, <SignUpButton> and <SignOutButton> in the demo, each given the app's own
// <button> as the clickable: real clerk-js, real Clerk UI in a modal, the emulator.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, screenshot, signIn, sharedEmulatorAndBrowser } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser({ config: "multi-session.toml" });

const userName = (page) => page.getByTestId("user-name");
const modal = (page) => page.getByRole("dialog");

// Every request's method and path, for asserting what crossed the wire. clerk-js sends its
// DELETEs as POSTs with `_method=DELETE`; this names them by the method they stand for.
function recordRequests(page) {
  const requests = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    requests.push(`${url.searchParams.get("_method") ?? request.method()} ${url.pathname}`);
  });
  return requests;
}

test("<SignInButton mode=Modal> opens Clerk's sign-in over the page; signing in there shows the user", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const requests = recordRequests(page);
  try {
    await page.goto(`${shared.emulator.origin}/`);
    await page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Sign in in a modal" }).click();

    const dialog = modal(page);
    await dialog.getByLabel("Email address").waitFor({ timeout: 20_000 });
    // The page stays underneath: the modal is over it, not instead of it.
    assert.equal(new URL(page.url()).pathname, "/");
    await page.getByTestId("signed-out").waitFor();
    await screenshot(page, "buttons-sign-in-modal");

    await dialog.getByLabel("Email address").fill("ada@example.test");
    await dialog.getByRole("button", { name: "Continue", exact: true }).click();
    await dialog.getByLabel("Password", { exact: true }).fill("analytical-engine");
    await dialog.getByRole("button", { name: "Continue", exact: true }).click();

    await userName(page).filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 20_000 });
    await dialog.waitFor({ state: "detached", timeout: 10_000 });
    assert.ok(requests.includes("POST /__clerk/v1/client/sign_ins"), "the identifier went to the emulator");
    await screenshot(page, "buttons-signed-in-from-modal");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("<SignUpButton mode=Modal> opens Clerk's sign-up form over the page", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(`${shared.emulator.origin}/`);
    await page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Sign up in a modal" }).click();
    const dialog = modal(page);
    await dialog.getByLabel("Email address").waitFor({ timeout: 20_000 });
    await dialog.getByLabel("Password", { exact: true }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/");
    await screenshot(page, "buttons-sign-up-modal");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("<SignOutButton> signs out of every account; the page says nobody is signed in", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(`${shared.emulator.origin}/`);
    await page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    await signIn(page, "grace@example.test", "compiler-first", "Grace Hopper");
    const requests = recordRequests(page);

    await page.getByRole("button", { name: "Sign out of every account" }).click();
    await page.getByTestId("signed-out").filter({ hasText: "Nobody is signed in" }).waitFor({ timeout: 20_000 });
    assert.equal(await userName(page).count(), 0);
    assert.ok(requests.includes("DELETE /__clerk/v1/client/sessions"), `signing out of all: ${requests.join(", ")}`);
    // Signed out, the button goes with the session.
    assert.equal(await page.getByRole("button", { name: "Sign out of every account" }).count(), 0);
    await screenshot(page, "buttons-signed-out");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
