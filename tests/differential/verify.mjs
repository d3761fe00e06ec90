// Clerk's own request authentication, for the differential test (tests/differential/verify.rs):
// each line of stdin is a case, {token, now_ms, issuer, authorized_parties, clock_skew_ms, checks}; each
// line of stdout is what `@clerk/backend`'s authenticateRequest makes of a request carrying
// that token as `Authorization: Bearer`, at that time, and what its auth object's `has()`
// answers for each check.

import { createInterface } from "node:readline";
import { createClerkClient } from "@clerk/backend";

const jwtKey = process.env.DIFFERENTIAL_JWT_KEY;
const publishableKey = `pk_live_${Buffer.from("clerk.example.com$").toString("base64")}`;
const clerk = createClerkClient({ secretKey: "sk_live_differential", publishableKey, jwtKey });

// Clerk reads the clock through `Date`; each case sets it.
const RealDate = Date;
let now = RealDate.now();
globalThis.Date = class extends RealDate {
  constructor(...args) {
    super(...(args.length ? args : [now]));
  }
  static now() {
    return now;
  }
};

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line) continue;
  const input = JSON.parse(line);
  now = input.now_ms;
  const request = new Request("https://api.example.com/api/me", {
    headers: { authorization: `Bearer ${input.token}`, accept: "application/json" },
  });
  let verdict;
  try {
    const state = await clerk.authenticateRequest(request, {
      jwtKey,
      issuer: input.issuer,
      authorizedParties: input.authorized_parties,
      clockSkewInMs: input.clock_skew_ms,
    });
    const auth = state.toAuth();
    if (state.status !== "signed-in") {
      verdict = { status: state.status, reason: state.reason ?? null };
    } else if (!auth.userId) {
      verdict = { status: "pending" };
    } else {
      verdict = {
        status: "signed-in",
        user_id: auth.userId,
        session_id: auth.sessionId ?? null,
        org_id: auth.orgId ?? null,
        org_role: auth.orgRole ?? null,
        org_slug: auth.orgSlug ?? null,
        org_permissions: auth.orgPermissions ?? [],
        has: input.checks.map((check) => auth.has(check)),
      };
    }
  } catch (error) {
    verdict = { status: "threw", reason: String(error?.message ?? error) };
  }
  process.stdout.write(`${JSON.stringify(verdict)}\n`);
}
