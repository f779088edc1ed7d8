/**
 * The form controls the design screens repeat: a select over a list of choices and a labelled
 * whole-number input, each reporting its value already typed.
 */
import type { JSX } from "preact";

interface ChoiceSelectProps<T extends string> {
  choices: readonly T[];
  value: T;
  onChange: (value: T) => void;
  /** The text shown for a choice (default: the choice itself). */
  label?: (choice: T) => string;
  id?: string;
  "aria-label"?: string;
}

/** A `<select>` with one option per choice. */
export function ChoiceSelect<T extends string>({
  choices,
  value,
  onChange,
  label,
  ...attrs
}: ChoiceSelectProps<T>) {
  return (
    <select
      {...attrs}
      value={value}
      onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as T)}
    >
      {choices.map((c) => (
        <option key={c} value={c}>
          {label ? label(c) : c}
        </option>
      ))}
    </select>
  );
}

/** A labelled number input for whole numbers >= `min`. */
export function IntegerField({
  label,
  id,
  value,
  min,
  onChange,
}: {
  label: string;
  id: string;
  value: number;
  min: number;
  onChange: (value: number) => void;
}): JSX.Element {
  return (
    <label for={id}>
      {label}
      <input
        id={id}
        type="number"
        min={min}
        step={1}
        value={value}
        onInput={(e) => onChange(Number((e.currentTarget as HTMLInputElement).value))}
      />
    </label>
  );
}
