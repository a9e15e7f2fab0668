import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The UI is served only from the app bundle (no dev server, no remote content).
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
