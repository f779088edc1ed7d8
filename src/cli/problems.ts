/**
 * The problems a command collects before it gives up (one list of every bad option, output path and
 * input file, as `validate` reports them).
 */
import { InputError, type Issue } from "../core/errors.js";

/**
 * Collects the problems of a command's independent steps (options, output paths, each input file)
 * so it reports them all at once, as `validate` does, instead of stopping at the first.
 */
export class Problems {
  readonly issues: Issue[] = [];

  /** The step's value, or undefined when it raised an InputError (kept for `throwIfAny`). */
  check<T>(step: () => T): T | undefined {
    try {
      return step();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      this.issues.push(...e.issues);
      return undefined;
    }
  }

  async load<T>(step: () => Promise<T>): Promise<T | undefined> {
    try {
      return await step();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      this.issues.push(...e.issues);
      return undefined;
    }
  }

  /** `load(path)` when the path was given (undefined otherwise), a failure kept as with `load`. */
  async loadPath<T>(path: string | undefined, load: (path: string) => Promise<T>): Promise<T | undefined> {
    return path === undefined ? undefined : this.load(() => load(path));
  }

  /** @throws InputError listing every problem collected, when there is any */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new InputError(this.issues);
  }
}
