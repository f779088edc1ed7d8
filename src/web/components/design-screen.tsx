import { OUTCOME_TYPES } from "../../core/assoc/outcome-vector.js";
import { RANK_LEVELS } from "../../core/study/config.js";
import { MIN_GROUP_SIZE } from "../../core/study/steps/select-samples.js";
import type { ColumnSummary, DatasetSummary } from "../protocol.js";
import { ChoiceSelect, IntegerField } from "./form-controls.js";
import { HypothesesEditor } from "./hypotheses-editor.js";
import { assignRole, canBeExposure, type Role, type StudyForm } from "../study-form.js";

/** The whole-number analysis settings: label, form field, smallest value. */
const INTEGER_SETTINGS = [
  ["Permutations", "permutations", 9],
  ["Seed", "seed", 0],
] as const;

const ROLE_LABELS: Record<Role, string> = {
  none: "—",
  exposure: "exposure",
  covariate: "covariate",
  outcome: "outcome",
  dose: "dose",
  strata: "strata (permute within)",
  subject: "subject (repeated measures)",
  time: "time / visit",
};

function rolesFor(col: ColumnSummary, samples: number): Role[] {
  const roles: Role[] = ["none"];
  if (canBeExposure(col, samples)) roles.push("exposure");
  roles.push("covariate", "outcome");
  if (col.kind === "numeric") roles.push("dose");
  if (col.kind === "categorical") roles.push("strata");
  roles.push("subject", "time");
  return roles;
}

function describeColumn(col: ColumnSummary): string {
  const missing = col.missing > 0 ? `; ${col.missing} missing` : "";
  if (col.kind === "numeric") {
    const range = col.min === undefined ? "no values" : `${col.min} to ${col.max}, ${col.distinct} distinct`;
    return `${range}${missing}`;
  }
  const shown = col.levels.slice(0, 6).map((l) => `${l.level} ${l.count}`);
  const more = col.levels.length > 6 ? `, … ${col.levels.length - 6} more` : "";
  return `${col.levels.length} levels: ${shown.join(", ")}${more}${missing}`;
}

interface RowProps {
  col: ColumnSummary;
  form: StudyForm;
  summary: DatasetSummary;
  onChange: (form: StudyForm) => void;
}

function RoleDetails({ col, form, onChange }: RowProps) {
  const choice = form.choices[col.name]!;
  const id = (what: string) => `${what}-${col.name}`.replace(/[^A-Za-z0-9_-]/g, "_");
  if (choice.role === "exposure") {
    return (
      <span class="inline-field">
        <label for={id("reference")}>reference level</label>
        <ChoiceSelect
          id={id("reference")}
          choices={col.levels.map((l) => l.level)}
          label={(level) => `${level} (n=${col.levels.find((l) => l.level === level)?.count})`}
          value={form.reference}
          onChange={(reference) => onChange({ ...form, reference })}
        />
      </span>
    );
  }
  if (choice.role !== "outcome") return null;
  const setChoice = (patch: Partial<typeof choice>) =>
    onChange({ ...form, choices: { ...form.choices, [col.name]: { ...choice, ...patch } } });
  return (
    <span class="inline-field">
      <label for={id("type")}>type</label>
      <ChoiceSelect
        id={id("type")}
        choices={OUTCOME_TYPES}
        value={choice.outcomeType}
        onChange={(outcomeType) => setChoice({ outcomeType })}
      />
      {choice.outcomeType === "binary" && col.kind === "categorical" && (
        <>
          <label for={id("positive")}>positive level</label>
          <ChoiceSelect
            id={id("positive")}
            choices={col.levels.map((l) => l.level)}
            value={choice.positive}
            onChange={(positive) => setChoice({ positive })}
          />
        </>
      )}
    </span>
  );
}

function ColumnRow(props: RowProps) {
  const { col, form, summary, onChange } = props;
  const selectId = `role-${col.name}`.replace(/[^A-Za-z0-9_-]/g, "_");
  const role = form.choices[col.name]!.role;
  return (
    <tr class={role === "none" ? "" : `role-${role}`}>
      <th scope="row">{col.name}</th>
      <td>
        <span class={`type type-${col.kind}`}>{col.kind}</span>
      </td>
      <td class="levels">{describeColumn(col)}</td>
      <td>
        <ChoiceSelect
          id={selectId}
          aria-label={`Role of ${col.name}`}
          choices={rolesFor(col, summary.samples)}
          label={(r) => ROLE_LABELS[r]}
          value={role}
          onChange={(r) => onChange(assignRole(form, summary, col.name, r))}
        />
      </td>
      <td>
        <RoleDetails {...props} />
      </td>
    </tr>
  );
}

export interface DesignScreenProps {
  summary: DatasetSummary;
  form: StudyForm;
  onChange: (form: StudyForm) => void;
  onRun: () => void;
  onDownloadYaml: () => void;
  onBack: () => void;
}

export function DesignScreen({ summary, form, onChange, onRun, onDownloadYaml, onBack }: DesignScreenProps) {
  return (
    <section aria-labelledby="design-title">
      <h2 id="design-title">Choose the design</h2>
      <p class="lead">
        {summary.samples} samples × {summary.features} features ({summary.tableFormat})
        {summary.hasTaxonomy ? ", taxonomy" : ", no taxonomy"}
        {summary.hasTree ? ", tree" : ", no tree (UniFrac and Faith PD are skipped)"}.
      </p>
      {summary.notes.length > 0 && (
        <ul class="notes">
          {summary.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onRun();
        }}
      >
        <div class="table-wrap">
          <table class="columns">
            <caption>
              Metadata columns: give one categorical column the <em>exposure</em> role and pick its reference
              level; optionally covariates, host outcomes, dose columns, strata, and for repeated measures the
              subject and time columns.
            </caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Type</th>
                <th scope="col">Levels / range</th>
                <th scope="col">Role</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {summary.columns.map((col) => (
                <ColumnRow key={col.name} col={col} form={form} summary={summary} onChange={onChange} />
              ))}
            </tbody>
          </table>
        </div>
        <fieldset class="settings">
          <legend>Analysis</legend>
          <label>
            Study name
            <input
              type="text"
              value={form.name}
              onInput={(e) => onChange({ ...form, name: (e.currentTarget as HTMLInputElement).value })}
            />
          </label>
          <label for="analysis-level">
            Taxonomic level
            <ChoiceSelect
              id="analysis-level"
              choices={RANK_LEVELS}
              value={form.level}
              onChange={(level) => onChange({ ...form, level })}
            />
          </label>
          {INTEGER_SETTINGS.map(([label, key, min]) => (
            <IntegerField
              key={key}
              label={label}
              id={`analysis-${key}`}
              min={min}
              value={form[key]}
              onChange={(n) => onChange({ ...form, [key]: n })}
            />
          ))}
          <label class="checkbox">
            <input
              type="checkbox"
              checked={form.predict}
              onChange={(e) => onChange({ ...form, predict: (e.currentTarget as HTMLInputElement).checked })}
            />
            Predict the outcomes from the microbiome (nested cross-validation; can take minutes)
          </label>
          <label class="checkbox">
            <input
              type="checkbox"
              id="drop-small-groups"
              checked={form.dropSmallGroups}
              onChange={(e) =>
                onChange({ ...form, dropSmallGroups: (e.currentTarget as HTMLInputElement).checked })
              }
            />
            Leave out exposure groups with fewer than {MIN_GROUP_SIZE} samples (the report names them)
          </label>
        </fieldset>
        <HypothesesEditor form={form} onChange={onChange} />
        <div class="actions">
          <button type="submit" class="primary" id="run-study">
            Run study
          </button>
          <button type="button" class="secondary" onClick={onDownloadYaml}>
            Download study.yaml
          </button>
          <button type="button" class="plain" onClick={onBack}>
            Back to files
          </button>
        </div>
      </form>
    </section>
  );
}
