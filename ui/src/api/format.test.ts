import { describe, expect, it } from "vitest";

import { angka, tanggal } from "./format";

describe("format", () => {
  it("writes dates the Indonesian way", () => {
    expect(tanggal("2022-12-12")).toBe("12 Desember 2022");
    expect(tanggal("2024-01-05")).toBe("5 Januari 2024");
    expect(tanggal("bukan tanggal")).toBe("bukan tanggal");
    expect(tanggal("2024-13-01")).toBe("2024-13-01");
  });

  it("groups thousands with dots", () => {
    expect(angka(1095)).toBe("1.095");
  });
});
