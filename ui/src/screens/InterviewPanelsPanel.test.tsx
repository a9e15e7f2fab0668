import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { InterviewCard } from "../bindings/InterviewCard";
import type { InterviewSetup } from "../bindings/InterviewSetup";
import type { PanelSchedule } from "../bindings/PanelSchedule";
import { InterviewPanelsPanel, parseInterviewers } from "./InterviewPanelsPanel";

function setup(): InterviewSetup {
  return {
    aspects: [
      { id: 1, name: "Pengetahuan kepemiluan", weight: 60 },
      { id: 2, name: "Komunikasi", weight: 40 },
    ],
    weight_total: 100,
    aspects_editable: true,
    editable: true,
    scoring: true,
    panels: [
      {
        id: 5,
        name: "Panel 1",
        room: "Aula",
        interviewers: [
          { id: 11, name: "Ani", nip: "", jabatan: "" },
          { id: 12, name: "Budi", nip: "", jabatan: "" },
        ],
        candidates: 1,
      },
    ],
    unassigned: 2,
  };
}

function schedule(): PanelSchedule[] {
  return [
    {
      panel_id: 5,
      panel: "Panel 1",
      room: "Aula",
      interviewers: ["Ani", "Budi"],
      rows: [
        {
          turn: 1,
          time: "08.30",
          applicant_id: 7,
          reg_number: "PPK-3514-0007",
          full_name: "Siti Aminah",
          sex: "P",
          unit: "35.14.01 Purwodadi",
          mark: "",
        },
      ],
    },
  ];
}

function card(first: string): InterviewCard {
  const filled = first !== "";
  return {
    applicant_id: 7,
    reg_number: "PPK-3514-0007",
    full_name: "Siti Aminah",
    unit: "35.14.01 Purwodadi",
    panel_id: 5,
    panel: "Panel 1",
    aspects: setup().aspects,
    interviewers: [
      { interviewer_id: 11, name: "Ani", nip: "", jabatan: "", scores: [first, "70,00"], weighted: filled ? "76,00" : "" },
      { interviewer_id: 12, name: "Budi", nip: "", jabatan: "", scores: ["90,00", "80,00"], weighted: "86,00" },
    ],
    mark: filled ? "81,00" : "",
    explanation: filled ? "(76,00 + 86,00) / 2 = 81,00" : "",
    editable: true,
  };
}

describe("InterviewPanelsPanel", () => {
  it("reads interviewers one per line, NIP and position optional", () => {
    expect(parseInterviewers("Ani\n\nBudi; 19800101 200501 1 001; Anggota\n")).toEqual([
      { name: "Ani", nip: "", jabatan: "" },
      { name: "Budi", nip: "19800101 200501 1 001", jabatan: "Anggota" },
    ]);
  });

  it("adds a panel, spreads candidates and scores a candidate on the grid", async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    let scored = false;
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      switch (cmd) {
        case "interview_setup":
          return setup();
        case "interview_schedule":
          return schedule();
        case "add_interview_panel":
          return 6;
        case "assign_interview_panels":
          return 2;
        case "interview_card":
          return card(scored ? "80,00" : "");
        case "record_interview_scores":
          scored = true;
          return card("80,00");
      }
      return null;
    });
    const onStored = vi.fn();
    const user = userEvent.setup();
    render(<InterviewPanelsPanel roundId={3} mayEnter onStored={onStored} />);
    const panels = await screen.findByRole("list", { name: "Panel" });
    expect(panels).toHaveTextContent("Panel 1 (Aula): Ani, Budi · 1 peserta");

    await user.type(screen.getByLabelText("Nama panel"), "Panel 2");
    await user.type(screen.getByRole("textbox", { name: /Pewawancara/ }), "Citra; ; Anggota");
    await user.click(screen.getByRole("button", { name: "Tambah panel" }));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "add_interview_panel")?.args).toEqual({
        roundId: 3,
        name: "Panel 2",
        room: "",
        interviewers: [{ name: "Citra", nip: "", jabatan: "Anggota" }],
      }),
    );
    await user.click(await screen.findByRole("button", { name: "Bagi 2 peserta ke panel" }));
    expect(await screen.findByRole("status")).toHaveTextContent("2 peserta dibagi ke panel");

    await user.click(screen.getByRole("button", { name: "Nilai panel" }));
    const grid = await screen.findByTestId("interview-grid");
    const first = within(grid).getByLabelText("Ani, Pengetahuan kepemiluan");
    await waitFor(() => expect(first).toHaveFocus());
    await user.type(first, "80{Enter}");
    await waitFor(() => expect(within(grid).getByTestId("interview-mark")).toHaveTextContent("81,00"));
    expect(calls.find((c) => c.cmd === "record_interview_scores")?.args).toEqual({
      roundId: 3,
      applicantId: 7,
      cells: [{ interviewer_id: 11, aspect_id: 1, score: "80" }],
    });
    expect(within(grid).getAllByTestId("weighted")[0]).toHaveTextContent("76,00");
    expect(within(grid).getByLabelText("Ani, Komunikasi")).toHaveFocus();
    expect(onStored).toHaveBeenCalled();
  });

  it("shows the aspects as fixed once scores exist, and offers nothing to a reader", async () => {
    mockIPC((cmd) => {
      if (cmd === "interview_setup") return { ...setup(), aspects_editable: false };
      if (cmd === "interview_schedule") return schedule();
      return null;
    });
    render(<InterviewPanelsPanel roundId={3} mayEnter={false} onStored={vi.fn()} />);
    expect(await screen.findByText(/Aspek tidak dapat diubah lagi/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Tambah panel" })).not.toBeInTheDocument();
    expect(screen.getByLabelText("Bobot aspek 1")).toBeDisabled();
  });
});
