/**
 * The app's screens: start (files or demo) -> design (column roles) -> running (progress, Cancel)
 * -> report. All data work happens in the study worker (run-in-worker.ts); this file only holds
 * state, announces changes in an aria-live region and offers the downloads.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { InputError } from "../core/errors.js";
import { DesignScreen } from "./components/design-screen.js";
import { IssueList, type Problem } from "./components/issue-list.js";
import { type Progress, ProgressScreen } from "./components/progress-screen.js";
import { ReportScreen } from "./components/report-screen.js";
import { StartScreen } from "./components/start-screen.js";
import { download } from "./download.js";
import type { DatasetSummary, DataSource, StudyFiles, StudyRunResult } from "./protocol.js";
import { type FinalReply, runInWorker } from "./run-in-worker.js";
import { formToConfig, initialForm, type StudyForm } from "./study-form.js";

const DEMO_SEED = 42;

interface Loaded {
  source: DataSource;
  summary: DatasetSummary;
  form: StudyForm;
}

/** A finished run and the study.yaml it ran. */
interface Finished extends StudyRunResult {
  yaml: string;
}

type Screen =
  | { kind: "start" }
  | { kind: "design" }
  | { kind: "running"; progress: Progress; startedAt: number }
  | { kind: "report"; result: Finished };

function problemFrom(reply: Extract<FinalReply, { type: "failed" }>, title: string): Problem {
  return { title, issues: reply.issues, ...(reply.message ? { message: reply.message } : {}) };
}

export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: "start" });
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState("Ready. Pick your files or try the demo cohort.");
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);

  // Move focus to the new screen's heading so keyboard and screen-reader users follow along.
  useEffect(() => {
    const h2 = document.querySelector<HTMLElement>("main h2");
    h2?.setAttribute("tabindex", "-1");
    h2?.focus();
  }, [screen.kind]);

  const inspect = async (source: DataSource, label: string) => {
    setProblem(null);
    setBusy(true);
    setStatus(`${label}…`);
    try {
      const reply = await runInWorker({ type: "inspect", source });
      if (reply.type === "summary") {
        setLoaded({ source, summary: reply.summary, form: initialForm(reply.summary) });
        setScreen({ kind: "design" });
        setStatus(
          `Read ${reply.summary.samples} samples and ${reply.summary.columns.length} metadata columns. Choose the design.`,
        );
      } else if (reply.type === "failed") {
        setProblem(problemFrom(reply, "The files could not be read"));
        setStatus("The files could not be read; the problems are listed above the file pickers.");
      }
    } finally {
      setBusy(false);
    }
  };

  const config = () => {
    if (!loaded) return null;
    try {
      return formToConfig(loaded.form, loaded.summary);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      setProblem({ title: "The design is not complete", issues: e.issues });
      setStatus("The design has problems; they are listed above the columns.");
      return null;
    }
  };

  const run = async () => {
    const made = config();
    if (!loaded || !made) return;
    setProblem(null);
    const controller = new AbortController();
    abort.current = controller;
    setScreen({
      kind: "running",
      progress: { step: "starting", index: 0, steps: 1, fraction: 0 },
      startedAt: Date.now(),
    });
    setStatus("Running the study.");
    try {
      const reply = await runInWorker(
        { type: "run", source: loaded.source, config: made.config },
        {
          signal: controller.signal,
          onProgress: (p) =>
            setScreen((s) =>
              s.kind === "running"
                ? { ...s, progress: { step: p.step, index: p.index, steps: p.steps, fraction: p.fraction } }
                : s,
            ),
        },
      );
      if (reply.type === "result") {
        const { type: _type, ...result } = reply;
        setScreen({ kind: "report", result: { ...result, yaml: made.yaml } });
        setStatus(`The study finished in ${reply.seconds.toFixed(1)} seconds. The report is below.`);
      } else if (reply.type === "failed") {
        setProblem(problemFrom(reply, "The study could not run"));
        setScreen({ kind: "design" });
        setStatus("The study could not run; the problems are listed above the columns.");
      }
    } catch (e) {
      if ((e as Error).name !== "AbortError") throw e;
      setScreen({ kind: "design" });
      setStatus("Cancelled. Nothing was kept; change the design or run again.");
    } finally {
      abort.current = null;
    }
  };

  const downloadYaml = (yaml?: string) => {
    const text = yaml ?? config()?.yaml;
    if (text) download("study.yaml", text, "text/yaml");
  };

  return (
    <>
      <header class="app-header">
        <h1>
          gutresponse <span class="subtitle">microbiome–drug-response studies, in your browser</span>
        </h1>
        <p class="privacy">Runs locally · nothing is uploaded</p>
      </header>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <main>
        {problem && <IssueList problem={problem} />}
        {screen.kind === "start" && (
          <StartScreen
            busy={busy}
            onLoad={(files: StudyFiles) => void inspect({ kind: "files", files }, "Reading the files")}
            onDemo={() => void inspect({ kind: "demo", seed: DEMO_SEED }, "Simulating the demo cohort")}
          />
        )}
        {screen.kind === "design" && loaded && (
          <DesignScreen
            summary={loaded.summary}
            form={loaded.form}
            onChange={(form) => setLoaded({ ...loaded, form })}
            onRun={() => void run()}
            onDownloadYaml={() => downloadYaml()}
            onBack={() => {
              setProblem(null);
              setScreen({ kind: "start" });
            }}
          />
        )}
        {screen.kind === "running" && (
          <ProgressScreen
            progress={screen.progress}
            startedAt={screen.startedAt}
            onCancel={() => abort.current?.abort()}
          />
        )}
        {screen.kind === "report" && (
          <ReportScreen
            {...screen.result}
            onDownloadReport={() => download("report.html", screen.result.reportHtml, "text/html")}
            onDownloadZip={() => download("gutresponse-results.zip", screen.result.zip, "application/zip")}
            onDownloadYaml={() => downloadYaml(screen.result.yaml)}
            onBack={() => setScreen({ kind: "design" })}
          />
        )}
      </main>
    </>
  );
}
