import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { ChainHeadPanel } from "./ChainHeadPanel";

const HASH = "3f9a".repeat(16);

describe("ChainHeadPanel", () => {
  it("shows the head as documents print it and checks a printed one in the core", async () => {
    const checked: unknown[] = [];
    let answer: "intact" | "rewritten" | "typo" = "intact";
    mockIPC((cmd, args) => {
      if (cmd === "audit_head") return { entries: 1234, hash: HASH, text: `1.234 catatan, hash terakhir ${HASH}` };
      if (cmd === "verify_printed_audit") {
        checked.push(args);
        if (answer === "typo") throw { code: "validation", message: "Hash ditulis lengkap: 64 karakter 0-9 dan a-f, seperti yang tercetak.", field: "hash" };
        return answer === "intact"
          ? { entries: 1240, first_broken: null, problem: null, last_hash: "cd".repeat(32) }
          : { entries: 1240, first_broken: 1234, problem: "Catatan ke-1.234 kini ber-hash lain: jejak audit ditulis ulang.", last_hash: null };
      }
      return null;
    });
    const user = userEvent.setup();
    render(<ChainHeadPanel version={0} />);
    expect(await screen.findByTestId("chain-head")).toHaveTextContent(`Jejak audit saat ini: 1.234 catatan, hash terakhir ${HASH}`);

    const button = screen.getByRole("button", { name: "Cocokkan" });
    expect(button).toBeDisabled();
    await user.type(screen.getByLabelText("Jumlah catatan"), "1.234");
    await user.type(screen.getByLabelText("Hash terakhir"), HASH);
    await user.click(button);
    expect(checked.at(-1)).toEqual({ entries: "1.234", hash: HASH });
    expect(await screen.findByRole("status")).toHaveTextContent("Cocok");

    answer = "rewritten";
    await user.click(button);
    expect(await screen.findByRole("alert")).toHaveTextContent("Tidak cocok. Catatan ke-1.234 kini ber-hash lain");

    answer = "typo";
    await user.click(button);
    expect(await screen.findByRole("alert")).toHaveTextContent("Hash ditulis lengkap");
    expect(checked).toHaveLength(3);
  });
});
