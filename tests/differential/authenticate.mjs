// Clerk's own request authentication, for the differential test
// (tests/differential/authenticate.rs): each line of stdin is a request {instance, method, url,
// headers}; each line of stdout is what `@clerk/backend`'s authenticateRequest makes of it:
// its status, its reason, and for a handshake the loop guard's next value.

import { createInterface } from "node:readline";
import { createClerkClient } from "@clerk/backend";

// authenticateRequest logs (each redirect loop it stops, a missing azp…); only the verdicts
// go to stdout, everything else to stderr.
const writeVerdict = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr);

const jwtKey = process.env.DIFFERENTIAL_JWT_KEY;
const keys = {
  development: `pk_test_${Buffer.from("clerk.example.com$").toString("base64")}`,
  production: `pk_live_${Buffer.from("clerk.example.com$").toString("base64")}`,
};
const clients = Object.fromEntries(
  Object.entries(keys).map(([instance, publishableKey]) => [
    instance,
    createClerkClient({
      secretKey: "sk_test_differential",
      publishableKey,
      jwtKey,
      telemetry: { disabled: true },
    }),
  ]),
);


const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line) continue;
  const input = JSON.parse(line);
  const headers = new Headers();
  for (const [name, value] of input.headers) headers.append(name, value);
  const request = new Request(input.url, { method: input.method, headers });
  let verdict;
  try {
    const state = await clients[input.instance].authenticateRequest(request, {
      jwtKey,
      issuer: "https://clerk.example.com",
      publishableKey: keys[input.instance],
    });
    const count = /__clerk_redirect_count=(\d+)/.exec(state.headers.get("set-cookie") ?? "")?.[1];
    verdict = {
      status: state.status,
      reason: state.reason ?? null,
      redirect_count: state.status === "handshake" ? Number(count) : null,
      // We ask for the cookies as a signed token, Clerk's backend for a nonce it exchanges
      // with its secret key: the one parameter where the two URLs differ by design.
      location: state.headers.get("location")?.replace("&format=nonce", "&format=token") ?? null,
      set_cookies: state.headers.getSetCookie(),
    };
  } catch (error) {
    // Only that it threw: the message is Clerk's wording.
    verdict = { status: "threw", reason: null, redirect_count: null, location: null, set_cookies: [] };
  }
  writeVerdict(`${JSON.stringify(verdict)}\n`);
}
