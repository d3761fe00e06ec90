// Clerk's own reading of session-token claims, for the differential test
// (tests/differential.rs): each line of stdin is a JWT payload; each line of stdout is what
// `@clerk/shared`'s jwtPayloadParser (the code clerk-js 6 and @clerk/backend use) makes of
// it, or the error it throws.

import { createInterface } from "node:readline";
import { __experimental_JWTPayloadToAuthObjectProperties as authObjectProperties } from "@clerk/shared/jwtPayloadParser";

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line) continue;
  let verdict;
  try {
    const auth = authObjectProperties(JSON.parse(line));
    verdict = {
      org_id: auth.orgId ?? null,
      org_role: auth.orgRole ?? null,
      org_slug: auth.orgSlug ?? null,
      org_permissions: auth.orgPermissions ?? null,
    };
  } catch (error) {
    verdict = { error: String(error?.message ?? error) };
  }
  process.stdout.write(`${JSON.stringify(verdict)}\n`);
}
