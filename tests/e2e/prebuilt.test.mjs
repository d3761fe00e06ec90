// Clerk's prebuilt components mounted from Leptos: real clerk-js, real @clerk/ui, the emulator.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, screenshot, signIn, sharedEmulatorAndBrowser, waitUntil, withoutClerkUi } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser({ config: "multi-session.toml" });

// clerk-js 5 has its UI built in; 6 fetches @clerk/ui when a prebuilt component mounts.
const CLERK_JS_MAJOR = process.env.CLERK_JS_MAJOR ?? "6";

// The emulator's fixed sign-up verification code (clerk-emulator's VERIFICATION_CODE).
const DEV_CODE = "424242";

const userName = (page) => page.getByTestId("user-name");
const clerkSignIn = (page) => page.getByTestId("clerk-sign-in");
const userButtonTrigger = (page) => page.getByRole("button", { name: "Open user menu" });

// Records the paths of every request the page makes, for asserting what crossed the wire.
function recordRequests(page) {
  const requests = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    requests.push(`${request.method()} ${url.pathname}`);
  });
  return requests;
}

const uiRequests = (requests) => requests.filter((line) => line.includes("/clerk-ui/"));

async function clerkContinue(scope) {
  await scope.getByRole("button", { name: "Continue", exact: true }).click();
}

test("sign in through Clerk's <SignIn>; use_session() follows", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const requests = recordRequests(page);
  try {
    await page.goto(`${shared.emulator.origin}/sign-in`);
    const form = clerkSignIn(page);
    await form.getByLabel("Email address").waitFor({ timeout: 20_000 });
    await screenshot(page, "prebuilt-sign-in");

    await form.getByLabel("Email address").fill("ada@example.test");
    await clerkContinue(form);
    await form.getByText("Enter your password").waitFor({ timeout: 10_000 });
    await form.getByLabel("Password", { exact: true }).fill("analytical-engine");
    await screenshot(page, "prebuilt-sign-in-password");
    await clerkContinue(form);

    // Clerk's component goes to its fallback redirect ("/"), where our card shows the user.
    await userName(page).filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 20_000 });
    assert.equal(new URL(page.url()).pathname, "/");
    assert.ok(requests.includes("POST /__clerk/v1/client/sign_ins"), "the identifier went to the emulator");
    assert.ok(
      requests.some((line) => /^POST \/__clerk\/v1\/client\/sign_ins\/[^/]+\/attempt_first_factor$/.test(line)),
      "the password went to attempt_first_factor",
    );
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("sign up through Clerk's <SignUp> with the emailed code", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  const requests = recordRequests(page);
  try {
    await page.goto(`${shared.emulator.origin}/sign-up`);
    const form = page.getByTestId("clerk-sign-up");
    await form.getByLabel("Email address").waitFor({ timeout: 20_000 });
    await form.getByLabel("Email address").fill("katherine@example.test");
    await form.getByLabel("Password", { exact: true }).fill("orbital-mechanics");
    await screenshot(page, "prebuilt-sign-up");
    await clerkContinue(form);

    await form.getByText("Verify your email").waitFor({ timeout: 10_000 });
    await screenshot(page, "prebuilt-sign-up-verify");
    await form.getByLabel("Enter verification code").fill(DEV_CODE);

    await userName(page).filter({ hasText: "katherine@example.test" }).waitFor({ timeout: 20_000 });
    assert.ok(requests.includes("POST /__clerk/v1/client/sign_ups"));
    assert.ok(requests.some((line) => /\/sign_ups\/[^/]+\/attempt_verification$/.test(line)));
    await screenshot(page, "prebuilt-signed-up");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("switch accounts from Clerk's <UserButton> menu; use_session() follows", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(shared.emulator.origin);
    await page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    await signIn(page, "grace@example.test", "compiler-first", "Grace Hopper");

    await userButtonTrigger(page).click();
    const popover = page.locator(".cl-userButtonPopoverCard");
    await popover.getByText("Add account").waitFor({ timeout: 10_000 });
    await page.waitForTimeout(400); // let the popover finish fading in
    await screenshot(page, "prebuilt-user-button-open");
    await popover.getByText("Ada Lovelace").click();
    await userName(page).filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 10_000 });

    // Our own switcher agrees with Clerk's menu.
    assert.match(await page.locator(".lc-switcher__trigger").textContent(), /Ada Lovelace/);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("a page showing no prebuilt component downloads no byte of Clerk's UI", async () => {
  const { page, context, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  await withoutClerkUi(context);
  const requests = recordRequests(page);
  try {
    await page.goto(shared.emulator.origin);
    await page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    await signIn(page, "alan@example.test", "universal-machine", "Alan Turing");
    await page.waitForTimeout(500);
    assert.deepEqual(uiRequests(requests), [], "nothing from /clerk-ui/ while no prebuilt component is shown");

    // Showing the UserButton is what fetches it (clerk-js 5 needs nothing more).
    await page.getByLabel("Show Clerk's <UserButton> in the header").check();
    await userButtonTrigger(page).waitFor({ timeout: 20_000 });
    if (CLERK_JS_MAJOR === "5") {
      assert.deepEqual(uiRequests(requests), []);
    } else {
      assert.ok(uiRequests(requests).includes("GET /clerk-ui/ui.browser.js"), uiRequests(requests).join("\n"));
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// Every element of the page as "tag#id.class" (React's generated ids masked), and the
// listeners subscribed to clerk-js, once the DOM has stopped changing for a moment:
// @clerk/ui's UserButton appends a portal root (<div id=":rN:">) to <body> in an effect
// after its trigger shows and removes it after the trigger goes, so a count taken right
// after a mount or unmount can be one off while nothing leaks.
const settledCensus = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const take = () => {
          observer.disconnect();
          const elements = [...document.getElementsByTagName("*")].map((element) => {
            const id = element.id ? `#${element.id.replace(/^:r[0-9a-z]+:$/, ":r:")}` : "";
            const classes = typeof element.className === "string" ? element.className.trim().split(/\s+/) : [];
            return `${element.localName}${id}${classes.filter(Boolean).map((c) => `.${c}`).join("")}`;
          });
          resolve({ elements: elements.sort(), listeners: window.__clerkListeners });
        };
        let quiet = setTimeout(take, 300);
        const observer = new MutationObserver(() => {
          clearTimeout(quiet);
          quiet = setTimeout(take, 300);
        });
        observer.observe(document, { subtree: true, childList: true });
      }),
  );

// What `after` has more or less of than `before`, one line per kind of element.
function censusDifference(before, after) {
  const count = (list) => list.reduce((counts, item) => counts.set(item, (counts.get(item) ?? 0) + 1), new Map());
  const [was, now] = [count(before.elements), count(after.elements)];
  const lines = [...new Set([...was.keys(), ...now.keys()])]
    .filter((key) => was.get(key) !== now.get(key))
    .map((key) => `${key}: ${was.get(key) ?? 0} → ${now.get(key) ?? 0}`);
  if (before.listeners !== after.listeners) lines.push(`clerk-js listeners: ${before.listeners} → ${after.listeners}`);
  return lines;
}

test("mounting and unmounting <UserButton> 200 times leaves the DOM and listeners as they were", async () => {
  const { page, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(shared.emulator.origin);
    await page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    await userButtonTrigger(page).waitFor({ timeout: 20_000 });
    const toggle = page.getByLabel("Show Clerk's <UserButton> in the header");
    const before = await settledCensus(page);

    for (let i = 0; i < 200; i++) {
      await toggle.uncheck();
      await userButtonTrigger(page).waitFor({ state: "detached" });
      await toggle.check();
      await userButtonTrigger(page).waitFor();
    }
    // A leak never settles back; a late portal does, within moments.
    let difference = [];
    await waitUntil(async () => {
      difference = censusDifference(before, await settledCensus(page));
      return difference.length === 0;
    }, "the page to settle back to its census", 10_000).catch(() => {
      assert.fail(`after 200 mounts and unmounts the page differs:\n${difference.join("\n")}`);
    });
    assert.ok(before.elements.length > 100, "the census saw the page");
    assert.ok(before.listeners >= 1, "the provider's clerk-js listener was counted");
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("<RedirectToSignIn> sends a signed-out visitor to sign in and back", async () => {
  const { page, outside, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(`${shared.emulator.origin}/account`);
    await page.waitForURL(/\/sign-in/, { timeout: 20_000 });
    assert.match(page.url(), /redirect_url=.*account/, "the way back rides along");

    const form = clerkSignIn(page);
    await form.getByLabel("Email address").fill("grace@example.test");
    await clerkContinue(form);
    await form.getByLabel("Password", { exact: true }).fill("compiler-first");
    await clerkContinue(form);

    await page.waitForURL(/\/account$/, { timeout: 20_000 });
    await page.getByTestId("clerk-user-profile").getByText("Profile details").waitFor({ timeout: 20_000 });
    await screenshot(page, "prebuilt-user-profile");
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("<RedirectToSignIn> goes to the after-sign-out URL when other accounts remain", async () => {
  const { page, errors } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    await page.goto(shared.emulator.origin);
    await page.getByTestId("signed-out").waitFor({ timeout: 20_000 });
    await signIn(page, "ada@example.test", "analytical-engine", "Ada Lovelace");
    await signIn(page, "grace@example.test", "compiler-first", "Grace Hopper");
    await page.goto(`${shared.emulator.origin}/account`);
    await page.getByTestId("clerk-user-profile").getByText("Profile details").waitFor({ timeout: 20_000 });

    // Sign out of this tab's account only: the tab has no session, the other one remains,
    // and the account page's <RedirectToSignIn> must not send the visitor to sign in.
    const current = await page.locator(".lc-switcher__trigger .lc-switcher__name").textContent();
    await page.locator(".lc-switcher__trigger").click();
    await page.getByRole("menuitem", { name: `Sign out of ${current}` }).click();
    // Poll the URL: clerk-js may start a second navigation that aborts the first.
    const deadline = Date.now() + 20_000;
    while (new URL(page.url()).pathname !== "/" && Date.now() < deadline) await page.waitForTimeout(100);
    // The demo routes clerk-js' navigations, so this is the same page: the tab stays signed
    // out, and the home page offers the account that remains.
    await page
      .getByTestId("signed-out")
      .filter({ hasText: "1 other account is still signed in" })
      .waitFor({ timeout: 20_000 });
    assert.equal(new URL(page.url()).pathname, "/");
    assert.doesNotMatch(page.url(), /sign-in/);
    // On a fresh page clerk-js makes the remaining account active by itself.
    await page.reload();
    const remaining = current === "Ada Lovelace" ? "Grace Hopper" : "Ada Lovelace";
    await page.getByTestId("user-name").filter({ hasText: remaining }).waitFor({ timeout: 20_000 });
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
