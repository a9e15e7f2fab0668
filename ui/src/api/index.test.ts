import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";

import { call, toErrorPayload } from "./index";

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
    await expect(call("round_presets")).rejects.toMatchObject({ code: "forbidden" });
    expect(toErrorPayload(new Error("boom"))).toEqual({
      code: "internal",
      message: "Terjadi kesalahan tak terduga: boom",
      field: null,
    });
  });
});
