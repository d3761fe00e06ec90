// Clerk's own reverification answer, for the differential test (reverification.rs): each line
// of stdin is {"error": config} or {"hint": body}; each line of stdout is what
// `@clerk/shared` makes of it: the body `reverificationError(config)` builds, or whether
// `isReverificationHint(body)` holds and the level `validateReverificationConfig` finds in it
// (what `useReverification` hands Clerk's verification dialog).

import { createInterface } from "node:readline";
import { isReverificationHint, reverificationError } from "@clerk/shared/authorization-errors";
import { validateReverificationConfig } from "@clerk/shared/authorization";

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line) continue;
  const input = JSON.parse(line);
  let verdict;
  if ("error" in input) {
    verdict = { body: reverificationError(input.error) };
  } else if (isReverificationHint(input.hint)) {
    const config = validateReverificationConfig(input.hint.clerk_error.metadata?.reverification);
    verdict = { hint: true, level: config ? config().level : null };
  } else {
    verdict = { hint: false };
  }
  process.stdout.write(`${JSON.stringify(verdict)}\n`);
}
