import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

import { DateField } from "./DateField";
import { Modal } from "./Modal";

/** A date field holding its value, reporting every value it hands on. */
function Harness({ initial = "", onValue = () => {} }: { initial?: string; onValue?: (v: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <DateField
        label="Tanggal"
        value={value}
        today="2026-03-05"
        onChange={(v) => {
          setValue(v);
          onValue(v);
        }}
      />
      <output data-testid="value">{value}</output>
      <button type="button" onClick={() => setValue("2026-12-25")}>
        Natal
      </button>
    </>
  );
}

const box = () => screen.getByLabelText("Tanggal");
const held = () => screen.getByTestId("value").textContent;

describe("DateInput", () => {
  it("turns 05-03-2026 typed into 2026-03-05", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(box(), "05032026");
    expect(box()).toHaveValue("05-03-2026");
    expect(held()).toBe("2026-03-05");
  });

  it("reads d/m/yyyy and shows it DD-MM-YYYY once left", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(box(), "5/3/2026");
    expect(held()).toBe("2026-03-05");
    await user.tab();
    expect(box()).toHaveValue("05-03-2026");
  });

  it("hands on text that names no date as typed, and nothing once cleared", async () => {
    const user = userEvent.setup();
    render(<Harness initial="2026-03-05" />);
    expect(box()).toHaveValue("05-03-2026");
    await user.clear(box());
    expect(held()).toBe("");
    await user.type(box(), "30022026");
    expect(held()).toBe("30-02-2026");
  });

  it("shows a date set from outside DD-MM-YYYY", async () => {
    const user = userEvent.setup();
    render(<Harness initial="2026-03-05" />);
    await user.click(screen.getByRole("button", { name: "Natal" }));
    expect(box()).toHaveValue("25-12-2026");
  });

  it("picks a day from the Indonesian calendar with the keyboard", async () => {
    const onValue = vi.fn();
    const user = userEvent.setup();
    render(<Harness initial="2026-03-05" onValue={onValue} />);
    box().focus();
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    const calendar = screen.getByRole("dialog", { name: "Pilih tanggal" });
    const grid = within(calendar).getByRole("grid", { name: "Maret 2026" });
    // Weeks start on Senin.
    expect(within(grid).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]);
    // The focus is on the chosen day.
    expect(within(grid).getByRole("button", { name: "5 Maret 2026" })).toHaveFocus();

    // → a day, ↓ a week, PageDown a month, End the week's Minggu.
    await user.keyboard("{ArrowRight}{ArrowDown}");
    expect(within(grid).getByRole("button", { name: "13 Maret 2026" })).toHaveFocus();
    await user.keyboard("{PageDown}");
    expect(within(calendar).getByRole("grid", { name: "April 2026" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "13 April 2026" })).toHaveFocus();
    await user.keyboard("{End}");
    expect(screen.getByRole("button", { name: "19 April 2026" })).toHaveFocus();
    await user.keyboard("{Shift>}{PageUp}{/Shift}{ArrowLeft}");
    expect(screen.getByRole("button", { name: "18 April 2025" })).toHaveFocus();

    await user.keyboard("{Enter}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(held()).toBe("2025-04-18");
    expect(box()).toHaveValue("18-04-2025");
    expect(box()).toHaveFocus();
    expect(onValue).toHaveBeenLastCalledWith("2025-04-18");
  });

  it("opens on today when empty, and marks today", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole("button", { name: "Buka kalender" }));
    const today = screen.getByRole("button", { name: "5 Maret 2026" });
    expect(today).toHaveFocus();
    expect(today).toHaveAttribute("aria-current", "date");
    await user.click(screen.getByRole("button", { name: "Bulan berikutnya" }));
    await user.click(screen.getByRole("button", { name: "1 April 2026" }));
    expect(held()).toBe("2026-04-01");
  });

  it("closes on Escape without picking, and without closing the dialog around it", async () => {
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(
      <Modal title="Dialog" onClose={onClose}>
        <Harness initial="2026-03-05" />
      </Modal>,
    );
    box().focus();
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}{ArrowRight}{Escape}");
    expect(screen.queryByRole("dialog", { name: "Pilih tanggal" })).not.toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
    expect(held()).toBe("2026-03-05");
    expect(box()).toHaveFocus();
  });

  it("leaves the calendar's button out of the Tab order", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    box().focus();
    await user.tab();
    expect(screen.getByRole("button", { name: "Natal" })).toHaveFocus();
  });
});
