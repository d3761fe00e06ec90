// Clerk's own choice of a request's session token, for the differential test
// (tests/differential/request.rs): each line of stdin is a request, {method, headers}; each line
// of stdout is whom `@clerk/backend`'s authenticateRequest signs it in as, or that it does not.

import { createInterface } from "node:readline";
import { createClerkClient } from "@clerk/backend";

const jwtKey = process.env.DIFFERENTIAL_JWT_KEY;
const publishableKey = `pk_live_${Buffer.from("clerk.example.com$").toString("base64")}`;
const clerk = createClerkClient({ secretKey: "sk_live_differential", publishableKey, jwtKey });

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line) continue;
  const input = JSON.parse(line);
  const headers = new Headers();
  for (const [name, value] of input.headers) headers.append(name, value);
  const request = new Request("https://api.example.com/api/me", { method: input.method, headers });
  let verdict;
  try {
    const state = await clerk.authenticateRequest(request, { jwtKey, issuer: "https://clerk.example.com" });
    const auth = state.toAuth();
    verdict = state.status === "signed-in" && auth?.userId ? { user_id: auth.userId } : { user_id: null };
  } catch (error) {
    verdict = { user_id: null, threw: String(error?.message ?? error) };
  }
  process.stdout.write(`${JSON.stringify(verdict)}\n`);
}
