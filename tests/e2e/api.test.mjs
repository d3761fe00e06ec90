// The demo's own backend: /api/me verifies the session token with leptos-clerk's axum layer,
// and /api/org/billing also needs an organization permission, which a session acting for
// the personal account (as every seeded session starts) does not have.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, jwtClaims, screenshot, sharedEmulatorAndBrowser } from "./support/harness.mjs";

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

// Calls the demo API from the page with `jwt` as the bearer token and no cookie: the
// status and JSON body the page read, checked against the request that went over the wire
// (its Authorization header and the status it got).
async function callApi(page, path, jwt) {
  const [wire, read] = await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === path && response.request().headers().authorization === `Bearer ${jwt}`),
    page.evaluate(
      async ([path, jwt]) => {
        const response = await fetch(path, { credentials: "omit", headers: { authorization: `Bearer ${jwt}` } });
        return { status: response.status, body: await response.json() };
      },
      [path, jwt],
    ),
  ]);
  assert.equal(wire.status(), read.status);
  return read;
}

function jwtHeader(jwt) {
  return JSON.parse(Buffer.from(jwt.split(".")[0], "base64url").toString("utf8"));
}

async function signedInAsAda(page) {
  await page.goto(shared.emulator.origin);
  await page.getByTestId("user-name").filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 20_000 });
  return page.getByTestId("session-id").textContent();
}

test("/api/me refuses a JWT template's token and answers the session token", async () => {
  const { context, page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    const sessionId = await signedInAsAda(page);
    const [sessionJwt, templateJwt] = await page.evaluate(async () => [
      await window.Clerk.session.getToken({ skipCache: true }),
      await window.Clerk.session.getToken({ template: "supabase" }),
    ]);
    assert.ok(
      shared.emulator.requests.some((line) => line === `POST /__clerk/v1/client/sessions/${sessionId}/tokens/supabase -> 200`),
      "the template token came from the emulator's template route",
    );

    // Both are signed by the instance key; only the header's category and the claims
    // tell them apart, as with Clerk.
    assert.deepEqual([jwtHeader(sessionJwt).typ, jwtHeader(sessionJwt).cat], ["JWT", "cl_B7d4PD111AAA"]);
    assert.equal(jwtClaims(sessionJwt).sid, sessionId);
    assert.deepEqual([jwtHeader(templateJwt).typ, jwtHeader(templateJwt).cat], ["JWT", "cl_B7d4PD222AAA"]);
    assert.equal(jwtHeader(templateJwt).kid, jwtHeader(sessionJwt).kid);
    assert.equal(jwtClaims(templateJwt).sid, undefined);
    assert.equal(jwtClaims(templateJwt).role, "authenticated");

    assert.deepEqual(await callApi(page, "/api/me", templateJwt), {
      status: 401,
      body: { error: "unauthenticated", message: "A valid Clerk session token is required." },
    });
    const me = await callApi(page, "/api/me", sessionJwt);
    assert.equal(me.status, 200);
    assert.deepEqual([me.body.user_id, me.body.session_id], ["user_ada", sessionId]);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("/api/org/billing answers 403 to a user without its permission, and the body does not name it", async () => {
  const { context, page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await signedInAsAda(page);
    const sessionJwt = await page.evaluate(() => window.Clerk.session.getToken());
    const refused = await callApi(page, "/api/org/billing", sessionJwt);
    assert.deepEqual(refused, {
      status: 403,
      body: { error: "forbidden", message: "You do not have access to this resource." },
    });
    assert.doesNotMatch(JSON.stringify(refused.body), /billing|org:|permission/i);
    // Signed in is not enough, but it is needed: without a token the answer is 401.
    const anonymous = await page.evaluate(async () => (await fetch("/api/org/billing", { credentials: "omit" })).status);
    assert.equal(anonymous, 401);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
