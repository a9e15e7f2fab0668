import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it, vi } from "vitest";

import { call, SESSION_CHECK_EVENT, toErrorPayload } from "./index";

describe("call", () => {
  it("passes arguments through and returns the result", async () => {
    mockIPC((cmd, args) => (cmd === "search_kabupaten" ? [{ code: "35.14", echo: args }] : null));
    const found = await call("search_kabupaten", { query: "pasuruan" });
    expect(found).toEqual([{ code: "35.14", echo: { query: "pasuruan" } }]);
  });

  it("keeps the core's error payload and wraps anything else", async () => {
    mockIPC(() => {
      throw { code: "forbidden", message: "Peran Anda (Operator) tidak berwenang untuk membuat seleksi.", field: null };
    });
    const checks = vi.fn();
    window.addEventListener(SESSION_CHECK_EVENT, checks);
    await expect(call("round_presets")).rejects.toMatchObject({ code: "forbidden" });
    // A refusal may mean the account changed: the shell is told to read the session again.
    expect(checks).toHaveBeenCalledTimes(1);
    window.removeEventListener(SESSION_CHECK_EVENT, checks);
    expect(toErrorPayload(new Error("boom"))).toEqual({
      code: "internal",
      message: "Terjadi kesalahan tak terduga: boom",
      field: null,
    });
  });
});
