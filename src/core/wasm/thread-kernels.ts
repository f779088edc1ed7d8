/**
 * A kernel module's instance on this thread's own WebAssembly memory, sized on demand: kept while
 * its memory holds the bytes asked for, else replaced by an instance on a new memory of at least
 * twice the last size (so a run of growing problems makes few instances), or null where the module
 * did not compile or the memory cannot be had (the caller then runs its TypeScript loops).
 *
 * A larger memory is a new instance, never `memory.grow`: growing detaches the old buffer, and once
 * any buffer has been detached V8 checks for detachment at every typed-array access in the thread
 * (its "array buffer detaching protector"), which slows every typed-array loop by ~30%.
 * The memory is declared without `shared`, so its buffer is an ArrayBuffer.
 */

/** The kernels of one instance, with the buffer of the memory they address. */
export interface OnMemory {
  buffer: ArrayBuffer;
}

/** This thread's instance of `module`, its exports typed by `bind`. */
export class ThreadKernels<K extends OnMemory> {
  /** The instance last made (null before the first {@link at}). */
  current: K | null = null;

  constructor(
    private readonly module: WebAssembly.Module | null,
    private readonly bind: (exports: WebAssembly.Instance["exports"], buffer: ArrayBuffer) => K,
  ) {}

  /** The current instance when `view` lies on its memory (the kernels can address it), else null. */
  on(view: ArrayBufferView): K | null {
    const current = this.current;
    return current !== null && view.buffer === current.buffer ? current : null;
  }

  /** An instance whose memory holds at least `bytes` bytes (the current one when it does), or null. */
  at(bytes: number): K | null {
    const current = this.current;
    if (current !== null && current.buffer.byteLength >= bytes) return current;
    if (this.module === null) return null;
    try {
      const pages = Math.max(Math.ceil(bytes / 65536), 2 * ((current?.buffer.byteLength ?? 0) / 65536));
      const memory = new WebAssembly.Memory({ initial: pages });
      const exports = new WebAssembly.Instance(this.module, { env: { memory } }).exports;
      this.current = this.bind(exports, memory.buffer as ArrayBuffer);
      return this.current;
    } catch {
      return null; // past the engine's limit
    }
  }
}
