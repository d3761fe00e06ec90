// The auto-refresh timer with real clerk-js, the emulator's lifetime model and
// Playwright's fake clock. The emulator's clock is moved together with the page's, so the
// tokens it mints never look expired to clerk-js.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, sharedBrowser, screenshot, startEmulator, waitUntil, withoutClerkUi } from "./support/harness.mjs";

const MINUTE = 60_000;
const shared = sharedBrowser();

// One emulator per test: its clock, faults and touch log are the test's own.
async function setUp(config, { fakeClock = true, tabs = 1 } = {}) {
  const emulator = await startEmulator({ config });
  const { context, page, outside, errors } = await isolatedPage(shared.browser, emulator.origin);
  await withoutClerkUi(context);
  if (fakeClock) await context.clock.install();
  const pages = [page];
  for (let i = 1; i < tabs; i++) pages.push(await context.newPage());
  for (const tab of pages) {
    await tab.goto(emulator.origin);
    await tab.getByTestId("user-name").waitFor({ timeout: 20_000 });
  }
  const clock = context.clock;
  // Keeps the emulator's clock where the page's is.
  const syncEmulator = async () => {
    const pageNow = await page.evaluate(() => Date.now());
    await emulator.admin("clock", { offset_ms: pageNow - Date.now() });
  };
  return {
    emulator,
    context,
    page,
    pages,
    outside,
    errors,
    ourTouches: emulator.ourTouches,
    expireAt: async (tab = page) => Number(await tab.getByTestId("expires-in").getAttribute("data-expire-at")),
    // Jumps both clocks to `target`, firing due timers once (a wake from a throttled tab).
    jumpTo: async (target) => {
      await emulator.admin("clock", { offset_ms: target - Date.now() });
      await clock.fastForward(target - (await page.evaluate(() => Date.now())));
    },
    // Lets `ms` pass on both clocks, firing every timer on the way.
    advance: async (ms) => {
      await emulator.admin("clock", { offset_ms: (await page.evaluate(() => Date.now())) + ms - Date.now() });
      await clock.runFor(ms);
      await syncEmulator();
    },
    tearDown: async () => {
      await context.close();
      emulator.stop();
    },
  };
}

test("five minutes before expiry the page touches once and shows the new expiry", async () => {
  const t = await setUp("refresh.toml");
  try {
    const expireAt = await t.expireAt();
    assert.match(await t.page.getByTestId("refresh-status").textContent(), /^next touch in 4:[0-5]\d$/);

    await t.jumpTo(expireAt - 5 * MINUTE - 1000);
    assert.deepEqual(await t.ourTouches(), [], "one second early: no touch yet");
    await t.advance(2000);
    const [touch] = await waitUntil(async () => {
      const touches = await t.ourTouches();
      return touches.length === 1 && touches;
    }, "the touch");
    assert.equal(touch.status, 200);

    // Inactivity would allow now + 10 min; the maximum lifetime (12 min) caps it.
    const moved = await waitUntil(async () => (await t.expireAt()) > expireAt && t.expireAt(), "the new expiry");
    assert.equal(moved, expireAt + 2 * MINUTE);
    assert.match(await t.page.getByTestId("last-touch").textContent(), /expiry now/);

    await t.advance(30_000);
    assert.equal((await t.ourTouches()).length, 1, "exactly one touch");
    await screenshot(t.page, "refresh-touched");
    assert.deepEqual(t.outside, []);
    assert.deepEqual(t.errors, []);
  } finally {
    await t.tearDown();
  }
});

test("at the maximum lifetime the touches stop and the warning shows", async () => {
  const t = await setUp("refresh.toml");
  try {
    const first = await t.expireAt();
    await t.jumpTo(first - 5 * MINUTE);
    await t.advance(1000);
    const second = await waitUntil(async () => (await t.expireAt()) > first && t.expireAt(), "the first touch");

    // The next touch cannot move expiry past the maximum lifetime: it is the last one.
    await t.jumpTo(second - 5 * MINUTE);
    await t.advance(1000);
    const warning = t.page.getByRole("status").filter({ hasText: "Your session ends in" });
    await warning.waitFor({ timeout: 20_000 });
    assert.match(await warning.textContent(), /Your session ends in 4:[0-5]\d\. Sign in again to keep working\./);
    assert.equal(await t.page.getByTestId("refresh-status").textContent(), "can no longer extend this session");

    await t.advance(2 * MINUTE);
    const touches = await t.ourTouches();
    assert.deepEqual(touches.map((touch) => touch.status), [200, 200], "two touches, then none");
    assert.match(await warning.textContent(), /Your session ends in 2:[0-5]\d/);
    await screenshot(t.page, "refresh-expiring-warning");
  } finally {
    await t.tearDown();
  }
});

test("failed touches back off, and the fourth try succeeds", async () => {
  // Expiry is always within the lead here, so the page touches as soon as it loads.
  const emulator = await startEmulator({ config: "refresh-short.toml" });
  await emulator.admin("faults", { route: "touch", status: 429, count: 3 });
  const { context, page } = await isolatedPage(shared.browser, emulator.origin);
  try {
    await page.goto(emulator.origin);
    await page.getByTestId("refresh-status").filter({ hasText: "touch failed" }).waitFor({ timeout: 20_000 });
    await screenshot(page, "refresh-backing-off");
    const touches = await waitUntil(async () => {
      const all = await emulator.ourTouches();
      return all.length >= 4 && all;
    }, "four touches", 40_000);
    assert.deepEqual(touches.map((t) => t.status), [429, 429, 429, 200]);
    // Equal jitter keeps at least half of each doubling delay (2 s, 4 s, 8 s).
    const gaps = touches.slice(1).map((t, i) => t.at - touches[i].at);
    assert.ok(gaps[0] >= 1000 && gaps[1] >= 2000 && gaps[2] >= 4000, `gaps ${gaps}`);
    await page.getByTestId("last-touch").filter({ hasText: "expiry now" }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal((await emulator.ourTouches()).length, 4, "no touch after success");
  } finally {
    await context.close();
    emulator.stop();
  }
});

test("five tabs on one session touch it once", async () => {
  const t = await setUp("refresh.toml", { tabs: 5 });
  try {
    const expireAt = await t.expireAt();
    await t.jumpTo(expireAt - 5 * MINUTE);
    await t.advance(1000);
    await waitUntil(async () => (await t.ourTouches()).length >= 1, "a touch");
    // Let the tabs that found the lock taken look again, and every timer run.
    await t.advance(15_000);
    const touches = await t.ourTouches();
    assert.equal(touches.length, 1, `one touch for five tabs, got ${JSON.stringify(touches)}`);
    for (const tab of t.pages) {
      assert.match(await tab.getByTestId("refresh-status").textContent(), /^next touch in /);
    }
  } finally {
    await t.tearDown();
  }
});

test("a laptop that slept through the deadline touches once on wake", async () => {
  const t = await setUp("refresh.toml");
  const setHidden = (hidden) =>
    t.page.evaluate((hidden) => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (hidden ? "hidden" : "visible") });
      document.dispatchEvent(new Event("visibilitychange"));
    }, hidden);
  try {
    const expireAt = await t.expireAt();
    await setHidden(true);
    // Asleep: the wall clock moves past the touch time, and no timer runs.
    const woke = expireAt - 2 * MINUTE;
    await t.emulator.admin("clock", { offset_ms: woke - Date.now() });
    await t.context.clock.setSystemTime(woke);
    assert.deepEqual(await t.ourTouches(), []);

    await setHidden(false);
    await waitUntil(async () => (await t.ourTouches()).length === 1, "the touch on wake");
    await t.advance(20_000);
    assert.equal((await t.ourTouches()).length, 1, "exactly one touch");
    await waitUntil(async () => (await t.expireAt()) > expireAt, "the new expiry");
  } finally {
    await t.tearDown();
  }
});

test("a 30-day session arms its timer and touches nothing in the first hour", async () => {
  const t = await setUp("refresh-30-days.toml");
  try {
    assert.match(await t.page.getByTestId("refresh-status").textContent(), /^next touch in 29 d 23:[0-5]\d:\d\d$/);
    for (let i = 0; i < 6; i++) {
      await t.advance(10 * MINUTE);
    }
    assert.deepEqual(await t.ourTouches(), []);
    assert.match(await t.page.getByTestId("refresh-status").textContent(), /^next touch in 29 d 22:[0-5]\d:\d\d$/);
    assert.deepEqual(t.errors, []);
  } finally {
    await t.tearDown();
  }
});
