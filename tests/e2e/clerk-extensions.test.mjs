// The app's own content inside Clerk's UI, written in Leptos: `<UserButton menu_items>` (an
// action, a link, each with a Leptos icon) and `<UserProfile pages>` / `<UserButton
// user_profile_pages>` (a page whose content is a Leptos view reading the app's context).
// Real clerk-js, real Clerk UI, the emulator.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, screenshot, signIn, sharedEmulatorAndBrowser, waitUntil } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser({ config: "multi-session.toml" });

const userButtonTrigger = (page) => page.getByRole("button", { name: "Open user menu" });
const menu = (page) => page.locator(".cl-userButtonPopoverCard");
const preferences = (page) => page.getByTestId("preferences-page");
// The menu's entries are buttons (clerk-js 6) or menu items (5); either way, by their text.
const menuEntry = (page, label) => menu(page).locator("button, [role=menuitem]", { hasText: label });

// clerk-js reports props it rejects (an invalid custom menu item or page) with
// console.error("Clerk: …"); none may appear.
function clerkConsoleErrors(page) {
  const seen = [];
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Clerk")) seen.push(message.text());
  });
  return seen;
}

async function signedInAsAda(page) {
  await page.goto(shared.emulator.origin);
  await page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
  await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
}

async function openMenu(page) {
  await userButtonTrigger(page).click();
  await menu(page).getByText("What's new").waitFor({ timeout: 20_000 });
}

test("<UserButton menu_items>: Leptos icons, an action that reaches the page, a link through the router", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const clerkErrors = clerkConsoleErrors(page);
  try {
    await signedInAsAda(page);
    await openMenu(page);

    // Clerk's "Manage account" first, then ours in the order given, then "Sign out".
    const entries = await menu(page).locator("button, [role=menuitem]").allTextContents();
    const order = ["Manage account", "What's new", "Account page", "Sign out"].map((label) =>
      entries.findIndex((entry) => entry.includes(label)),
    );
    assert.ok(order.every((index) => index >= 0), `all four entries are there: ${entries.join(" | ")}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order, `in order: ${entries.join(" | ")}`);
    // Each of ours carries its Leptos-rendered icon.
    for (const label of ["What's new", "Account page"]) {
      const entry = menuEntry(page, label);
      assert.equal(await entry.locator("svg.menu-icon").count(), 1, `${label} has its icon`);
    }
    await page.waitForTimeout(400); // let the popover finish fading in
    await screenshot(page, "extensions-user-button-menu");

    await menuEntry(page, "What's new").click();
    await page.getByTestId("menu-note").filter({ hasText: "your own entries in Clerk's menu" }).waitFor();
    await menu(page).waitFor({ state: "detached" });
    await screenshot(page, "extensions-menu-action-note");

    // The link goes through leptos_router: no new document.
    await page.evaluate(() => {
      window.__sameDocument = "still here";
    });
    await openMenu(page);
    await menuEntry(page, "Account page").click();
    await waitUntil(() => new URL(page.url()).pathname === "/account", "the account route");
    await page.getByTestId("clerk-user-profile").getByText("Profile details").waitFor({ timeout: 20_000 });
    assert.equal(await page.evaluate(() => window.__sameDocument), "still here", "no page load");

    assert.deepEqual(clerkErrors, []);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("<UserProfile pages>: a Leptos page in Clerk's navigation, with the app's context and its own state", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const clerkErrors = clerkConsoleErrors(page);
  try {
    await signedInAsAda(page);
    await page.getByRole("link", { name: "Account", exact: true }).click();
    const profile = page.getByTestId("clerk-user-profile");
    await profile.getByText("Profile details").waitFor({ timeout: 20_000 });

    // After Clerk's own pages, with its icon.
    const navigation = profile.locator(".cl-navbarButtons");
    const labels = (await navigation.getByRole("button").allTextContents()).map((text) => text.trim());
    assert.deepEqual(labels.slice(-1), ["Preferences"], `the page comes last: ${labels.join(" | ")}`);
    assert.equal(await navigation.getByRole("button", { name: "Preferences" }).locator("svg.menu-icon").count(), 1);

    await navigation.getByRole("button", { name: "Preferences" }).click();
    // use_user() inside the page: it sees the provider above the component.
    await preferences(page).getByTestId("preferences-user").filter({ hasText: "Ada Lovelace" }).waitFor();
    await preferences(page).getByLabel("Email me a weekly digest").check();
    await preferences(page).getByText("Weekly digest: on").waitFor();
    await screenshot(page, "extensions-user-profile-page");

    // Leaving the page unmounts the view; coming back mounts a fresh one.
    await navigation.getByRole("button", { name: "Profile" }).click();
    await preferences(page).waitFor({ state: "detached" });
    await navigation.getByRole("button", { name: "Preferences" }).click();
    await preferences(page).getByText("Weekly digest: off").waitFor();
    assert.equal(await preferences(page).count(), 1, "one view, not a second one beside a leftover");

    assert.deepEqual(clerkErrors, []);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("<UserButton user_profile_pages>: the same page in the profile modal, gone when the modal closes", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const clerkErrors = clerkConsoleErrors(page);
  try {
    await signedInAsAda(page);
    await openMenu(page);
    await menuEntry(page, "Manage account").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Profile details").waitFor({ timeout: 20_000 });
    await dialog.getByRole("button", { name: "Preferences" }).click();
    await dialog.getByTestId("preferences-user").filter({ hasText: "Ada Lovelace" }).waitFor();
    await page.waitForTimeout(400); // let the modal finish fading in
    await screenshot(page, "extensions-profile-modal-page");

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await preferences(page).waitFor({ state: "detached" });

    assert.deepEqual(clerkErrors, []);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("opening and closing the menu 30 times leaves no icon behind", async () => {
  const { page, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await signedInAsAda(page);
    for (let i = 0; i < 30; i++) {
      await openMenu(page);
      await page.keyboard.press("Escape");
      await menu(page).waitFor({ state: "detached" });
    }
    // Each open mounted two Leptos icons; each close must have unmounted them.
    await waitUntil(async () => (await page.locator("svg.menu-icon").count()) === 0, "no icon left in the page");
    await openMenu(page);
    assert.equal(await menu(page).locator("svg.menu-icon").count(), 2, "the menu still shows both icons");
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
