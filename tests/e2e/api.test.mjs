// The demo's own backend: /api/me verifies the session token with leptos-clerk's axum layer.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, screenshot, sharedEmulatorAndBrowser } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser();

test("/api/me answers the active session, and follows a switch", async () => {
  const { context, page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(shared.emulator.origin);
    const sessionId = page.getByTestId("session-id");
    await page.getByTestId("user-name").filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 20_000 });
    const ada = await sessionId.textContent();
    await page.getByTestId("api-session-id").filter({ hasText: ada }).waitFor();
    assert.equal(await page.getByTestId("api-user-id").textContent(), "user_ada");

    await page.locator(".lc-switcher__trigger").click();
    await page.getByRole("menuitem", { name: "Switch to Grace Hopper" }).click();
    await page.getByTestId("user-name").filter({ hasText: "Grace Hopper" }).waitFor();
    const grace = await sessionId.textContent();
    assert.notEqual(grace, ada);
    await page.getByTestId("api-session-id").filter({ hasText: grace }).waitFor();
    assert.equal(await page.getByTestId("api-user-id").textContent(), "user_grace");
    await screenshot(page, "api-me");

    // The __session cookie is a token source too; with neither, the API refuses in JSON.
    const [withCookie, refused] = await page.evaluate(async () => {
      const call = async (credentials) => {
        const response = await fetch("/api/me", { credentials });
        return { status: response.status, body: await response.json() };
      };
      return [await call("same-origin"), await call("omit")];
    });
    // (Not which user: clerk-js briefly writes the other session's token into __session
    // when it refreshes it, a known clerk-js behaviour.)
    assert.equal(withCookie.status, 200);
    assert.deepEqual(refused, { status: 401, body: { error: "unauthenticated", message: "A valid Clerk session token is required." } });
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("when /api/me answers a web page instead of JSON, the panel says what came back", async () => {
  const { context, page, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    // What a user sees when no API stands behind /api (a real instance, or a static host
    // answering every path with its index.html).
    await page.route("**/api/me", (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<!DOCTYPE html>\n<html><head><title>Demo</title></head></html>" }),
    );
    await page.goto(shared.emulator.origin);
    const error = page.getByTestId("api-error");
    await error.waitFor({ timeout: 20_000 });
    const text = await error.textContent();
    assert.match(text, /^\/api\/me answered 200 with text\/html instead of the JSON identity: <!DOCTYPE html> <html>/);
    assert.doesNotMatch(text, /line 1 column 1/);
    await screenshot(page, "api-not-json");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
