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
