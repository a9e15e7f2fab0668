import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

import { Modal } from "./Modal";
import { TypeAhead, useSearch } from "./TypeAhead";

const FRUITS = ["Apel", "Anggur", "Jeruk", "Mangga"];

/** A fixed list filtered by what was typed, inside a form that counts its submits. */
function Fruits({ autoSelect, onSubmit = () => {} }: { autoSelect?: boolean; onSubmit?: () => void }) {
  const [text, setText] = useState("");
  const [picked, setPicked] = useState<string | null>(null);
  const t = text.trim().toLowerCase();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <TypeAhead
        id="buah"
        label="Buah"
        text={text}
        onTextChange={setText}
        options={FRUITS.filter((f) => f.toLowerCase().includes(t))}
        optionKey={(f) => f}
        renderOption={(f) => f}
        onPick={(f) => {
          setText(f);
          setPicked(f);
        }}
        autoSelect={autoSelect}
        sayNoMatch
      />
      <output data-testid="picked">{picked ?? ""}</output>
    </form>
  );
}

const names = () => within(screen.getByRole("listbox")).getAllByRole("option").map((o) => o.textContent);

describe("TypeAhead", () => {
  it("moves with ↓/↑ round the list and picks with Enter without submitting the form", async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<Fruits onSubmit={onSubmit} />);
    const box = screen.getByRole("combobox", { name: "Buah" });
    await user.type(box, "a");
    expect(names()).toEqual(["Apel", "Anggur", "Mangga"]);
    expect(box).not.toHaveAttribute("aria-activedescendant");

    // Nothing highlighted yet: Enter picks nothing, and does not submit.
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("picked")).toHaveTextContent("");
    expect(onSubmit).not.toHaveBeenCalled();

    await user.keyboard("{ArrowDown}");
    expect(box).toHaveAttribute("aria-activedescendant", "buah-opt-0");
    await user.keyboard("{ArrowUp}");
    expect(box).toHaveAttribute("aria-activedescendant", "buah-opt-2");
    expect(screen.getAllByRole("option")[2]).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(box).toHaveAttribute("aria-activedescendant", "buah-opt-1");
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("picked")).toHaveTextContent("Anggur");
    expect(box).toHaveValue("Anggur");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    expect(box).toHaveAttribute("aria-expanded", "false");

    // Enter with the list closed neither picks nor submits.
    await user.keyboard("{Enter}");
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("with automatic selection highlights the first option, and Enter alone picks it", async () => {
    const user = userEvent.setup();
    render(<Fruits autoSelect />);
    const box = screen.getByRole("combobox", { name: "Buah" });
    await user.type(box, "ng");
    expect(names()).toEqual(["Anggur", "Mangga"]);
    expect(box).toHaveAttribute("aria-activedescendant", "buah-opt-0");
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("picked")).toHaveTextContent("Anggur");
  });

  it("picks the only option listed with Enter", async () => {
    const user = userEvent.setup();
    render(<Fruits />);
    await user.type(screen.getByRole("combobox"), "jer{Enter}");
    expect(screen.getByTestId("picked")).toHaveTextContent("Jeruk");
  });

  it("closes only the list on Escape; the dialog around it stays until the next Escape", async () => {
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(
      <Modal title="Pilih buah" onClose={onClose}>
        <Fruits />
      </Modal>,
    );
    const box = screen.getByRole("combobox", { name: "Buah" });
    await user.type(box, "a");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
    // ↓ opens it again, on the first option.
    await user.keyboard("{ArrowDown}");
    expect(box).toHaveAttribute("aria-activedescendant", "buah-opt-0");
    await user.keyboard("{Escape}{Escape}");
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("says when nothing matches, and Escape closes that note first", async () => {
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(
      <Modal title="Pilih buah" onClose={onClose}>
        <Fruits />
      </Modal>,
    );
    await user.type(screen.getByRole("combobox"), "durian ");
    expect(screen.getByText("Tidak ada yang cocok dengan “durian”.")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByText(/Tidak ada yang cocok/)).not.toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });

  it("picks an option pressed with the mouse and keeps the focus in the input", async () => {
    const user = userEvent.setup();
    render(<Fruits />);
    const box = screen.getByRole("combobox", { name: "Buah" });
    await user.type(box, "m");
    await user.click(screen.getByRole("option", { name: "Mangga" }));
    expect(screen.getByTestId("picked")).toHaveTextContent("Mangga");
    expect(box).toHaveFocus();
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
  });
});

/** Lists what a search found for the typed text. */
function Searching({ search }: { search: (text: string) => Promise<string[]> }) {
  const [text, setText] = useState("");
  const { found, searching, error } = useSearch(text, search);
  return (
    <>
      <input aria-label="Cari" value={text} onChange={(e) => setText(e.target.value)} />
      <p data-testid="state">{searching ? "mencari" : (error ?? (found ?? []).join(", "))}</p>
    </>
  );
}

describe("useSearch", () => {
  it("drops an answer to an earlier text that comes after the answer to the latest", async () => {
    const answers = new Map<string, (found: string[]) => void>();
    const search = vi.fn((text: string) => new Promise<string[]>((resolve) => answers.set(text, resolve)));
    const user = userEvent.setup();
    render(<Searching search={search} />);
    const box = screen.getByRole("textbox", { name: "Cari" });
    await user.type(box, "a");
    await waitFor(() => expect(answers.has("a")).toBe(true));
    await user.type(box, "p ");
    await waitFor(() => expect(answers.has("ap")).toBe(true));
    expect(screen.getByTestId("state")).toHaveTextContent("mencari");

    await act(async () => answers.get("ap")!(["Apel"]));
    expect(screen.getByTestId("state")).toHaveTextContent("Apel");
    await act(async () => answers.get("a")!(["Apel", "Anggur", "Mangga"]));
    expect(screen.getByTestId("state")).toHaveTextContent(/^Apel$/);
    // Searched for the trimmed text, and not again for a trailing space.
    expect(search.mock.calls.map(([t]) => t)).toEqual(["a", "ap"]);
  });

  it("shows the core's refusal, and searches nothing for blank text", async () => {
    const search = vi.fn(() => Promise.reject({ code: "internal", message: "Basis data terkunci." }));
    const user = userEvent.setup();
    render(<Searching search={search} />);
    const box = screen.getByRole("textbox", { name: "Cari" });
    await user.type(box, "x");
    expect(await screen.findByText("Basis data terkunci.")).toBeInTheDocument();
    await user.clear(box);
    await user.type(box, "   ");
    expect(screen.getByTestId("state")).toHaveTextContent(/^$/);
    expect(search).toHaveBeenCalledTimes(1);
  });

  it("opens its list above the box when a bar stuck to the bottom leaves no room below", async () => {
    const rect = (top: number, height: number) => ({ top, bottom: top + height, left: 0, right: 600, height, width: 600, x: 0, y: top }) as DOMRect;
    vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
      if (this.hasAttribute("data-sticky-bottom")) return rect(668, 100);
      if (this.id === "buah") return rect(600, 36);
      if (this.classList.contains("combobox")) return rect(575, 90);
      return rect(0, 0);
    });
    const user = userEvent.setup();
    render(
      <>
        <Fruits />
        <div data-sticky-bottom>Simpan</div>
      </>,
    );
    await user.type(screen.getByRole("combobox", { name: "Buah" }), "a");
    const list = screen.getByRole("listbox");
    expect(list).toHaveClass("up");
    // Its bottom on the box's top: 665 - 600 above the field's bottom edge.
    expect(list.style.bottom).toBe("65px");
    // No taller than the room above (600 pixels), nor than its usual height.
    expect(list.style.maxHeight).toBe("240px");
    vi.restoreAllMocks();
  });

  it("opens below the box when there is room", async () => {
    const user = userEvent.setup();
    render(<Fruits />);
    await user.type(screen.getByRole("combobox", { name: "Buah" }), "a");
    expect(screen.getByRole("listbox")).not.toHaveClass("up");
  });
});
