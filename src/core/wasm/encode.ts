/**
 * A minimal WebAssembly binary encoder: one module whose only import is a linear memory and whose
 * functions are given as instruction bytes (WebAssembly Core Specification 2.0, sec. 5 "Binary
 * Format", https://www.w3.org/TR/wasm-core-2/#binary-format; SIMD opcodes: sec. 5.4.8). It lets a
 * hot kernel ship as a few hundred bytes built at run time from readable TypeScript, with no wasm
 * toolchain in the build: sections type (1), import (2), function (3), export (7), code (10).
 *
 * Integers are LEB128 (unsigned for sizes and indices, signed for i32.const); a function body is
 * its local declarations followed by its instructions and `end`.
 */

/** Value types (spec 5.3.1). */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

/** Unsigned LEB128. */
export function u32(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function s32(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Instructions used by this project's kernels (opcode bytes, immediates appended by the helpers). */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...u32(depth)],
  brIf: (depth: number) => [0x0d, ...u32(depth)],
  call: (index: number) => [0x10, ...u32(index)],
  get: (local: number) => [0x20, ...u32(local)],
  set: (local: number) => [0x21, ...u32(local)],
  tee: (local: number) => [0x22, ...u32(local)],
  i32Const: (value: number) => [0x41, ...s32(value)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32ShrU: [0x76],
  i32GtS: [0x4a],
  i32GeS: [0x4e],
  i32LtU: [0x49],
  i32GeU: [0x4f],
  /** f64.load / f64.store with alignment 8 and a byte offset. */
  f64Load: (offset = 0) => [0x2b, 3, ...u32(offset)],
  f64Store: (offset = 0) => [0x39, 3, ...u32(offset)],
  /** f64.const 0 */
  f64Zero: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  f64Add: [0xa0],
  f64Mul: [0xa2],
  /** v128.load / v128.store, 8-byte alignment hint (unaligned access is allowed). */
  v128Load: (offset = 0) => [0xfd, ...u32(0x00), 3, ...u32(offset)],
  v128Store: (offset = 0) => [0xfd, ...u32(0x0b), 3, ...u32(offset)],
  f64x2Splat: [0xfd, ...u32(0x14)],
  f64x2ExtractLane: (lane: number) => [0xfd, ...u32(0x21), lane],
  f64x2ReplaceLane: (lane: number) => [0xfd, ...u32(0x22), lane],
  f64x2Add: [0xfd, ...u32(0xf0)],
  f64x2Sub: [0xfd, ...u32(0xf1)],
  f64x2Mul: [0xfd, ...u32(0xf2)],
  f64x2Div: [0xfd, ...u32(0xf3)],
  /** v128.const of two f64 lanes, both `value`. */
  f64x2Const: (value: number) => v128Const(8, (view, at) => view.setFloat64(at, value, true)),
  /** v128.const of four i32 lanes, all `value`. */
  i32x4Const: (value: number) => v128Const(4, (view, at) => view.setInt32(at, value, true)),
  /** v128.const of two i64 lanes, both `value` (an integer below 2^53 in magnitude). */
  i64x2Const: (value: number) => v128Const(8, (view, at) => view.setBigInt64(at, BigInt(value), true)),
  v128And: [0xfd, ...u32(0x4e)],
  v128Or: [0xfd, ...u32(0x50)],
  v128Xor: [0xfd, ...u32(0x51)],
  /** v128.bitselect: lanes of the first operand where the third's bits are set, else the second's. */
  v128Bitselect: [0xfd, ...u32(0x52)],
  /** i8x16.shuffle with 16 lane indices into the two operands (0-15 the first, 16-31 the second). */
  i8x16Shuffle: (lanes: readonly number[]) => [0xfd, ...u32(0x0d), ...lanes],
  i32x4Shl: [0xfd, ...u32(0xab)],
  i32x4ShrU: [0xfd, ...u32(0xad)],
  i32x4Sub: [0xfd, ...u32(0xb1)],
  i64x2Shl: [0xfd, ...u32(0xcb)],
  i64x2ShrU: [0xfd, ...u32(0xcd)],
  i64x2Add: [0xfd, ...u32(0xce)],
  i64x2LtS: [0xfd, ...u32(0xd8)],
  /** f64x2.convert_low_i32x4_s: the two low i32 lanes as f64. */
  f64x2ConvertLowI32x4S: [0xfd, ...u32(0xfe)],
} as const;

/** v128.const (spec 5.4.8: 16 little-endian bytes) with every lane of `width` bytes written by `lane`. */
function v128Const(width: number, lane: (view: DataView, at: number) => void): number[] {
  const view = new DataView(new ArrayBuffer(16));
  for (let at = 0; at < 16; at += width) lane(view, at);
  return [0xfd, ...u32(0x0c), ...new Uint8Array(view.buffer)];
}

/** Instruction bytes, e.g. an expression that leaves one value on the stack. */
export type Code = readonly number[];

/**
 * Expressions as trees, for kernels written as formulas: `set(y, bin(op.f64x2Mul)(get(a), get(b)))`
 * is y = a * b (operands pushed in order, then the instruction).
 */
export const expr = {
  get: (local: number): Code => op.get(local),
  set: (local: number, value: Code): Code => [...value, ...op.set(local)],
  /** The binary instruction `code` applied to a and b. */
  bin:
    (code: Code) =>
    (a: Code, b: Code): Code => [...a, ...b, ...code],
  /** A shift instruction `code` of vector a by a constant number of bits. */
  shift:
    (code: Code) =>
    (a: Code, bits: number): Code => [...a, ...op.i32Const(bits), ...code],
};

/** local += bytes (an i32 local holding a byte address or a count). */
export function advance(local: number, bytes: number): number[] {
  return [...op.get(local), ...op.i32Const(bytes), ...op.i32Add, ...op.set(local)];
}

/** `block { loop { exit? -> break; body; continue } }`: `exit` leaves an i32 on the stack. */
export function loopUntil(exit: readonly number[], body: readonly number[]): number[] {
  return [...op.block, ...op.loop, ...exit, ...op.brIf(1), ...body, ...op.br(0), ...op.end, ...op.end];
}

/** One function of a {@link wasmModule}. */
export interface WasmFunction {
  name: string;
  params: readonly number[];
  results: readonly number[];
  /** Extra locals after the parameters, as value types. */
  locals: readonly number[];
  /** The instructions, without the final `end`. */
  body: readonly number[];
}

function vec(items: readonly number[][]): number[] {
  return [...u32(items.length), ...items.flat()];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...u32(bytes.length), ...bytes];
}

function section(id: number, content: number[]): number[] {
  return [id, ...u32(content.length), ...content];
}

/** Local declarations: runs of equal types as (count, type) pairs. */
function localRuns(types: readonly number[]): number[] {
  const runs: number[][] = [];
  for (const t of types) {
    const last = runs.at(-1);
    if (last && last[1] === t) last[0]!++;
    else runs.push([1, t]);
  }
  return vec(runs.map(([count, t]) => [...u32(count!), t!]));
}

/** Most 64 KiB pages of a 32-bit memory (4 GiB). */
export const MAX_PAGES = 65536;

/** A function a module imports from "env" (e.g. `Math.log`, which V8 then calls directly). */
export interface WasmImport {
  name: string;
  params: readonly number[];
  results: readonly number[];
}

/**
 * The bytes of a module importing memory "env"."memory" (any size; a shared one must declare at
 * most {@link MAX_PAGES} pages as its maximum) and the functions `imports` from "env" (function
 * indices 0, 1, ... in that order, before `functions`), and exporting `functions` by name
 * (WebAssembly Core Specification 2.0, sec. 5.5).
 */
export function wasmModule(
  functions: readonly WasmFunction[],
  shared: boolean,
  imports: readonly WasmImport[] = [],
): Uint8Array<ArrayBuffer> {
  const types = [...imports, ...functions].map((f) => [
    0x60,
    ...vec(f.params.map((t) => [t])),
    ...vec(f.results.map((t) => [t])),
  ]);
  // limits: 0x00 a minimum of one page; 0x03 minimum and maximum of a shared memory (threads)
  const limits = shared ? [0x03, ...u32(1), ...u32(MAX_PAGES)] : [0x00, ...u32(1)];
  const memory = [...name("env"), ...name("memory"), 0x02, ...limits];
  const imported = imports.map((f, i) => [...name("env"), ...name(f.name), 0x00, ...u32(i)]);
  const first = imports.length;
  const bodies = functions.map((f) => {
    const body = [...localRuns(f.locals), ...f.body, ...op.end];
    return [...u32(body.length), ...body];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([memory, ...imported])),
    ...section(3, vec(functions.map((_, i) => u32(first + i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...u32(first + i)]))),
    ...section(10, vec(bodies)),
  ]);
}

/**
 * The module of {@link wasmModule}'s bytes compiled, or null where the engine cannot compile it
 * (no WebAssembly, or no 128-bit SIMD): the callers then run their TypeScript loops.
 */
export function compileOrNull(
  functions: readonly WasmFunction[],
  shared: boolean,
  imports: readonly WasmImport[] = [],
): WebAssembly.Module | null {
  try {
    return new WebAssembly.Module(wasmModule(functions, shared, imports));
  } catch {
    return null;
  }
}
