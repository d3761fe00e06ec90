// OAuth sign-in round trip, offline: use_sign_in().with_redirect ("Continue with Google"
// on /sign-in) and Clerk's <SignIn> Google button, each through the emulator's fake Google
// consent page, FAPI's /v1/oauth_callback and back; <AuthenticateWithRedirectCallback> on
// /sso-callback for what Clerk leaves to the app (an account already signed in here, a
// refusal). Every hop is a real navigation clerk-js or the browser makes.

import assert from "node:assert/strict";
import { test } from "node:test";

import { isolatedPage, screenshot, sharedEmulatorAndBrowser, waitUntil } from "./support/harness.mjs";

const shared = sharedEmulatorAndBrowser({ config: "oauth.toml" });

// Every request the page makes to our origin (fetches and navigations), with its form body.
function recordRequests(page) {
  const requests = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin !== shared.emulator.origin) return;
    const method = url.searchParams.get("_method") ?? request.method();
    requests.push({
      call: `${method} ${url.pathname.replace("/__clerk", "")}`,
      query: Object.fromEntries(url.searchParams),
      body: Object.fromEntries(new URLSearchParams(request.postData() ?? "")),
      navigation: request.isNavigationRequest(),
    });
  });
  return requests;
}

const matching = (requests, pattern) => requests.filter(({ call }) => pattern.test(call));
const navigations = (requests) => requests.filter((r) => r.navigation).map((r) => r.call.replace(/^GET /, ""));

// Clerk's UI shows Google's logo from img.clerk.com (a fixed URL in clerk-js and
// @clerk/ui). Offline, this page answers it with a plain mark instead, so the request never
// leaves the machine (and clerk-js 5 shows no broken image in the screenshots).
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><text x="8" y="13" font-size="13" font-family="sans-serif" font-weight="700" text-anchor="middle" fill="#4285f4">G</text></svg>`;

async function isolatedOAuthPage() {
  const isolated = await isolatedPage(shared.browser, shared.emulator.origin);
  isolated.logos = [];
  await isolated.page.route(/^https:\/\/img\.clerk\.com\/static\//, (route) => {
    isolated.logos.push(route.request().url());
    return route.fulfill({ contentType: "image/svg+xml", body: LOGO });
  });
  return isolated;
}

function assertOnlyLogosOutside(outside) {
  assert.deepEqual(outside, []);
}

async function openSignIn(page) {
  await page.goto(`${shared.emulator.origin}/sign-in`);
  const button = page.getByTestId("oauth-sign-in").getByRole("button", { name: "Continue with Google (emulated)" });
  await button.and(page.locator(":enabled")).waitFor({ timeout: 20_000 });
  return button;
}

// On the fake provider's page: checks what it says and picks `name`.
async function chooseAccount(page, name, shot) {
  await page.waitForURL(/\/v1\/oauth_emulator\/authorize\?state=/, { timeout: 20_000 });
  await page.getByRole("heading", { name: "Sign in with Google" }).waitFor();
  await page.getByText("clerk-emulator's fake Google").waitFor();
  if (shot) await screenshot(page, shot);
  await page.getByRole("link", { name: new RegExp(`Continue as ${name}`) }).click();
}

// The demo's password form on /sign-in; it empties itself once the new session is active.
async function passwordSignIn(page, email, password) {
  await openSignIn(page);
  const form = page.getByTestId("sign-in-form");
  await form.locator("#sign-in-email").fill(email);
  await form.locator("input[name=password]").fill(password);
  await form.getByRole("button", { name: "Sign in", exact: true }).click();
  await waitUntil(async () => (await form.locator("#sign-in-email").inputValue()) === "", `the sign-in of ${email}`);
}

async function signedInAs(page, name) {
  await page.getByTestId("user-name").filter({ hasText: name }).waitFor({ timeout: 20_000 });
}

test("the custom Google button: provider page, Ada, back through oauth_callback, signed in at redirectUrlComplete", async () => {
  const { page, outside, errors } = await isolatedOAuthPage();
  const requests = recordRequests(page);
  try {
    const button = await openSignIn(page);
    await screenshot(page, "oauth-sign-in-page");
    await button.click();
    await chooseAccount(page, "Ada Lovelace", "oauth-fake-provider");
    await page.waitForURL(`${shared.emulator.origin}/`, { timeout: 20_000 });
    await signedInAs(page, "Ada Lovelace");
    await screenshot(page, "oauth-signed-in");

    const [created] = matching(requests, /^POST \/v1\/client\/sign_ins$/);
    assert.equal(created.body.strategy, "oauth_google");
    // clerk-js makes redirectUrl absolute and adds the dev browser (buildUrlWithAuth);
    // redirectUrlComplete goes as given.
    const redirect = new URL(created.body.redirect_url);
    assert.equal(`${redirect.origin}${redirect.pathname}`, `${shared.emulator.origin}/sso-callback`);
    assert.equal(created.body.action_complete_redirect_url, "/");
    // The window went to the provider, the provider to FAPI, FAPI to the app's "/".
    const hops = navigations(requests);
    const from = hops.indexOf("/v1/oauth_emulator/authorize");
    assert.ok(from > 0, `navigations: ${hops.join(", ")}`);
    assert.deepEqual(hops.slice(from), ["/v1/oauth_emulator/authorize", "/v1/oauth_callback", "/"]);
    const [callback] = matching(requests, /^GET \/v1\/oauth_callback$/);
    assert.equal(callback.query.code, "user_ada");
    assert.ok(shared.emulator.requests.some((line) => /^GET \/__clerk\/v1\/oauth_callback -> 303$/.test(line)));
    // The sign-in was complete: nothing went through /sso-callback.
    assert.ok(!hops.includes("/sso-callback"));
    assertOnlyLogosOutside(outside);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("Clerk's <SignIn> Google button takes the same round trip", async () => {
  const { page, outside, errors } = await isolatedOAuthPage();
  const requests = recordRequests(page);
  try {
    await page.goto(`${shared.emulator.origin}/sign-in`);
    const google = page.getByTestId("clerk-sign-in").getByRole("button", { name: /Google/ });
    await google.waitFor({ timeout: 20_000 });
    await screenshot(page, "oauth-prebuilt-sign-in");
    await google.click();
    await chooseAccount(page, "Grace Hopper");
    await signedInAs(page, "Grace Hopper");
    assert.equal(new URL(page.url()).pathname, "/");

    const [created] = matching(requests, /^POST \/v1\/client\/sign_ins$/);
    assert.equal(created.body.strategy, "oauth_google");
    // <SignIn> returns to its own SSO callback step, and completes at its after-sign-in URL.
    assert.match(new URL(created.body.redirect_url).pathname, /^\/sign-in\/sso-callback/);
    assert.equal(new URL(created.body.action_complete_redirect_url, shared.emulator.origin).pathname, "/");
    assert.deepEqual(matching(requests, /^GET \/v1\/oauth_callback$/).map(({ query }) => query.code), ["user_grace"]);
    assertOnlyLogosOutside(outside);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("an account already signed in here comes back through /sso-callback, which makes its session active", async () => {
  const { page, outside, errors } = await isolatedOAuthPage();
  const requests = recordRequests(page);
  try {
    await passwordSignIn(page, "ada@example.test", "analytical-engine");
    // A second account, so that Ada's session is not the active one.
    await passwordSignIn(page, "alan@example.test", "universal-machine");
    await page.goto(`${shared.emulator.origin}/`);
    await signedInAs(page, "Alan Turing");

    const touchesBefore = (await shared.emulator.touches()).length;
    const button = await openSignIn(page);
    await button.click();
    await chooseAccount(page, "Ada Lovelace");
    // FAPI found Ada signed in already: back to the app's callback, which activates her
    // session (a touch naming it) and goes on to the fallback "/".
    await page.waitForURL(`${shared.emulator.origin}/`, { timeout: 20_000 });
    await signedInAs(page, "Ada Lovelace");
    const hops = navigations(requests);
    const from = hops.lastIndexOf("/v1/oauth_callback");
    assert.equal(hops[from + 1], "/sso-callback", `navigations: ${hops.join(", ")}`);
    const touches = (await shared.emulator.touches()).slice(touchesBefore);
    assert.ok(touches.length > 0, "setActive touched the session");
    // No second session for Ada: the client still holds the two accounts.
    assert.equal(await page.evaluate(() => window.Clerk.client.sessions.length), 2);
    assertOnlyLogosOutside(outside);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("cancelling at the provider comes back through /sso-callback to the sign-in page, signed out", async () => {
  const { page, outside, errors } = await isolatedOAuthPage();
  const requests = recordRequests(page);
  try {
    const button = await openSignIn(page);
    await button.click();
    await page.waitForURL(/\/v1\/oauth_emulator\/authorize/, { timeout: 20_000 });
    await page.getByRole("link", { name: "Cancel" }).click();
    await page.waitForURL(`${shared.emulator.origin}/sign-in`, { timeout: 20_000 });
    await openSignIn(page);
    // Clerk's <SignIn> on that page shows the provider's refusal from the failed sign-in.
    await page
      .getByTestId("clerk-sign-in")
      .getByText(/did not grant access|cancelled or refused/)
      .first()
      .waitFor({ timeout: 20_000 });
    await screenshot(page, "oauth-cancelled");
    const hops = navigations(requests);
    const from = hops.indexOf("/v1/oauth_callback");
    assert.deepEqual(hops.slice(from, from + 2), ["/v1/oauth_callback", "/sso-callback"], `navigations: ${hops.join(", ")}`);
    assert.equal(matching(requests, /^GET \/v1\/oauth_callback$/)[0].query.error, "access_denied");
    assert.equal(await page.getByTestId("user-name").count(), 0);
    assertOnlyLogosOutside(outside);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("the fake provider and the callback refuse a state no sign-in is waiting for", async () => {
  const { page } = await isolatedPage(shared.browser, shared.emulator.origin);
  try {
    const consent = await page.goto(`${shared.emulator.origin}/__clerk/v1/oauth_emulator/authorize?state=oauth_state_bogus`);
    assert.equal(consent.status(), 400);
    await page.getByText("This sign-in is unknown or already finished").waitFor();
    await screenshot(page, "oauth-fake-provider-unknown");
    const callback = await page.goto(`${shared.emulator.origin}/v1/oauth_callback?code=user_ada&state=oauth_state_bogus`);
    assert.equal(callback.status(), 400);
    await waitUntil(async () => (await page.content()).includes("oauth_callback_invalid"), "Clerk's error code");
  } finally {
    await page.context().close();
  }
});
