// The session switcher and the sign-in form, with real clerk-js and the emulator.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, jwtClaims, screenshot, signIn, sharedEmulatorAndBrowser, waitUntil, withoutClerkUi } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser({ config: "multi-session.toml" });

const trigger = (page) => page.locator(".lc-switcher__trigger");
const menu = (page) => page.getByRole("menu", { name: "Accounts" });
const otherRows = (page) => page.locator(".lc-switcher__row");

async function openSwitcher(page) {
  if ((await trigger(page).getAttribute("aria-expanded")) !== "true") {
    await trigger(page).click();
  }
  await menu(page).waitFor();
}

async function closeSwitcher(page) {
  if ((await trigger(page).getAttribute("aria-expanded")) === "true") {
    await page.keyboard.press("Escape");
  }
  await menu(page).waitFor({ state: "hidden" });
}

async function cardSessionId(page) {
  return page.getByTestId("session-id").textContent();
}

// The sid in the __session cookie clerk-js writes for the tab's session.
async function cookieSid(context) {
  const cookie = (await context.cookies()).find((c) => c.name === "__session");
  return cookie ? jwtClaims(cookie.value).sid : null;
}

async function waitForCookieSid(context, sid) {
  await waitUntil(async () => (await cookieSid(context)) === sid, `__session to name ${sid}`, 5_000);
}

async function switchTo(page, name) {
  await openSwitcher(page);
  await page.getByRole("menuitem", { name: `Switch to ${name}` }).click();
  await page.getByTestId("user-name").filter({ hasText: name }).waitFor({ timeout: 10_000 });
  await menu(page).waitFor({ state: "hidden" });
}

test("sign in, add accounts, switch, sign out of one and of all", async () => {
  const { context, page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(shared.emulator.origin);
    await page.getByTestId("signed-out").filter({ hasText: "Nobody is signed in" }).waitFor({ timeout: 20_000 });
    assert.equal(await trigger(page).textContent(), "Not signed in");

    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    const ada = await cardSessionId(page);
    await signIn(page, "grace@example.test", "compiler-first", "Grace Hopper");
    const grace = await cardSessionId(page);
    assert.notEqual(ada, grace);
    await waitForCookieSid(context, grace);

    await openSwitcher(page);
    assert.deepEqual(await otherRows(page).locator(".lc-switcher__name").allTextContents(), ["Ada Lovelace"]);
    assert.equal(await page.getByRole("menuitem", { name: "Sign out of all accounts" }).count(), 1);
    await screenshot(page, "switcher-open");

    // Back and forth: the page's use_session() output and the cookie follow.
    await switchTo(page, "Ada Lovelace");
    assert.equal(await cardSessionId(page), ada);
    await waitForCookieSid(context, ada);
    await switchTo(page, "Grace Hopper");
    assert.equal(await cardSessionId(page), grace);
    await waitForCookieSid(context, grace);

    // A wrong password shows Clerk's message and changes nothing.
    await signIn(page, "alan@example.test", "wrong-password");
    const error = page.getByTestId("sign-in-error");
    await error.waitFor();
    assert.equal(await error.textContent(), "Password is incorrect. Try again, or use another method.");
    await openSwitcher(page);
    assert.equal(await otherRows(page).count(), 1);
    assert.equal(await cardSessionId(page), grace);
    await screenshot(page, "sign-in-wrong-password");
    await closeSwitcher(page);

    // Sign out of the other account from its row.
    await signIn(page, "alan@example.test", "universal-machine", "Alan Turing");
    await openSwitcher(page);
    assert.equal(await otherRows(page).count(), 2);
    await page.getByRole("menuitem", { name: "Sign out of Ada Lovelace" }).click();
    await menu(page).waitFor({ state: "hidden" });
    await openSwitcher(page);
    assert.deepEqual(await otherRows(page).locator(".lc-switcher__name").allTextContents(), ["Grace Hopper"]);

    // Signing out of the current one leaves the tab without a session while Grace remains.
    await page.getByRole("menuitem", { name: "Sign out of Alan Turing" }).click();
    await page.getByTestId("signed-out").filter({ hasText: "1 other account is still signed in" }).waitFor();
    assert.equal(await trigger(page).textContent(), "Choose an account");
    await openSwitcher(page);
    await page.getByRole("status").filter({ hasText: "signed out in this tab" }).waitFor();
    await screenshot(page, "switcher-lost-session");
    await page.getByRole("menuitem", { name: "Switch to Grace Hopper" }).click();
    await page.getByTestId("user-name").filter({ hasText: "Grace Hopper" }).waitFor();

    // Sign out of all.
    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    await openSwitcher(page);
    await page.getByRole("menuitem", { name: "Sign out of all accounts" }).click();
    await page.getByTestId("signed-out").filter({ hasText: "Nobody is signed in" }).waitFor();
    assert.equal(await trigger(page).textContent(), "Not signed in");

    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the switcher works from the keyboard", async () => {
  const { context, page } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(shared.emulator.origin);
    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    await signIn(page, "grace@example.test", "compiler-first", "Grace Hopper");
    const focusedNow = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent);
    // Focus moves into the menu on the frame after it shows.
    const focused = async () => {
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      return focusedNow();
    };

    await trigger(page).focus();
    await page.keyboard.press("Enter");
    await menu(page).waitFor();
    assert.equal(await trigger(page).getAttribute("aria-expanded"), "true");
    assert.equal(await focused(), "Sign out of Grace Hopper", "Enter opens on the first item");
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(), "Switch to Ada Lovelace");
    await page.keyboard.press("End");
    assert.equal(await focused(), "Sign out of all accounts");
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(), "Sign out of Grace Hopper", "arrows wrap around");
    await screenshot(page, "switcher-keyboard-focus");
    await page.keyboard.press("Escape");
    await menu(page).waitFor({ state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("lc-switcher__trigger")), true);

    await page.keyboard.press("ArrowUp");
    await menu(page).waitFor();
    assert.equal(await focused(), "Sign out of all accounts", "ArrowUp opens on the last item");
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.getByTestId("user-name").filter({ hasText: "Ada Lovelace" }).waitFor();
    // After the switch has painted, focus is back on the trigger, which now names Ada.
    await page.waitForFunction(() => document.activeElement?.classList.contains("lc-switcher__trigger"));
    assert.match(await trigger(page).textContent(), /Ada Lovelace/);
  } finally {
    await context.close();
  }
});

test("a hostile name is shown as text", async () => {
  const { context, page, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const dialogs = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    return dialog.dismiss();
  });
  try {
    await page.goto(shared.emulator.origin);
    await signIn(page, "mallory@example.test", "not-a-script", "Mallory");
    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    await openSwitcher(page);
    const row = otherRows(page).locator(".lc-switcher__name");
    assert.equal(await row.textContent(), "<img src=x onerror=alert(1)> Mallory");
    await switchTo(page, "<img src=x onerror=alert(1)> Mallory");
    assert.equal(await page.getByTestId("user-name").textContent(), "<img src=x onerror=alert(1)> Mallory");
    assert.equal(await page.locator("img").count(), 0, "no element was made from the name");
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// clerk-js 6 refreshes the token of every signed-in session, so it notices a revoked one by
// itself within a refresh. clerk-js 5 refreshes only the active session's; it finds out when
// the revoked session is next used, here by trying to switch to it (which it answers by
// signing the tab out of its own session too).
const CLERK_JS_MAJOR = process.env.CLERK_JS_MAJOR ?? "6";

test("a session revoked on the server leaves the switcher", async () => {
  const { context, page } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(shared.emulator.origin);
    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    const ada = await cardSessionId(page);
    await signIn(page, "grace@example.test", "compiler-first", "Grace Hopper");
    await openSwitcher(page);
    assert.equal(await otherRows(page).count(), 1);

    assert.deepEqual(await shared.emulator.admin(`sessions/${ada}/revoke`), { revoked: ada });
    if (CLERK_JS_MAJOR === "5") {
      // The switch's touch gets a 401. clerk-js 5 reloads the client, which no longer has
      // Ada, and also drops this tab's own session: the switcher offers Grace again.
      await page.getByRole("menuitem", { name: "Switch to Ada Lovelace" }).click();
      await trigger(page).filter({ hasText: "Choose an account" }).waitFor({ timeout: 20_000 });
      await openSwitcher(page);
      assert.deepEqual(await otherRows(page).locator(".lc-switcher__name").allTextContents(), ["Grace Hopper"]);
      return;
    }
    // clerk-js 6 finds out by itself, without a reload or a click: at its next token refresh
    // of that session (20 s tokens: ~3 s).
    await otherRows(page).first().waitFor({ state: "detached", timeout: 20_000 });
    assert.equal(await page.getByRole("menuitem", { name: "Sign out of all accounts" }).count(), 0);
    assert.equal(await page.getByTestId("user-name").textContent(), "Grace Hopper");
  } finally {
    await context.close();
  }
});

test("200 switches leave listeners and rows where they started", async () => {
  const { context, page, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  // Clerk's UI (the demo header's <UserButton>) subscribes too, whenever its chunks arrive:
  // with it on, the count taken before the switches could miss its six listeners.
  await withoutClerkUi(context);
  try {
    await page.goto(shared.emulator.origin);
    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    await signIn(page, "grace@example.test", "compiler-first", "Grace Hopper");
    const listeners = () => page.evaluate(() => window.__clerkListeners);
    const before = await listeners();
    assert.ok(before >= 1, `the provider subscribed (${before})`);

    const names = ["Ada Lovelace", "Grace Hopper"];
    for (let i = 0; i < 200; i++) {
      await switchTo(page, names[i % 2]);
    }
    assert.equal(await page.getByTestId("user-name").textContent(), "Grace Hopper");
    assert.equal(await listeners(), before);
    await openSwitcher(page);
    assert.equal(await otherRows(page).count(), 1);
    assert.equal(await page.locator(".lc-switcher__menu [role=menuitem]").count(), 5);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
