import { useEffect, useId, useRef, useState } from "react";

interface ComboboxProps<T> {
  label: string;
  /** Fetches the options for what was typed. */
  search: (query: string) => Promise<T[]>;
  optionKey: (item: T) => string;
  optionLabel: (item: T) => string;
  onSelect: (item: T) => void;
  placeholder?: string;
  error?: string | null;
  autoFocus?: boolean;
}

/**
 * A type-ahead picker: type to search, ↑/↓ to move, Enter to choose,
 * Escape to close. Follows the WAI-ARIA combobox pattern.
 */
export function Combobox<T>({
  label,
  search,
  optionKey,
  optionLabel,
  onSelect,
  placeholder,
  error,
  autoFocus,
}: ComboboxProps<T>) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<T[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    if (query.trim() === "") {
      setOptions([]);
      return;
    }
    void search(query).then((found) => {
      // Ignore answers to queries the user has already typed past.
      if (ticket === latest.current) {
        setOptions(found);
        setActive(0);
      }
    });
  }, [query, search]);

  const choose = (item: T) => {
    onSelect(item);
    setQuery(optionLabel(item));
    setOpen(false);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === "Enter" && open && options[active]) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === "Escape") {
      setOpen(false);
    }
  };

  const listId = `${id}-list`;
  const showList = open && options.length > 0;
  return (
    <div className={`field combobox${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
        autoFocus={autoFocus}
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {showList && (
        <ul id={listId} role="listbox" className="listbox">
          {options.map((item, i) => (
            <li
              key={optionKey(item)}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(item);
              }}
            >
              {optionLabel(item)}
            </li>
          ))}
        </ul>
      )}
      {open && query.trim() !== "" && options.length === 0 && (
        <small className="muted">Tidak ada yang cocok dengan “{query}”.</small>
      )}
      {error && <small className="error-text">{error}</small>}
    </div>
  );
}
