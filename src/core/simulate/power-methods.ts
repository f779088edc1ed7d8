/**
 * The DA methods a power analysis runs by default, alone, so the CLI's `power --help` can print them
 * without loading the simulator and every method (power.ts).
 */
import type { DaMethodName } from "../da/types.js";

/** DA methods a power analysis runs by default. */
export const DEFAULT_POWER_METHODS: readonly DaMethodName[] = ["linda", "ancombc", "maaslin"];
