// Clerk's own reading of the emulator's handshake, for emulator/tests/handshake.rs: each line
// of stdin is a request coming back from the emulator's /v1/client/handshake
// {publishable_key, jwk, authorized_party, url, headers}; each line of stdout is what
// `@clerk/backend`'s authenticateRequest makes of it.

import { createPublicKey } from "node:crypto";
import { createInterface } from "node:readline";
import { createClerkClient } from "@clerk/backend";

// authenticateRequest logs; only the verdicts go to stdout.
const writeVerdict = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr);

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line) continue;
  const input = JSON.parse(line);
  const jwtKey = createPublicKey({ key: input.jwk, format: "jwk" }).export({ type: "spki", format: "pem" });
  const clerk = createClerkClient({
    secretKey: "sk_test_emulator",
    publishableKey: input.publishable_key,
    jwtKey,
    telemetry: { disabled: true },
  });
  const headers = new Headers();
  for (const [name, value] of input.headers) headers.append(name, value);
  let verdict;
  try {
    const state = await clerk.authenticateRequest(new Request(input.url, { headers }), {
      jwtKey,
      publishableKey: input.publishable_key,
      authorizedParties: [input.authorized_party],
    });
    verdict = {
      status: state.status,
      reason: state.reason ?? null,
      user_id: state.toAuth()?.userId ?? null,
      location: state.headers.get("location"),
      set_cookies: state.headers.getSetCookie(),
    };
  } catch (error) {
    verdict = { status: "threw", reason: String(error?.message ?? error) };
  }
  writeVerdict(`${JSON.stringify(verdict)}\n`);
}
