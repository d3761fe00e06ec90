// The same app as bench/leptos-app, in idiomatic React with @clerk/react 6: the active
// session (user, id, expiry countdown) and a list of signed-in sessions to switch between
// or sign out of. Same clerk-js, same emulator, production build.

import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { ClerkProvider, useClerk, useSession, useSessionList } from "@clerk/react";

const PUBLISHABLE_KEY = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

function useNow() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}

function countdown(ms) {
  if (ms <= 0) return "expired";
  const total = Math.floor(ms / 1000);
  const [d, h, m, s] = [Math.floor(total / 86400), Math.floor(total / 3600) % 24, Math.floor(total / 60) % 60, total % 60];
  const pad = (n) => String(n).padStart(2, "0");
  if (d > 0) return `${d} d ${pad(h)}:${pad(m)}:${pad(s)}`;
  if (h > 0) return `${h}:${pad(m)}:${pad(s)}`;
  return `${m}:${pad(s)}`;
}

function SessionCard() {
  const { isLoaded, session } = useSession();
  const now = useNow();
  const shown = session?.id;
  useEffect(() => {
    if (shown && performance.getEntriesByName("session-ui").length === 0) performance.mark("session-ui");
  }, [shown]);
  if (!isLoaded) return <p data-testid="loading">Loading…</p>;
  if (!session) return <p data-testid="signed-out">Signed out</p>;
  return (
    <section data-testid="session-card">
      <p data-testid="user-name">{session.user?.fullName}</p>
      <code data-testid="session-id">{session.id}</code>
      <p data-testid="expires-in">{countdown(session.expireAt - now)}</p>
    </section>
  );
}

function Switcher() {
  const { isLoaded, sessions, setActive } = useSessionList();
  const { session: current } = useSession();
  const clerk = useClerk();
  const [pending, setPending] = useState(null);
  if (!isLoaded) return null;
  const signedIn = sessions.filter((s) => s.status === "active" || s.status === "pending");
  const switchTo = async (id) => {
    if (pending) return;
    setPending(id);
    try {
      await setActive({ session: id });
    } finally {
      setPending(null);
    }
  };
  return (
    <ul data-testid="switcher">
      {signedIn.map((s) => (
        <li key={s.id} aria-current={s.id === current?.id}>
          <button type="button" aria-label={`Switch to ${s.user?.fullName}`} aria-busy={pending === s.id} onClick={() => switchTo(s.id)}>
            {s.user?.fullName}
          </button>
          <button type="button" aria-label={`Sign out of ${s.user?.fullName}`} onClick={() => clerk.signOut(() => {}, { sessionId: s.id })}>
            Sign out
          </button>
        </li>
      ))}
    </ul>
  );
}

createRoot(document.getElementById("root")).render(
  <ClerkProvider
    publishableKey={PUBLISHABLE_KEY}
    proxyUrl="/__clerk"
    __internal_clerkJSUrl="/clerk-js/clerk.browser.js"
    prefetchUI={false}
    telemetry={false}
  >
    <Switcher />
    <SessionCard />
  </ClerkProvider>,
);
