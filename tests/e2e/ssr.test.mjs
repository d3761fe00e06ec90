// Server rendering (examples/ssr: leptos_axum, ClerkLayer in handshake mode, the provider's
// seed), against clerk-emulator through the app's /__clerk proxy, as a user's browser sees
// it. The first visit to a development instance always goes through Clerk's handshake:
// app → /__clerk/v1/client/handshake → app?__clerk_handshake=… → the clean URL.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";

import { spawnEmulator } from "./support/emulator.mjs";
import { isolatedPage, launchBrowser, screenshot, startEmulator, waitUntil } from "./support/harness.mjs";

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through \`cargo xtask test\``);
  return value;
}

// The example's server on a free loopback port, its Frontend API the emulator.
async function startServer(emulatorOrigin, env = {}) {
  const child = spawn(required("SSR_SERVER_BIN"), [], {
    env: {
      ...process.env,
      SITE_DIR: required("SSR_SITE"),
      ADDRESS: "127.0.0.1:0",
      CLERK_FRONTEND_API: emulatorOrigin,
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const origin = await new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`the example's server exited (${code}): ${output}`)));
  });
  return { origin, stop: () => child.kill() };
}

// Starts an emulator (with `config`) and the example in front of it.
async function startApp(config) {
  const emulator = await startEmulator({ config, serveDir: required("SSR_SITE") });
  const server = await startServer(emulator.origin);
  return { emulator, server, origin: server.origin, stop: () => (server.stop(), emulator.stop()) };
}

// The document responses of one navigation, first to last: [{url, status, headers}].
async function navigationChain(response) {
  const chain = [];
  for (let request = response.request(); request; request = request.redirectedFrom()) {
    const answer = await request.response();
    chain.unshift({ url: request.url(), status: answer?.status(), headers: answer ? await answer.allHeaders() : {} });
  }
  return chain;
}

// Watches the page from its first byte: whether the signed-out text ever appears, and the
// signed-in node the server rendered, kept to compare after hydration and clerk-js.
function watchFirstPaint() {
  window.__sawSignedOut = false;
  window.__consoleErrors = [];
  const look = () => {
    if (document.getElementById("signed-out")) window.__sawSignedOut = true;
    window.__firstSignedIn ??= document.getElementById("signed-in");
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", look);
}

describe("server rendering", () => {
  let app;
  let browser;
  before(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    app?.stop();
  });

  it("names the user in the first HTML, after development's three-hop handshake, without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`${app.origin}/`);
    const chain = await navigationChain(response);
    assert.deepEqual(
      chain.map(({ url, status }) => [new URL(url).pathname, status]),
      [
        ["/", 307],
        ["/__clerk/v1/client/handshake", 307],
        ["/", 307],
        ["/", 200],
      ],
    );
    assert.equal(chain[0].headers["x-clerk-auth-reason"], "dev-browser-missing");
    assert.match(new URL(chain[2].url).search, /__clerk_handshake=/);
    assert.equal(new URL(chain[3].url).search, "", "the handshake's parameters are gone from the URL");
    assert.equal(chain[3].headers["cache-control"], "private");
    assert.equal(await page.locator("#signed-in").textContent(), "Signed in as user_ada");
    const html = await response.text();
    assert.doesNotMatch(html, /eyJ[\w-]+\.eyJ/, "no JWT anywhere in the HTML");
    assert.doesNotMatch(html, /signed-out/);
    await screenshot(page, "ssr-no-javascript");
    await context.close();
  });

  it("never shows the signed-out page and keeps the server's node through hydration and clerk-js", async () => {
    const { context, page, errors } = await isolatedPage(browser, app.origin);
    const consoleErrors = [];
    page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
    await context.addInitScript(watchFirstPaint);
    await page.goto(`${app.origin}/`);
    // clerk-js has loaded and the switcher (rendered as "Loading accounts…" on the server)
    // now names the account.
    await page.locator(".lc-switcher__trigger").filter({ hasText: "Ada" }).waitFor({ timeout: 20_000 });
    const facts = await page.evaluate(() => ({
      sawSignedOut: window.__sawSignedOut,
      sameNode: window.__firstSignedIn !== null && window.__firstSignedIn === document.getElementById("signed-in"),
      connected: window.__firstSignedIn?.isConnected,
      clerkLoaded: window.Clerk?.loaded,
    }));
    assert.deepEqual(facts, { sawSignedOut: false, sameNode: true, connected: true, clerkLoaded: true });
    assert.equal(await page.locator("#signed-in").textContent(), "Signed in as user_ada");
    assert.deepEqual(errors, [], "no page errors (a hydration mismatch or a panic would be one)");
    assert.deepEqual(
      consoleErrors.filter((text) => /hydrat|panicked|mismatch/i.test(text)),
      [],
      consoleErrors.join("\n"),
    );
    await screenshot(page, "ssr-hydrated");
    await context.close();
  });

  it("handshakes an expired session cookie and comes back signed in; a fetch with it is refused, never redirected", async () => {
    const { context, page } = await isolatedPage(browser, app.origin);
    await page.goto(`${app.origin}/`);
    await page.locator("#signed-in").waitFor();
    const cookies = await context.cookies(app.origin);
    const sessionId = JSON.parse(
      Buffer.from(cookies.find((c) => c.name === "__session").value.split(".")[1], "base64url"),
    ).sid;
    // No page left to refresh the cookie behind the test's back.
    await page.close();
    // A token of the same session minted two minutes ago (long expired: tokens live 60 s),
    // with __client_uat at its issue time, as a tab left closed would leave them.
    const { jwt } = await app.emulator.admin(`sessions/${sessionId}/token`, { age_secs: 120 });
    const issuedAt = JSON.parse(Buffer.from(jwt.split(".")[1], "base64url")).iat;
    // clerk-js writes each cookie plainly and suffixed with the instance's hash: all go.
    await context.clearCookies({ name: /^__(session|client_uat)/ });
    await context.addCookies([
      { name: "__session", value: jwt, url: app.origin },
      { name: "__client_uat", value: String(issuedAt), url: app.origin },
    ]);

    const api = await context.request.get(`${app.origin}/api/me`, { maxRedirects: 0 });
    assert.equal(api.status(), 401, "a fetch with a stale cookie is signed out");
    assert.equal(api.headers().location, undefined);

    const staleClose = await browser.newContext();
    await staleClose.addCookies(await context.cookies(app.origin));
    const plain = await staleClose.newPage();
    const response = await plain.goto(`${app.origin}/`);
    const chain = await navigationChain(response);
    assert.match(chain[0].headers["x-clerk-auth-reason"], /^session-token-expired/);
    assert.equal(chain.at(-1).status, 200);
    assert.equal(await plain.locator("#signed-in").textContent(), "Signed in as user_ada");
    await staleClose.close();
    await context.close();
  });

  it("answers a server function with a stale cookie, since the call carries clerk-js' token; without it, 401", async () => {
    const { context, page } = await isolatedPage(browser, app.origin);
    await page.goto(`${app.origin}/`);
    await page.locator(".lc-switcher__trigger").filter({ hasText: "Ada" }).waitFor({ timeout: 20_000 });
    // The cookies go stale under the page (clerk-js would refresh them within a minute).
    const stale = (await context.cookies(app.origin)).filter((c) => c.name.startsWith("__session"));
    await context.addCookies(stale.map((cookie) => ({ ...cookie, value: "stale" })));
    const call = page.waitForRequest((request) => request.url().includes("/api/whoami"));
    await page.locator("#whoami").click();
    const request = await call;
    assert.match(request.headers().authorization ?? "", /^Bearer eyJ/);
    await waitUntil(
      async () => (await page.locator("#whoami-answer").textContent()) === "The server says: user_ada",
      "the server function's answer",
    );
    await screenshot(page, "ssr-server-function");
    // The same call without the Bearer, as a plain client would make it: 401, no redirect.
    await page.close();
    await context.addCookies(stale.map((cookie) => ({ ...cookie, value: "stale" })));
    const plain = await context.request.post(request.url(), {
      headers: { "content-type": "application/x-www-form-urlencoded", origin: app.origin },
      maxRedirects: 0,
    });
    assert.equal(plain.status(), 401, await plain.text());
    assert.equal(plain.headers().location, undefined);
    await context.close();
  });
});

describe("server rendering, signed out", () => {
  let app;
  let browser;
  before(async () => {
    app = await startApp("ssr-signed-out.toml");
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    app?.stop();
  });

  it("renders the signed-out page, and once the browser is known, gets no handshake at all", async () => {
    const { context, page } = await isolatedPage(browser, app.origin);
    await context.addInitScript(watchFirstPaint);
    const first = await page.goto(`${app.origin}/`);
    assert.equal((await navigationChain(first)).length, 4, "the first visit meets the dev browser");
    assert.equal(await page.locator("#signed-out").textContent(), "Nobody is signed in. Add an account from the menu above.");
    const again = await page.goto(`${app.origin}/`);
    const chain = await navigationChain(again);
    assert.deepEqual(
      chain.map(({ status, headers }) => [status, headers["x-clerk-auth-status"], headers["x-clerk-auth-reason"]]),
      [[200, "signed-out", "session-token-and-uat-missing"]],
    );
    assert.equal(await page.locator("#signed-out").textContent(), "Nobody is signed in. Add an account from the menu above.");
    const api = await context.request.get(`${app.origin}/api/me`, { maxRedirects: 0 });
    assert.equal(api.status(), 401);
    await screenshot(page, "ssr-signed-out");
    await context.close();
  });
});

describe("server rendering, production", () => {
  // A production instance's key names its Frontend API: pk_live_ + base64("<host>$").
  const key = `pk_live_${Buffer.from("clerk.example.test$").toString("base64").replace(/=+$/, "")}`;
  let emulator;
  let server;
  let browser;
  before(async () => {
    const config = new URL("./fixtures/ssr-production.toml", import.meta.url).pathname;
    emulator = await spawnEmulator(["--serve-dir", required("SSR_SITE"), "--config", config, "--allow-live-key"]);
    server = await startServer(emulator.origin, { CLERK_PUBLISHABLE_KEY: key });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.stop();
    emulator?.child.kill();
  });

  it("takes two hops, the handshake's cookies coming back in a cookie", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    // Sign in through the Frontend API as clerk-js would; production's answers carry the
    // client (the HttpOnly __client cookie) and __client_uat, but no __session, which only
    // clerk-js writes: the case a handshake settles.
    const signIn = await context.request.post(`${server.origin}/__clerk/v1/client/sign_ins`, {
      form: { strategy: "password", identifier: "ada@example.test", password: "analytical-engine" },
    });
    assert.equal(signIn.status(), 200, await signIn.text());
    const before = (await context.cookies(server.origin)).map((cookie) => cookie.name);
    assert.ok(before.includes("__client") && before.includes("__client_uat"), before.join());
    assert.ok(!before.some((name) => name.startsWith("__session")), before.join());

    const page = await context.newPage();
    const response = await page.goto(`${server.origin}/`);
    const chain = await navigationChain(response);
    assert.deepEqual(
      chain.map(({ url, status }) => [new URL(url).pathname, status]),
      [
        ["/", 307],
        ["/__clerk/v1/client/handshake", 307],
        ["/", 200],
      ],
    );
    assert.equal(chain[0].headers["x-clerk-auth-reason"], "client-uat-but-no-session-token");
    assert.match(chain[1].headers["set-cookie"] ?? "", /__clerk_handshake=/);
    assert.equal(new URL(chain[2].url).search, "", "production's handshake never touches the URL");
    assert.equal(await page.locator("#signed-in").textContent(), "Signed in as user_ada");
    const after = (await context.cookies(server.origin)).map((cookie) => cookie.name);
    assert.ok(after.includes("__session"), after.join());
    assert.ok(!after.includes("__clerk_handshake"), "the handshake's cookie is cleared");
    await screenshot(page, "ssr-production");
    await context.close();
  });

  it("stops a handshake that never settles after three tries, and renders signed out", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const signIn = await context.request.post(`${server.origin}/__clerk/v1/client/sign_ins`, {
      form: { strategy: "password", identifier: "ada@example.test", password: "analytical-engine" },
    });
    assert.equal(signIn.status(), 200);
    // From now on every session token the emulator mints is a day old: each handshake
    // comes back with an expired token, and the app cannot settle.
    await fetch(`${emulator.origin}/__emulator/clock`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-emulator-admin-token": emulator.adminToken },
      body: JSON.stringify({ offset_ms: -86_400_000 }),
    });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${server.origin}/`);
      const chain = await navigationChain(response);
      const handshake = "/__clerk/v1/client/handshake";
      assert.deepEqual(
        chain.map(({ url, status }) => [new URL(url).pathname, status]),
        [
          ["/", 307],
          [handshake, 307],
          ["/", 307],
          [handshake, 307],
          ["/", 307],
          [handshake, 307],
          ["/", 200],
        ],
      );
      const loopCounts = chain
        .filter(({ url }) => new URL(url).pathname === "/")
        .map(({ headers }) => headers["set-cookie"]?.match(/__clerk_redirect_count=(\d)/)?.[1]);
      assert.deepEqual(loopCounts, ["1", "2", "3", undefined]);
      assert.equal(chain.at(-1).headers["x-clerk-auth-status"], "signed-out");
      assert.equal(
        await page.locator("#signed-out").textContent(),
        "Nobody is signed in. Add an account from the menu above.",
      );
    } finally {
      await fetch(`${emulator.origin}/__emulator/clock`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-emulator-admin-token": emulator.adminToken },
        body: JSON.stringify({ offset_ms: 0 }),
      });
      await context.close();
    }
  });
});
