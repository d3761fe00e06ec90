// The two benchmark apps as the benchmark drives them: where each is served, how its
// switcher opens, and which element switches to a named account. Shared by bench/run.mjs
// and bench/trace/trace.mjs, so that a trace switches exactly as the benchmark does.

export const APPS = {
  leptos: {
    url: "/",
    open: async (page) => {
      await page.locator(".lc-switcher__trigger").click();
      await page.getByRole("menu").waitFor();
    },
    switchTarget: (name) => `.lc-switcher__switch[aria-label="Switch to ${name}"]`,
  },
  react: {
    url: "/react/",
    open: async () => {},
    switchTarget: (name) => `button[aria-label="Switch to ${name}"]`,
  },
};

// Where in a frame a measured click lands, in ms after a frame started: phases spread evenly
// over a whole 60 Hz frame (the golden-ratio sequence), in the same order for both apps;
// past 16.7 ms the click lands early in the next frame. A switch ends at the first frame after
// the new session is in the DOM, so its time depends on when in a frame the click came. Left
// to the harness, the phase followed how each app's switcher opens (React's peer has no menu
// to open), which once made our switches wait most of a frame more than React's for reasons
// of neither app's making. Evenly spread phases make the frame wait average half a frame for
// both, so what differs is the apps' own work.
export const clickPhaseMs = (i) => 1 + (1000 / 60) * ((i * 0.6180339887) % 1);

// One switch, run in the page (`page.evaluate(switchInPage, {...})`): click `selector` at
// `phaseMs` into a frame, then wait until `[data-testid="session-id"]` shows another
// session. Returns, in ms after the click: `dom` (the first DOM change that shows it, seen by
// a MutationObserver), `frame` (the animation frame that paints it: what a user sees), and
// the `/touch` request's resource timing. With `mark` set, leaves `${mark}:click`, `:dom` and
// `:raf` performance marks for traces.
export async function switchInPage({ selector, phaseMs, mark }) {
  const shown = () => document.querySelector('[data-testid="session-id"]')?.textContent;
  performance.clearResourceTimings();
  const frameStart = await new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  await new Promise((resolve) => setTimeout(resolve, 0));
  while (performance.now() < frameStart + phaseMs) {
    // Busy until the phase: a timer cannot land within a millisecond.
  }
  // The frame is requested as soon as the page shows the new session (from the
  // MutationObserver, in the task that changed the DOM), so it is the frame that paints the
  // change. A poll on a timer would see the change up to 4 ms later, and when the browser
  // renders before that timer runs, would wait for the frame after.
  let dom = null;
  let painted;
  let timeout;
  const framed = new Promise((resolve, reject) => {
    painted = resolve;
    timeout = setTimeout(() => reject(new Error(`no other session shown 10 s after clicking ${selector}`)), 10_000);
  });
  const before = shown();
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (dom == null && shown() != null && shown() !== before) {
      dom = performance.now() - started;
      if (mark) performance.mark(`${mark}:dom`);
      requestAnimationFrame(() => painted());
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  if (mark) performance.mark(`${mark}:click`);
  document.querySelector(selector).click();
  try {
    await framed;
  } finally {
    clearTimeout(timeout);
    observer.disconnect();
  }
  const frame = performance.now() - started;
  if (mark) performance.mark(`${mark}:raf`);
  const touch = performance.getEntriesByType("resource").find((entry) => entry.name.includes("/touch"));
  return {
    frame,
    dom,
    touch: touch && {
      start: touch.startTime - started,
      requestStart: touch.requestStart - started,
      responseEnd: touch.responseEnd - started,
      server: touch.responseEnd - touch.requestStart,
    },
  };
}
