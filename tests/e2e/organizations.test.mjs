// Organizations: the demo's /organization page with real clerk-js (and @clerk/ui's
// <OrganizationSwitcher> and <OrganizationProfile>) against the emulator's seeded Acme and
// Globex. Ada is Acme's admin and Globex's member; Grace is Acme's member and Globex's
// billing manager. What the page shows, what the page lets each role do, and what the
// server (/api/org/billing, guarded by org:billing:manage) answers must agree.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, screenshot, sharedEmulatorAndBrowser } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser();

// How long the page may take to follow a switch it has already started showing: the
// permission-dependent parts come from the same emit as the role, and the server's answer
// from one local request after it.
const SAME_SECOND = 1_000;

const text = (page, id) => page.getByTestId(id);
const orgButton = (page, name) => text(page, "org-buttons").getByRole("button", { name, exact: true });

// The /organization page as one of the seeded users, with everything the browser logs as an
// error collected beside the page's uncaught exceptions.
async function organizationPage(user) {
  const isolated = await isolatedPage(shared.browser, shared.emulator.origin);
  const { page } = isolated;
  isolated.consoleErrors = [];
  page.on("console", (message) => {
    // The browser logs every 403 of /api/org/billing, which the page asks for on purpose.
    const expected = message.location().url?.includes("/api/org/billing");
    if (message.type() === "error" && !expected) isolated.consoleErrors.push(message.text());
  });
  await page.goto(`${shared.emulator.origin}/organization`);
  await text(page, "org-name").filter({ hasText: "Personal account" }).waitFor({ timeout: 20_000 });
  if (user === "Grace Hopper") {
    await page.locator(".lc-switcher__trigger").click();
    await page.getByRole("menuitem", { name: "Switch to Grace Hopper" }).click();
  }
  await page.locator(".lc-switcher__trigger").filter({ hasText: user }).waitFor({ timeout: 10_000 });
  await orgButton(page, "Acme").waitFor({ timeout: 10_000 });
  // Clerk's switcher arrives with @clerk/ui, a moment after the page.
  await text(page, "clerk-org-switcher").locator(".cl-organizationSwitcherTrigger").waitFor({ timeout: 20_000 });
  return isolated;
}

// Switches with our own buttons and waits until the page acts for `name` with `role`.
async function switchWithOurButtons(page, name, role) {
  await orgButton(page, name).click();
  await text(page, "org-name").filter({ hasText: name }).waitFor({ timeout: 10_000 });
  await text(page, "org-role").filter({ hasText: role }).waitFor({ timeout: 10_000 });
  assert.equal(await orgButton(page, name).getAttribute("aria-pressed"), "true");
}

async function billingAllowed(page) {
  await text(page, "billing-button").waitFor({ timeout: SAME_SECOND });
  await text(page, "billing-api").filter({ hasText: "200: allowed" }).waitFor({ timeout: SAME_SECOND });
  assert.equal(await text(page, "billing-hidden").count(), 0);
}

async function billingRefused(page) {
  await text(page, "billing-hidden").waitFor({ timeout: SAME_SECOND });
  await text(page, "billing-api").filter({ hasText: /^403: \{/ }).waitFor({ timeout: SAME_SECOND });
  assert.equal(await text(page, "billing-button").count(), 0);
}

// Opens Clerk's <OrganizationSwitcher>, which shows `active`; resolves to its popover.
async function openClerkSwitcher(page, active) {
  const trigger = text(page, "clerk-org-switcher").locator(".cl-organizationSwitcherTrigger");
  await trigger.filter({ hasText: active }).waitFor({ timeout: 20_000 });
  await trigger.click();
  const popover = page.locator(".cl-organizationSwitcherPopoverCard");
  await popover.waitFor({ timeout: 10_000 });
  return popover;
}

// Opens Clerk's <OrganizationProfile> from the switcher's "Manage" and shows its members:
// resolves to the members' names and whether the "Invite" button is offered.
async function clerkMembers(page, active) {
  const popover = await openClerkSwitcher(page, active);
  await popover.locator(".cl-organizationSwitcherPopoverActionButton__manageOrganization").click();
  const profile = page.locator(".cl-organizationProfile-root");
  await profile.getByRole("button", { name: "Members" }).first().click();
  const rows = profile.locator(".cl-tableBody .cl-tableRow");
  await rows.filter({ hasText: "Grace Hopper" }).waitFor({ timeout: 20_000 });
  const names = await rows.locator(".cl-userPreviewMainIdentifier").allTextContents();
  const invite = await profile.getByRole("button", { name: "Invite", exact: true }).count();
  return { names: names.map((name) => name.replace(/You$/, "").trim()), invite: invite > 0 };
}

async function closeClerkProfile(page) {
  await page.locator(".cl-modalCloseButton").click();
  await page.locator(".cl-organizationProfile-root").waitFor({ state: "detached", timeout: 10_000 });
}

async function permissions(page) {
  return (await text(page, "org-permissions").textContent()).split(", ").sort();
}

async function members(page) {
  const list = text(page, "org-members");
  await list.locator("li").first().waitFor({ timeout: 10_000 });
  return list.locator("li").allTextContents();
}

test("Ada switches between Acme and Globex, from our buttons and from Clerk's switcher", async () => {
  const { context, page, outside, errors, consoleErrors } = await organizationPage("Ada Lovelace");
  try {
    assert.equal(await text(page, "org-permissions").textContent(), "none");
    assert.equal(await orgButton(page, "Personal account").getAttribute("aria-pressed"), "true");
    await billingRefused(page);
    await screenshot(page, "org-ada-personal");

    await switchWithOurButtons(page, "Acme", "org:admin");
    await billingAllowed(page);
    assert.deepEqual(await permissions(page), [
      "org:billing:manage",
      "org:billing:read",
      "org:docs:manage",
      "org:docs:read",
    ]);
    assert.deepEqual(await members(page), ["Ada Lovelace (org:admin)", "Grace Hopper (org:member)"]);
    await screenshot(page, "org-ada-acme-admin");

    await switchWithOurButtons(page, "Globex", "org:member");
    await billingRefused(page);
    assert.deepEqual(await permissions(page), ["org:docs:read"]);
    await screenshot(page, "org-ada-globex-member");

    // Back to Acme from Clerk's own <OrganizationSwitcher>.
    const popover = await openClerkSwitcher(page, "Globex");
    await screenshot(page, "org-ada-clerk-switcher-open");
    await popover.locator(".cl-organizationSwitcherPreviewButton").filter({ hasText: "Acme" }).click();
    await text(page, "org-name").filter({ hasText: "Acme" }).waitFor({ timeout: 10_000 });
    await text(page, "org-role").filter({ hasText: "org:admin" }).waitFor({ timeout: SAME_SECOND });
    await billingAllowed(page);
    assert.equal(await orgButton(page, "Acme").getAttribute("aria-pressed"), "true");

    await text(page, "org-create-name").fill("Initech");
    await text(page, "org-create").click();
    await text(page, "org-created").filter({ hasText: "Created Initech." }).waitFor({ timeout: 10_000 });
    await orgButton(page, "Initech").waitFor({ timeout: SAME_SECOND });
    await screenshot(page, "org-ada-created-initech");

    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});

test("Grace, Globex's billing manager and Acme's member, gets other controls", async () => {
  const { context, page, outside, errors, consoleErrors } = await organizationPage("Grace Hopper");
  try {
    await switchWithOurButtons(page, "Globex", "org:billing_manager");
    await billingAllowed(page);
    assert.deepEqual(await permissions(page), ["org:billing:manage", "org:billing:read"]);
    assert.deepEqual(await members(page), ["Ada Lovelace (org:member)", "Grace Hopper (org:billing_manager)"]);
    await screenshot(page, "org-grace-globex-billing-manager");

    await switchWithOurButtons(page, "Acme", "org:member");
    await billingRefused(page);
    assert.deepEqual(await permissions(page), ["org:docs:read"]);
    await screenshot(page, "org-grace-acme-member");

    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});

test("Clerk's <OrganizationProfile> lists the members, and offers invitations to admins only", async () => {
  const { context, page, outside, errors, consoleErrors } = await organizationPage("Ada Lovelace");
  try {
    await switchWithOurButtons(page, "Acme", "org:admin");
    const asAdmin = await clerkMembers(page, "Acme");
    assert.deepEqual(asAdmin, { names: ["Ada Lovelace", "Grace Hopper"], invite: true });
    await screenshot(page, "org-ada-clerk-profile-members");
    await closeClerkProfile(page);

    // In Globex Ada is a member: she may see the members (org:sys_memberships:read) but not
    // invite (no org:sys_memberships:manage).
    await switchWithOurButtons(page, "Globex", "org:member");
    const asMember = await clerkMembers(page, "Globex");
    assert.deepEqual(asMember, { names: ["Ada Lovelace", "Grace Hopper"], invite: false });
    await screenshot(page, "org-ada-clerk-profile-as-member");
    await closeClerkProfile(page);

    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});
