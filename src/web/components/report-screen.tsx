import type { ResultFile } from "../protocol.js";

export interface ReportScreenProps {
  reportHtml: string;
  files: ResultFile[];
  warnings: string[];
  seconds: number;
  timings: Record<string, number>;
  onDownloadReport: () => void;
  onDownloadZip: () => void;
  onDownloadYaml: () => void;
  onBack: () => void;
}

export function ReportScreen(props: ReportScreenProps) {
  return (
    <section aria-labelledby="report-title" class="report-screen">
      <h2 id="report-title">Report</h2>
      <p class="lead">
        Finished in {props.seconds.toFixed(1)} s: {props.files.length} result files
        {props.warnings.length > 0 ? `, ${props.warnings.length} warnings (listed in the report)` : ""}.
      </p>
      <div class="actions">
        <button type="button" class="primary" onClick={props.onDownloadReport}>
          Download report.html
        </button>
        <button type="button" class="secondary" onClick={props.onDownloadZip}>
          Download results (.zip)
        </button>
        <button type="button" class="secondary" onClick={props.onDownloadYaml}>
          Download study.yaml
        </button>
        <button type="button" class="plain" onClick={props.onBack}>
          Change the design
        </button>
      </div>
      <details class="file-list">
        <summary>Time per step</summary>
        <ul>
          {Object.entries(props.timings).map(([step, s]) => (
            <li key={step}>
              {step}: {s.toFixed(1)} s
            </li>
          ))}
        </ul>
      </details>
      <details class="file-list">
        <summary>Files in the zip</summary>
        <ul>
          {props.files.map((f) => (
            <li key={f.path}>
              <code>{f.path}</code> ({f.bytes.toLocaleString("en")} bytes)
            </li>
          ))}
        </ul>
      </details>
      <iframe class="report-frame" title="Study report" sandbox="allow-downloads" srcdoc={props.reportHtml} />
    </section>
  );
}
