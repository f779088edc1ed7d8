import { useEffect, useState } from "preact/hooks";

export interface Progress {
  step: string;
  index: number;
  steps: number;
  /** Of the whole run, 0..1. */
  fraction: number;
}

export function ProgressScreen({
  progress,
  startedAt,
  onCancel,
}: {
  progress: Progress;
  startedAt: number;
  onCancel: () => void;
}) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.round((now - startedAt) / 1000));
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">Running the study</h2>
      <p class="lead">The analysis runs in a background worker inside this page; your files stay here.</p>
      <label for="study-progress" class="progress-label">
        Step {progress.index} of {progress.steps}: {progress.step}
      </label>
      <progress id="study-progress" max={1} value={progress.fraction}>
        {Math.round(progress.fraction * 100)}%
      </progress>
      <p class="elapsed">{seconds} s elapsed</p>
      <button type="button" class="danger" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}
