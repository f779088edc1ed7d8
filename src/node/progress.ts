/**
 * A progress bar on a stream: on a TTY one line redrawn in place with \r
 * (`power  [########------------]  40%  120/300  1m12s`), otherwise a line at the first update and one
 * per 10% after it, so that logs stay short. `finish()` ends the redrawn line.
 */

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressBar {
  update(done: number, total: number): void;
  finish(): void;
}

const WIDTH = 24;

export function progressBar(
  label: string,
  stream: ProgressStream,
  now: () => number = Date.now,
): ProgressBar {
  const start = now();
  const tty = stream.isTTY === true;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const percent = Math.floor(fraction * 100);
      const text = `${label}  ${percent.toString().padStart(3)}%  ${done}/${total}  ${formatElapsed(now() - start)}`;
      if (tty) {
        const filled = Math.round(fraction * WIDTH);
        stream.write(
          `\r${label}  [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}]${text.slice(label.length)}`,
        );
        drawn = true;
        return;
      }
      const tenth = Math.floor(fraction * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${text}\n`);
      }
    },
    finish() {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}

/** Elapsed time as `12s`, `3m05s` or `1h02m`. */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
