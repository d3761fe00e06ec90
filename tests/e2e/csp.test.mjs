// The demo under a strict Content-Security-Policy: no 'unsafe-inline', a fresh nonce per page
// (clerk-emulator --strict-csp sends what leptos_clerk::csp::ClerkCsp builds), real clerk-js
// and Clerk's UI. The provider hands the page's nonce to clerk-js (ClerkOptions::nonce), and
// the browser reports no violation while a user signs in and opens Clerk's components.
// The same pages also show the provider-wide appearance and localization the demo sets.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, screenshot, sharedEmulatorAndBrowser, signIn, waitUntil } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser({ config: "multi-session.toml", strictCsp: true });

// Every CSP violation any page of the context reports, from the first byte of each document.
async function recordViolations(context) {
  const violations = [];
  await context.exposeBinding("__reportCspViolation", (_source, violation) => violations.push(violation));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      window.__reportCspViolation({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        page: location.pathname,
      }),
    );
  });
  return violations;
}

// The policy a page response carried, and the nonce in it.
function policyOf(response) {
  const policy = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  return { policy, nonce };
}

test("under a strict CSP the page loads clerk-js and Clerk's UI with its nonce, and nothing is blocked", async () => {
  const { context, page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const violations = await recordViolations(context);
  try {
    const first = await page.goto(`${shared.emulator.origin}/`);
    const { policy, nonce } = policyOf(first);
    assert.ok(nonce, `the page came with a nonce-based policy: ${policy}`);
    assert.doesNotMatch(policy, /unsafe-inline/);
    assert.match(policy, /script-src [^;]*'strict-dynamic'/);

    await page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    // The provider's script tag for clerk-js carries this response's nonce.
    const scriptNonce = await page.evaluate(
      () => document.querySelector('script[src="/clerk-js/clerk.browser.js"]')?.nonce ?? null,
    );
    assert.equal(scriptNonce, nonce);

    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    // Clerk's <UserButton>: @clerk/ui's script and its CSS-in-JS styles, under the nonce.
    await page.locator(".cl-userButtonTrigger").click();
    await page.locator(".cl-userButtonPopoverCard").getByText("Manage account").waitFor({ timeout: 20_000 });
    await screenshot(page, "csp-user-button");
    await page.keyboard.press("Escape");
    assert.deepEqual(violations, []);

    // The control: an inline style attribute, which the policy forbids, is reported, so the
    // empty list above is the browser's word and not a deaf recorder.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement("div"), { title: "control" })));
    await page.evaluate(() => document.querySelector("div[title=control]").setAttribute("style", "color: red"));
    await waitUntil(() => violations.length > 0, "the control violation");
    assert.deepEqual(
      violations.map((violation) => violation.directive),
      ["style-src-attr"],
    );
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("Clerk's <SignIn> shows the provider's localization and colours, under the same policy", async () => {
  const { context, page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const violations = await recordViolations(context);
  try {
    const response = await page.goto(`${shared.emulator.origin}/sign-in`);
    const { nonce } = policyOf(response);
    assert.ok(nonce);
    const form = page.getByTestId("clerk-sign-in");
    // ClerkOptions::localization: the demo's own subtitle replaces Clerk's English one.
    await form.getByText("Welcome back to the leptos-clerk demo!", { exact: false }).waitFor({ timeout: 20_000 });
    // ClerkOptions::appearance: the primary button in the demo's accent colour.
    const continueButton = form.getByRole("button", { name: "Continue", exact: true });
    const background = await continueButton.evaluate((button) => getComputedStyle(button).backgroundColor);
    assert.equal(background, "rgb(108, 71, 255)");
    // clerk-js' own <style> tags carry the page's nonce (it passed ClerkOptions::nonce on).
    const styleNonces = await page.evaluate(() => [...document.querySelectorAll("style[data-emotion]")].map((s) => s.nonce));
    assert.ok(styleNonces.length > 0 && styleNonces.every((value) => value === nonce), `style nonces: ${styleNonces}`);
    await screenshot(page, "csp-sign-in-localized");

    assert.deepEqual(violations, []);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
