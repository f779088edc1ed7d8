/**
 * The design screen's list editor for confirmatory hypotheses: one row per hypothesis (taxon,
 * target column, direction, remove), and "Add hypothesis". The form writes them to study.yaml
 * `hypotheses:`; `validate`'s checks (taxon at the rank, columns) run when the study runs.
 */
import { ChoiceSelect } from "./form-controls.js";
import { directionsFor, type HypothesisDraft, hypothesisTargets, type StudyForm } from "../study-form.js";

const DIRECTION_LABELS: Record<HypothesisDraft["direction"], string> = {
  "": "two-sided",
  positive: "positive",
  negative: "negative",
  up: "up in exposed",
  down: "down in exposed",
};

export function HypothesesEditor({
  form,
  onChange,
}: {
  form: StudyForm;
  onChange: (form: StudyForm) => void;
}) {
  const targets = hypothesisTargets(form);
  const setRow = (k: number, patch: Partial<HypothesisDraft>) => {
    const hypotheses = form.hypotheses.map((h, i) => {
      if (i !== k) return h;
      const next = { ...h, ...patch };
      // A direction that does not fit the new target resets to two-sided.
      return directionsFor(form, next.target).includes(next.direction)
        ? next
        : { ...next, direction: "" as const };
    });
    onChange({ ...form, hypotheses });
  };
  return (
    <fieldset class="settings hypotheses">
      <legend>Confirmatory hypotheses (optional)</legend>
      <p class="hint">
        State them before looking at the results: each is tested alone with the exploratory model (one-sided
        when a direction is given) and corrected only across this list (Holm).
      </p>
      {form.hypotheses.map((h, k) => (
        <div class="hypothesis-row" key={k}>
          <label>
            Taxon
            <input
              type="text"
              value={h.taxon}
              placeholder="e.g. Faecalibacterium"
              onInput={(e) => setRow(k, { taxon: (e.currentTarget as HTMLInputElement).value })}
            />
          </label>
          <label for={`hypothesis-target-${k}`}>
            Target
            <ChoiceSelect
              id={`hypothesis-target-${k}`}
              choices={targets.includes(h.target) ? targets : [h.target, ...targets]}
              value={h.target}
              onChange={(target) => setRow(k, { target })}
            />
          </label>
          <label for={`hypothesis-direction-${k}`}>
            Direction
            <ChoiceSelect
              id={`hypothesis-direction-${k}`}
              choices={directionsFor(form, h.target)}
              label={(d) => DIRECTION_LABELS[d]}
              value={h.direction}
              onChange={(direction) => setRow(k, { direction })}
            />
          </label>
          <button
            type="button"
            class="plain"
            aria-label={`Remove hypothesis ${k + 1}`}
            onClick={() => onChange({ ...form, hypotheses: form.hypotheses.filter((_, i) => i !== k) })}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        class="secondary"
        id="add-hypothesis"
        disabled={targets.length === 0}
        onClick={() =>
          onChange({
            ...form,
            hypotheses: [...form.hypotheses, { taxon: "", target: targets[0] ?? "", direction: "" }],
          })
        }
      >
        Add hypothesis
      </button>
    </fieldset>
  );
}
