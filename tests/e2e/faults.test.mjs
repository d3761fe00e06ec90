// Faults end to end: what a user sees when the network, the SDK or the server misbehave,
// that no state is lost, that nothing storms, and how long recovery takes. Each test writes
// its figures for docs/reliability.md (see recordFigures).

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  isolatedPage,
  recordFigures,
  screenshot,
  sharedBrowser,
  signIn,
  startEmulator,
  withoutClerkUi,
  waitUntil,
} from "./support/harness.mjs";

const shared = sharedBrowser();

// Frontend API calls that reached the emulator so far.
const fapiCalls = (emulator) => emulator.requests.filter((line) => line.includes("/__clerk/"));

// A page on its own emulator, without Clerk's UI (these tests are about the session module).
async function setUp(config) {
  const emulator = await startEmulator({ config });
  const page = await isolatedPage(shared.browser, emulator.origin);
  await withoutClerkUi(page.context);
  return {
    emulator,
    ...page,
    tearDown: async () => {
      await page.context.close();
      emulator.stop();
    },
  };
}

test("clerk-js never finishes downloading: the page fails after the timeout and says so", async () => {
  const t = await setUp();
  try {
    await t.page.route("**/clerk-js/clerk.browser.js", () => {}); // never answered
    const started = Date.now();
    await t.page.goto(t.emulator.origin, { waitUntil: "domcontentloaded" });
    await t.page.getByTestId("loading").waitFor({ timeout: 20_000 });
    const failed = t.page.getByTestId("load-failed");
    await failed.waitFor({ timeout: 30_000 });
    const failedAfterMs = Date.now() - started;
    assert.match(await failed.textContent(), /clerk-js did not load from \/clerk-js\/clerk\.browser\.js within 15 s/);
    assert.equal(await t.page.getByTestId("load-retrying").count(), 1, "it says it will try again");
    assert.ok(failedAfterMs >= 15_000, `failed after ${failedAfterMs} ms, before the 15 s timeout`);
    assert.deepEqual(fapiCalls(t.emulator), [], "no Frontend API call without clerk-js");
    await screenshot(t.page, "fault-script-hangs");
    recordFigures("script-hangs", { failedAfterMs, fapiCalls: 0 });
  } finally {
    await t.tearDown();
  }
});

test("the emulator is down at load, then comes back: the page recovers by itself", async () => {
  const t = await setUp();
  try {
    // Connections to the Frontend API are refused until the route is lifted.
    await t.page.route("**/__clerk/**", (route) => route.abort("connectionrefused"));
    await t.page.goto(t.emulator.origin);
    const failed = t.page.getByTestId("load-failed");
    await failed.waitFor({ timeout: 20_000 });
    assert.match(await failed.textContent(), /Clerk\.load\(\) failed: network error/);
    await screenshot(t.page, "fault-emulator-down");
    await t.page.waitForTimeout(3_000); // a retry or two while still down
    await t.page.unroute("**/__clerk/**");
    const cameBack = Date.now();
    await t.page.getByTestId("user-name").waitFor({ timeout: 40_000 });
    const recoveryMs = Date.now() - cameBack;
    assert.equal(await failed.count(), 0, "the failure message is gone");
    recordFigures("emulator-down-at-load", { recoveryMs, fapiCallsAfterRecovery: fapiCalls(t.emulator).length });
  } finally {
    await t.tearDown();
  }
});

for (const [name, fault] of [
  ["500", { status: 500 }],
  ["401", { status: 401 }],
  ["dropped", { drop: true }],
]) {
  test(`touch answers ${name} three times: the refresher backs off, then succeeds, and the session stays`, async () => {
    // Expiry is always within the lead here, so the page touches as soon as it loads.
    const t = await setUp("refresh-short.toml");
    try {
      await t.emulator.admin("faults", { route: "touch", count: 3, ...fault });
      const started = Date.now();
      await t.page.goto(t.emulator.origin);
      await t.page.getByTestId("user-name").waitFor({ timeout: 20_000 });
      // A dropped connection never gets a status, so count attempts in the request log.
      const attempts = () => fapiCalls(t.emulator).filter((line) => line.includes("/touch")).length;
      await waitUntil(async () => (await t.emulator.ourTouches()).some((touch) => touch.status === 200), "a successful touch", 40_000);
      const recoveryMs = Date.now() - started;
      await t.page.getByTestId("last-touch").filter({ hasText: "expiry now" }).waitFor();
      await t.page.waitForTimeout(2_000);
      const touchAttempts = attempts();
      assert.ok(touchAttempts <= 4, `${touchAttempts} touch attempts for three faults: no storm`);
      assert.equal(await t.page.getByTestId("user-name").textContent(), "Ada Lovelace", "still signed in");
      assert.deepEqual(t.errors, []);
      recordFigures(`touch-${name}`, { touchAttempts, recoveryMs });
    } finally {
      await t.tearDown();
    }
  });
}

test("offline for 15 s, then online: nothing is lost and tokens flow again", async () => {
  const t = await setUp("multi-session.toml"); // 20 s tokens: clerk-js refreshes every few seconds
  try {
    await t.page.goto(t.emulator.origin);
    await t.page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    await signIn(t.page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    const sessionId = await t.page.getByTestId("session-id").textContent();
    let failedWhileOffline = 0;
    t.page.on("requestfailed", (request) => request.url().includes("/__clerk/") && failedWhileOffline++);

    await t.context.setOffline(true);
    await t.page.waitForTimeout(15_000);
    assert.equal(await t.page.getByTestId("session-id").textContent(), sessionId, "the session is still shown");
    await screenshot(t.page, "fault-offline");
    const offlineAttempts = failedWhileOffline;

    const callsBefore = fapiCalls(t.emulator).length;
    await t.context.setOffline(false);
    const online = Date.now();
    await waitUntil(() => fapiCalls(t.emulator).slice(callsBefore).some((line) => /tokens -> 200/.test(line)), "a token", 30_000);
    const recoveryMs = Date.now() - online;
    assert.equal(await t.page.getByTestId("session-id").textContent(), sessionId);
    assert.ok(offlineAttempts <= 15, `${offlineAttempts} failed calls in 15 s offline: no storm`);
    assert.deepEqual(t.errors, []);
    recordFigures("offline-online", { offlineAttempts, recoveryMs });
  } finally {
    await t.tearDown();
  }
});

test("the active session is removed in another tab: this tab says so and offers the rest", async () => {
  const t = await setUp("multi-session.toml");
  try {
    await t.page.goto(t.emulator.origin);
    await t.page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    await signIn(t.page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    await signIn(t.page, "grace@example.test", "compiler-first", "Grace Hopper");
    const other = await t.context.newPage();
    await other.goto(t.emulator.origin);
    await other.getByTestId("user-name").filter({ hasText: "Grace Hopper" }).waitFor({ timeout: 20_000 });

    const callsBefore = fapiCalls(t.emulator).length;
    const started = Date.now();
    await t.page.locator(".lc-switcher__trigger").click();
    await t.page.getByRole("menuitem", { name: "Sign out of Grace Hopper" }).click();
    const notice = other.getByTestId("signed-out");
    await notice.waitFor({ timeout: 30_000 });
    const noticedAfterMs = Date.now() - started;
    assert.match(await notice.textContent(), /signed out in this tab; 1 other account is still signed in/);
    await screenshot(other, "fault-removed-in-other-tab");
    const calls = fapiCalls(t.emulator).length - callsBefore;
    assert.ok(calls <= 6, `${calls} Frontend API calls: no storm`);
    recordFigures("removed-in-other-tab", { noticedAfterMs, fapiCalls: calls });
  } finally {
    await t.tearDown();
  }
});

test("signing out in one of five tabs signs out the other four", async () => {
  const t = await setUp("multi-session.toml");
  try {
    await t.page.goto(t.emulator.origin);
    await t.page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    await signIn(t.page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    const tabs = [];
    for (let i = 0; i < 4; i++) {
      const tab = await t.context.newPage();
      await tab.goto(t.emulator.origin);
      await tab.getByTestId("user-name").waitFor({ timeout: 20_000 });
      tabs.push(tab);
    }
    const callsBefore = fapiCalls(t.emulator).length;
    const started = Date.now();
    await t.page.locator(".lc-switcher__trigger").click();
    await t.page.getByRole("menuitem", { name: "Sign out of Ada Lovelace" }).click();
    const reachedAfterMs = await Promise.all(
      tabs.map(async (tab) => {
        await tab.getByTestId("signed-out").filter({ hasText: "Nobody is signed in" }).waitFor({ timeout: 30_000 });
        return Date.now() - started;
      }),
    );
    await t.page.waitForTimeout(3_000);
    const calls = fapiCalls(t.emulator).length - callsBefore;
    assert.ok(calls <= 10, `${calls} Frontend API calls for five tabs: no storm`);
    recordFigures("sign-out-five-tabs", { slowestTabMs: Math.max(...reachedAfterMs), fapiCalls: calls });
  } finally {
    await t.tearDown();
  }
});
