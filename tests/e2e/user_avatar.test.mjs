// <UserAvatar>: Clerk's own avatar (clerk.mountUserAvatar, in clerk-js 5 and 6), mounted by
// the demo's account page beside its title.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, screenshot, sharedEmulatorAndBrowser } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser();

test("the account page shows Clerk's avatar of the active user, and follows a switch", async () => {
  const { context, page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(`${shared.emulator.origin}/account`);
    const avatar = page.locator('[data-clerk-component="UserAvatar"] .cl-userAvatarBox');
    // No uploaded image: Clerk draws the user's initials.
    await avatar.filter({ hasText: "AL" }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('[data-clerk-component="UserAvatar"] [role="alert"]').count(), 0);
    await screenshot(page, "user-avatar-ada");

    await page.locator(".lc-switcher__trigger").click();
    await page.getByRole("menuitem", { name: "Switch to Grace Hopper" }).click();
    await avatar.filter({ hasText: "GH" }).waitFor();
    assert.equal(await avatar.count(), 1, "one avatar, re-drawn in place");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
