import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { AuditQuery } from "../bindings/AuditQuery";
import { AuditPage } from "./AuditPage";

const entry = (id: number, action: string) => ({
  id,
  at: "2026-11-23T08:00:00.000Z",
  username: "admin",
  action,
  object_type: "user",
  object_id: "opr1",
  before: null,
  after: '{"active":false}',
  hash: "ab".repeat(32),
});

describe("AuditPage", () => {
  it("lists entries in staff words, filters in the core and exports", async () => {
    const queries: AuditQuery[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_audit") {
        queries.push((args as { query: AuditQuery }).query);
        return { entries: [entry(2, "user.deactivate"), entry(1, "login.failed")], total: 2 };
      }
      if (cmd === "export_audit_csv") return 2;
      return null;
    });
    const user = userEvent.setup();
    render(<AuditPage />);
    expect(await screen.findAllByTestId("audit-row")).toHaveLength(2);
    expect(screen.getByText("Akun dinonaktifkan")).toBeInTheDocument();
    expect(screen.getByText("Gagal masuk")).toBeInTheDocument();

    await user.type(screen.getByLabelText("Pengguna"), "admin");
    await user.selectOptions(screen.getByLabelText("Objek"), "user");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ username: "admin", object_type: "user", offset: 0 }));

    await user.click(screen.getByRole("button", { name: "Ekspor CSV" }));
    expect(await screen.findByRole("status")).toHaveTextContent("2 catatan disimpan sebagai CSV.");
  });
});
