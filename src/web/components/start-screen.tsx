import { useState } from "preact/hooks";
import { assignFiles, type FileRole } from "../assign-files.js";
import type { StudyFiles } from "../protocol.js";

const ROLES: { role: FileRole; label: string; hint: string; required: boolean }[] = [
  {
    role: "table",
    label: "Feature table",
    hint: "BIOM (JSON or HDF5), classic BIOM TSV, or a QIIME 2 table .qza",
    required: true,
  },
  {
    role: "metadata",
    label: "Sample metadata",
    hint: "QIIME 2 metadata TSV (sample-id first)",
    required: true,
  },
  { role: "taxonomy", label: "Taxonomy", hint: "taxonomy.tsv or .qza (optional)", required: false },
  {
    role: "tree",
    label: "Phylogenetic tree",
    hint: "Newick or rooted-tree .qza (optional; for UniFrac and Faith PD)",
    required: false,
  },
];

export interface StartScreenProps {
  busy: boolean;
  onLoad: (files: StudyFiles) => void;
  onDemo: () => void;
}

export function StartScreen({ busy, onLoad, onDemo }: StartScreenProps) {
  const [files, setFiles] = useState<Partial<StudyFiles>>({});
  const [dragging, setDragging] = useState(false);
  const ready = files.table !== undefined && files.metadata !== undefined;

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = [...(event.dataTransfer?.files ?? [])];
    if (dropped.length > 0) setFiles((f) => assignFiles(f, dropped));
  };

  return (
    <section aria-labelledby="start-title">
      <h2 id="start-title">Your study, in this browser</h2>
      <p class="lead">
        Drop a feature table, a taxonomy, an optional tree and the participants' metadata. Everything runs on
        this computer: <strong>no file is uploaded</strong>, no request leaves the page.
      </p>
      <div class="start-grid">
        <form
          class={`dropzone${dragging ? " dragging" : ""}`}
          aria-label="Study files"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          onSubmit={(e) => {
            e.preventDefault();
            if (ready) onLoad(files as StudyFiles);
          }}
        >
          <p class="drop-hint">Drop the files here, or pick each one:</p>
          {ROLES.map(({ role, label, hint, required }) => (
            <div class="file-row" key={role}>
              <label for={`file-${role}`}>
                {label}
                {required ? <span class="req"> (required)</span> : null}
              </label>
              <input
                id={`file-${role}`}
                type="file"
                aria-describedby={`file-${role}-hint`}
                onChange={(e) => {
                  const file = (e.currentTarget as HTMLInputElement).files?.[0];
                  setFiles((f) => ({ ...f, [role]: file }));
                }}
              />
              <span id={`file-${role}-hint`} class="hint">
                {files[role] ? `✓ ${files[role]!.name}` : hint}
              </span>
            </div>
          ))}
          <button type="submit" class="primary" disabled={!ready || busy}>
            Read the files
          </button>
        </form>
        <aside class="demo" aria-labelledby="demo-title">
          <h3 id="demo-title">No data at hand?</h3>
          <p>
            Simulate the reference cohort: 65 people, kratom users and non-users, with pain-relief and
            constipation outcomes. Simulated data only. Its design is filled in on the next page; press "Run
            study" there.
          </p>
          <button type="button" class="secondary" onClick={onDemo} disabled={busy}>
            Try the demo cohort
          </button>
        </aside>
      </div>
    </section>
  );
}
