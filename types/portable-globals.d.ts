/**
 * The few web-platform globals that src/core, src/io and src/report may use: each exists with the
 * same meaning in Node >= 20, browsers and Web Workers. tsconfig.pure.json type-checks those layers
 * with `lib: ["ES2022"]`, `types: []` and only these declarations, so `process`, `Buffer`,
 * `document`, `window` or `fetch` there fail the type check. Add a global here only when every
 * runtime above has it.
 */
interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare function btoa(data: string): string;

declare function setTimeout(callback: (...args: unknown[]) => void, ms?: number): unknown;

declare const performance: { now(): number };

/** The part of the WebAssembly JavaScript API that src/core uses (src/core/ordination/gower-simd.ts). */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array<ArrayBuffer>);
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(deltaPages: number): number;
  }
}
