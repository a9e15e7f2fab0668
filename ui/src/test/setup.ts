import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach } from "vitest";

// jsdom has no WebCrypto getRandomValues on some versions; Tauri's mocks need it.
if (!globalThis.crypto?.getRandomValues) {
  Object.defineProperty(globalThis, "crypto", {
    value: { getRandomValues: (a: Uint8Array) => a.map(() => Math.floor(Math.random() * 256)) },
  });
}

afterEach(() => {
  cleanup();
  clearMocks();
  // Choices remembered on this computer (the round in use) do not carry
  // from one test into the next.
  window.localStorage.clear();
});
