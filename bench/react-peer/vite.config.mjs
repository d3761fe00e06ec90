// The React peer of leptos-clerk's benchmark app, built for production by `cargo xtask bench`.
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "/react/",
  build: { outDir: process.env.REACT_PEER_OUT ?? "dist", emptyOutDir: true },
  logLevel: "warn",
});
