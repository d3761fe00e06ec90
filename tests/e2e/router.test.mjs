// The demo as a routed Leptos app (leptos_router): clerk-js' navigations go through the
// app's router (`ClerkOptions::leptos_router`, clerk-js' routerPush/routerReplace) instead
// of loading a new page. Real clerk-js, real Clerk UI, the emulator.
//
// "No page load" is checked three ways: the browser requested no new document, fired no
// `load` event, and a marker set on `window` before the navigation is still there.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, screenshot, sharedEmulatorAndBrowser, waitUntil } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser({ config: "multi-session.toml" });

const clerkSignIn = (page) => page.getByTestId("clerk-sign-in");
const modal = (page) => page.getByRole("dialog");
const pathname = (page) => new URL(page.url()).pathname;

// Counts what a page load would leave behind, from the moment it is called.
async function watchDocumentLoads(page) {
  const seen = { documents: [], loads: 0 };
  page.on("request", (request) => {
    if (request.resourceType() === "document" && request.frame() === page.mainFrame()) {
      seen.documents.push(request.url());
    }
  });
  page.on("load", () => {
    seen.loads += 1;
  });
  await page.evaluate(() => {
    window.__sameDocument = "still here";
  });
  return async () => {
    assert.deepEqual(seen.documents, [], "no document was requested");
    assert.equal(seen.loads, 0, "no load event fired");
    assert.equal(await page.evaluate(() => window.__sameDocument), "still here", "the page's window survived");
  };
}

async function waitForPath(page, path, what) {
  await waitUntil(() => pathname(page) === path, `${what} (at ${page.url()})`);
}

test("a sign-in from a modal in a routed app changes route without a page load", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(`${shared.emulator.origin}/`);
    await page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    const noPageLoad = await watchDocumentLoads(page);

    await page.getByRole("button", { name: "Sign in, then open your account" }).click();
    const dialog = modal(page);
    await dialog.getByLabel("Email address").fill("ada@example.test", { timeout: 20_000 });
    await dialog.getByRole("button", { name: "Continue", exact: true }).click();
    await dialog.getByLabel("Password", { exact: true }).fill("analytical-engine");
    await dialog.getByRole("button", { name: "Continue", exact: true }).click();

    // The button's force_redirect_url: clerk-js pushed /account through leptos_router.
    await waitForPath(page, "/account", "the account route");
    await page.getByTestId("clerk-user-profile").getByText("Profile details").waitFor({ timeout: 20_000 });
    await page.locator(".lc-switcher__trigger").filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 10_000 });
    await dialog.waitFor({ state: "detached", timeout: 10_000 });
    assert.equal(await page.getByRole("link", { name: "Account" }).getAttribute("aria-current"), "page");
    await noPageLoad();
    await screenshot(page, "router-signed-in-from-modal");

    // The browser's Back button is the router's too: back home, still signed in, same page.
    await page.goBack();
    await waitForPath(page, "/", "the home route after Back");
    await page.getByTestId("user-name").filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 10_000 });
    await noPageLoad();
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("a path-routed <SignIn> moves between its steps and out of them without a page load", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(`${shared.emulator.origin}/sign-in`);
    const form = clerkSignIn(page);
    await form.getByLabel("Email address").waitFor({ timeout: 20_000 });
    const noPageLoad = await watchDocumentLoads(page);

    await form.getByLabel("Email address").fill("grace@example.test");
    await form.getByRole("button", { name: "Continue", exact: true }).click();
    // Path routing: the password step lives under the route, at /sign-in/factor-one.
    await waitForPath(page, "/sign-in/factor-one", "the factor-one step");
    await form.getByText("Enter your password").waitFor({ timeout: 10_000 });
    await noPageLoad();
    await screenshot(page, "router-sign-in-factor-one");

    await form.getByLabel("Password", { exact: true }).fill("compiler-first");
    await form.getByRole("button", { name: "Continue", exact: true }).click();
    // The fallback redirect ("/"), through the router: the home page shows the user.
    await waitForPath(page, "/", "the home route after signing in");
    await page.getByTestId("user-name").filter({ hasText: "Grace Hopper" }).waitFor({ timeout: 20_000 });

    // The app's own links are the router's as well.
    await page.getByRole("link", { name: "Account", exact: true }).click();
    await waitForPath(page, "/account", "the account route");
    await page.getByTestId("clerk-user-profile").getByText("Profile details").waitFor({ timeout: 20_000 });
    await noPageLoad();
    await screenshot(page, "router-account-link");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
