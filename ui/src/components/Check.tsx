import { useId, type ReactNode } from "react";

interface Props {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  children: ReactNode;
  className?: string;
}

/** A checkbox with its label beside it (the label is the children). */
export function Check({ checked, onChange, disabled, children, className }: Props) {
  const id = useId();
  return (
    <div className={className ? `check ${className}` : "check"}>
      <input type="checkbox" id={id} checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{children}</label>
    </div>
  );
}
