import { formatIssue, type Issue } from "../../core/errors.js";

export interface Problem {
  title: string;
  issues: readonly Issue[];
  message?: string;
}

/** Problems with the input, worded exactly as the CLI prints them (formatIssue). */
export function IssueList({ problem }: { problem: Problem }) {
  return (
    <section class="problems" role="alert" aria-labelledby="problems-title">
      <h2 id="problems-title">{problem.title}</h2>
      {problem.message && <p>{problem.message}</p>}
      {problem.issues.length > 0 && (
        <ul>
          {problem.issues.map((issue, i) => (
            <li key={i}>
              <pre>{formatIssue(issue)}</pre>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
