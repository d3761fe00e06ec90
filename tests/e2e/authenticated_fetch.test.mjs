// use_auth().fetch: the session token as a Bearer, and one retry with a freshly minted token
// (getToken({skipCache: true})) when the API answers 401. The demo's API panel calls /api/me
// through it; the emulator answers the demo API's first call(s) with an injected 401 and
// logs every call, so the test reads the sequence off the wire.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, screenshot, sharedEmulatorAndBrowser, waitUntil } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser();

// The home page as Ada, once the API panel's own first call has come back.
async function homeAsAda(page) {
  await page.goto(shared.emulator.origin);
  await page.getByTestId("user-name").filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 20_000 });
  await page.getByTestId("api-user-id").filter({ hasText: "user_ada" }).waitFor({ timeout: 20_000 });
  return page.getByTestId("session-id").textContent();
}

// The bearer of every /api/me request the page sends from now on.
function recordBearers(page) {
  const bearers = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/me") bearers.push(request.headers().authorization);
  });
  return bearers;
}

test("a 401 from the API brings a fresh token and one retry, which succeeds", async () => {
  const { context, page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    const sessionId = await homeAsAda(page);
    const bearers = recordBearers(page);
    const mark = shared.emulator.requests.length;
    await shared.emulator.admin("faults", { route: "api/me", status: 401, count: 1 });

    await page.getByRole("button", { name: "Call /api/me" }).click();
    await page.getByTestId("api-retried").waitFor();
    assert.equal(await page.getByTestId("api-user-id").textContent(), "user_ada");

    // On the wire: the 401, then a token minted for this session, then the retry's 200.
    const log = shared.emulator.requests.slice(mark);
    const apiCalls = log.filter((line) => line.startsWith("GET /api/me"));
    assert.deepEqual(apiCalls, ["GET /api/me -> 401", "GET /api/me -> 200"]);
    const refused = log.indexOf("GET /api/me -> 401");
    const accepted = log.indexOf("GET /api/me -> 200");
    const minted = log.findIndex((line, i) => i > refused && line === `POST /__clerk/v1/client/sessions/${sessionId}/tokens -> 200`);
    assert.ok(minted > refused && minted < accepted, `a fresh token between the 401 and the retry:\n${log.join("\n")}`);
    // Both tries carried the session token as a Bearer.
    assert.equal(bearers.length, 2);
    for (const bearer of bearers) assert.match(bearer, /^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    await screenshot(page, "authenticated-fetch-retried");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a second 401 is a typed error, and there is no third try", async () => {
  const { context, page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await homeAsAda(page);
    const mark = shared.emulator.requests.length;
    await shared.emulator.admin("faults", { route: "api/me", status: 401, count: 2 });

    await page.getByRole("button", { name: "Call /api/me" }).click();
    const error = page.getByTestId("api-error");
    await error.waitFor();
    assert.match(await error.textContent(), /^\/api\/me answered 401 twice: /);
    await waitUntil(
      () => shared.emulator.requests.slice(mark).filter((line) => line.startsWith("GET /api/me")).length === 2,
      "both tries in the emulator's log",
    );
    // The call ended with the error: the helper sent exactly two requests, both refused.
    assert.deepEqual(
      shared.emulator.requests.slice(mark).filter((line) => line.startsWith("GET /api/me")),
      ["GET /api/me -> 401", "GET /api/me -> 401"],
    );
    await screenshot(page, "authenticated-fetch-refused");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
