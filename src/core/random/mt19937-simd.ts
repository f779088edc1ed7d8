/**
 * MT19937's words 624 at a time in WebAssembly SIMD, four per step in the four i32 lanes: the
 * stream of `Mt19937` (mt19937.ts, the TypeScript one; the same words: tested), for the gamma
 * sampler's tens of millions of words per ALDEx2 call (Matsumoto M, Nishimura T (1998) ACM TOMACS
 * 8:3-30, doi:10.1145/272991.272995).
 *
 * The state is kept as a run of the sequence x_0, x_1, ... (x_{k+624} = x_{k+397} xor twist(x_k,
 * x_{k+1})): words [0, 624) hold the current state, the step writes the next 624 words after them,
 *
 *   region (u32):  [ x_k .. x_{k+623} | x_{k+624} .. x_{k+1247} | tempered x_{k+624} .. ]
 *                    0                  624                        1248
 *
 *   twist:   y = (x_k & 0x80000000) | (x_{k+1} & 0x7fffffff);
 *            x_{k+624} = x_{k+397} ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df)
 *   temper:  y ^= y >>> 11; y ^= (y << 7) & 0x9d2c5680; y ^= (y << 15) & 0xefc60000; y ^= y >>> 18
 *
 * then copies the new words over the old. Four consecutive k need x_{k+397..k+400} (at most the
 * 400th word before the ones being written, so already written) and x_{k+1..k+4} (x_{k+624} for
 * the last step: the reference code's mt[0] after its first run, as there): the reference code's
 * three runs in one loop. In V8 the TypeScript twist and tempering are ~5 ns a word, a third of
 * the gamma draws' time; here ~1 ns. The module is built by src/core/wasm/encode.ts (WebAssembly
 * Core Specification 2.0 with 128-bit SIMD, https://www.w3.org/TR/wasm-core-2/): streams of their
 * own share one small memory per thread; a kernel that reads the words itself holds a stream's
 * region in its own memory and includes the step (`mt19937Step`, dirichlet-draw-wasm.ts). Where
 * WebAssembly SIMD is missing, `Mt19937` runs.
 */
import {
  advance,
  type Code,
  compileOrNull,
  expr,
  I32,
  loopUntil,
  op,
  V128,
  type WasmFunction,
} from "../wasm/encode.js";
import { Mt19937 } from "./mt19937.js";

const N = 624;
const M = 397;
/** Bytes of a stream's region of memory: the state, the next state, the tempered words. */
export const MT_BYTES = 12 * N;

const { get, set, bin, shift } = expr;
const and = bin(op.v128And);
const or = bin(op.v128Or);
const xor = bin(op.v128Xor);
const c = (value: number): Code => op.i32x4Const(value);
const shr = shift(op.i32x4ShrU);
const shl = shift(op.i32x4Shl);
const load = (offset: number): Code => [...get(P), ...op.v128Load(offset)];

// step(): locals (no parameters)
const P = 0; // i32: byte address of x_k
const Y = 1; // v128

/** One step on the region at byte address `at` (state, then the next state at + 4 N, tempered at + 8 N). */
const stepBody = (at: number): Code => {
  const next = at + 4 * N;
  const tempered = at + 8 * N;
  const twistAndTemper: Code = [
    // y = (x_k & UPPER) | (x_{k+1} & LOWER); x_{k+624} = x_{k+397} ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
    ...set(Y, or(and(load(at), c(0x80000000)), and(load(at + 4), c(0x7fffffff)))),
    ...set(
      Y,
      xor(
        xor(load(at + 4 * M), shr(get(Y), 1)),
        and([...c(0), ...and(get(Y), c(1)), ...op.i32x4Sub], c(0x9908b0df)),
      ),
    ),
    ...get(P),
    ...get(Y),
    ...op.v128Store(next),
    // tempered
    ...set(Y, xor(get(Y), shr(get(Y), 11))),
    ...set(Y, xor(get(Y), and(shl(get(Y), 7), c(0x9d2c5680)))),
    ...set(Y, xor(get(Y), and(shl(get(Y), 15), c(0xefc60000)))),
    ...set(Y, xor(get(Y), shr(get(Y), 18))),
    ...get(P),
    ...get(Y),
    ...op.v128Store(tempered),
  ];
  /** for (P = 0; P < 4 N; P += 16) body */
  const overState = (body: Code): Code => [
    ...set(P, op.i32Const(0)),
    ...loopUntil([...get(P), ...op.i32Const(4 * N), ...op.i32GeU], [...body, ...advance(P, 16)]),
  ];
  // then the new state over the old
  return [...overState(twistAndTemper), ...overState([...get(P), ...load(next), ...op.v128Store(at)])];
};

/**
 * The exported function "step" for a module whose memory holds a stream's region at byte address
 * `at` ({@link MT_BYTES} bytes, 16-byte aligned), e.g. a kernel that reads the words itself.
 */
export function mt19937Step(at: number): WasmFunction {
  return { name: "step", params: [], results: [], locals: [I32, V128], body: stepBody(at) };
}

const module = compileOrNull([mt19937Step(0)], false);

/** A stream's region of a memory (state and tempered words) and the step of the module that owns it. */
export interface Mt19937Kernel {
  state: Uint32Array;
  tempered: Uint32Array;
  step: () => void;
}

/** The region at byte address `at` of `memory` and `instance`'s step. */
export function mt19937Kernel(
  memory: WebAssembly.Memory,
  instance: WebAssembly.Instance,
  at: number,
): Mt19937Kernel {
  return {
    state: new Uint32Array(memory.buffer, at, N),
    tempered: new Uint32Array(memory.buffer, at + 8 * N, N),
    step: instance.exports.step as () => void,
  };
}

/** This thread's instance for streams of their own (none before the first). */
let shared: Mt19937Kernel | null = null;

/**
 * The tempered MT19937 words of `init_genrand(seed)`, 624 at a time in WebAssembly SIMD. A stream
 * made by `create` keeps its state and words and copies them through this thread's one instance
 * per step (a memory per stream would cost ~0.2 ms to create); one made by `on` lives in a
 * kernel's region, which it has to itself, and reads its words there.
 */
export class Mt19937Simd {
  private readonly state: Uint32Array;
  /** The words of the current step, and the index of the next one to read. */
  readonly words: Uint32Array;
  index = N;

  private constructor(
    seed: number,
    private readonly kernel: Mt19937Kernel,
    own: boolean,
  ) {
    this.state = own ? kernel.state : new Uint32Array(N);
    this.words = own ? kernel.tempered : new Uint32Array(N);
    Mt19937.seedState(this.state, seed);
  }

  /**
   * The stream of `new Mt19937(seed)` in WebAssembly SIMD, or `Mt19937` itself where WebAssembly
   * SIMD is missing (the same words either way).
   */
  static create(seed: number): Mt19937Simd | Mt19937 {
    if (module === null) return new Mt19937(seed);
    if (shared === null) {
      const memory = new WebAssembly.Memory({ initial: 1 });
      shared = mt19937Kernel(memory, new WebAssembly.Instance(module, { env: { memory } }), 0);
    }
    return new Mt19937Simd(seed, shared, false);
  }

  /** The stream of `new Mt19937(seed)` in `kernel`'s region (replacing whatever stream was there). */
  static on(kernel: Mt19937Kernel, seed: number): Mt19937Simd {
    return new Mt19937Simd(seed, kernel, true);
  }

  /** Next tempered 32-bit word (an integer in [0, 2^32)). */
  next(): number {
    if (this.index >= N) this.refill();
    return this.words[this.index++]!;
  }

  /** The next 624 words (through the kernel's region unless the stream lives there). */
  private refill(): void {
    const { kernel, state, words } = this;
    if (state !== kernel.state) kernel.state.set(state);
    kernel.step();
    if (state !== kernel.state) {
      state.set(kernel.state);
      words.set(kernel.tempered);
    }
    this.index = 0;
  }
}
