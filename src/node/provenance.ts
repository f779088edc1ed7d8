/**
 * provenance.json: what made a results folder — package version, the exact command line, the
 * resolved config, the seed, every input (path, sha256, dimensions), start and end times, per-step
 * timings and warnings. With the same inputs and seed, everything except the times is identical.
 */
import type { StudyInput } from "../core/study/results.js";
import { VERSION } from "../version.js";

export interface Provenance {
  tool: "gutresponse";
  version: string;
  command: string;
  config: unknown;
  seed: number;
  simulated: boolean;
  inputs: StudyInput[];
  startedAt: string;
  finishedAt: string;
  timings: Record<string, number>;
  warnings: string[];
  node: string;
}

export function buildProvenance(parts: Omit<Provenance, "tool" | "version" | "node">): Provenance {
  return { tool: "gutresponse", version: VERSION, ...parts, node: process.version };
}
