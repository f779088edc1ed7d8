/**
 * Calibration notes for the differential-abundance and association sections: how many calls each
 * method made on shuffled labels of this study's own data (computed by the calibration step,
 * src/core/study/steps/calibration-step.ts), next to the calls on the real labels. Formats only.
 */
import type { CalibrationRow, StudyResults } from "../../core/study/results.js";
import type { SectionNote } from "../model.js";

const fmt = (x: number): string => String(Number(x.toFixed(2)));

export function calibrationSentence(r: CalibrationRow): string {
  const what = r.analysis === "differential_abundance" ? "taxa" : "links";
  return (
    `On ${r.shuffles} shuffles of your ${r.shuffled} labels, ${r.method} called on average ${fmt(r.mean_calls)} ${what} ` +
    `(${r.shuffles_with_calls} of ${r.shuffles} shuffles called any; at most ${r.max_calls}); ` +
    `on the real labels it called ${r.observed_calls}.`
  );
}

/** One note per method of the analysis, plus the cost; a warning when shuffles call as much. */
export function calibrationNotes(results: StudyResults, analysis: CalibrationRow["analysis"]): SectionNote[] {
  const cal = results.calibration;
  if (!cal) {
    return [
      {
        status: "info",
        text: "Not calibrated on shuffled labels (calibration.shuffles is 0): there is no measure of how many calls this design gives by chance.",
      },
    ];
  }
  const rows = cal.rows.filter((r) => r.analysis === analysis);
  if (rows.length === 0) return [];
  return [
    ...rows.map(
      (r): SectionNote => ({
        status: r.observed_calls > 0 && r.mean_calls * 2 >= r.observed_calls ? "warn" : "info",
        text: calibrationSentence(r),
      }),
    ),
    {
      status: "info",
      text: `Every call on shuffled labels is false: a list not much longer than the shuffled one is mostly chance. Cost: ${cal.shuffles} reruns of each method (seed ${cal.seed}); calibration.tsv has the numbers.`,
    },
  ];
}
