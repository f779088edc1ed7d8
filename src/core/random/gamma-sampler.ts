/**
 * A fast seeded gamma sampler for Monte Carlo hot loops (ALDEx2's Dirichlet instances: tens of
 * millions of draws per analysis).
 *
 * - Engine: the MT19937 word stream of mt19937.ts (Matsumoto M, Nishimura T (1998) ACM TOMACS
 *   8:3-30, doi:10.1145/272991.272995; init_genrand seeding with seed >>> 0), 624 words at a time
 *   in WebAssembly SIMD where available (mt19937-simd.ts: the same words).
 * - Uniforms in (0, 1) from one 32-bit word: (w + 0.5) / 2^32.
 * - Normals: the ziggurat method (Marsaglia G, Tsang WW (2000) The ziggurat method for generating
 *   random variables. J Stat Softw 5(8):1-7, doi:10.18637/jss.v005.i08) with its 128 layers
 *   (r = 3.442619855899, v = 9.91256303526217e-3), one 32-bit word per draw in ~99% of draws: the
 *   low 7 bits pick the layer, the high 25 bits (signed) the point in it, so layer and value come
 *   from separate bits (the original reuses the layer bits in the value, the correlation Doornik
 *   JA (2005) "An improved ziggurat method to generate normal random samples", University of
 *   Oxford, pointed out); the wedges and the tail as in the paper's `nfix`.
 * - Gamma(shape, 1), shape >= 1: Marsaglia G, Tsang WW (2000) A simple method for generating gamma
 *   variables. ACM TOMS 26:363-372, doi:10.1145/358407.358414: d = shape - 1/3, c = 1/sqrt(9d);
 *   repeat x ~ N(0,1), v = (1 + c x)^3 (v > 0), u ~ U(0,1) until u < 1 - 0.0331 x^4 or
 *   ln u < x^2/2 + d (1 - v + ln v); return d v. Shape < 1: Gamma(shape + 1) u^(1/shape) (same
 *   paper, section 6).
 * The stream is a pure function of the seed (same seed, same bytes), but it is not the stream of
 * `Rng.gamma` in rng.ts (which follows @stdlib), so results drawn with it differ from draws made
 * through `Rng`.
 */
import { Mt19937Simd } from "./mt19937-simd.js";

const TWO_POW_32 = 4294967296;

/** Ziggurat constants (Marsaglia & Tsang 2000): the right edge of the base layer and the common area. */
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
/** Scale of the 25-bit signed point within a layer: |u| < 2^24. */
const ZIG_SCALE = 16777216;
/** Per layer: x = u * ZIG_W, accepted at once when |u| < ZIG_K; ZIG_F the density at the layer's edge. */
const ZIG_K = new Float64Array(128);
const ZIG_W = new Float64Array(128);
const ZIG_F = new Float64Array(128);
/** The ziggurat's acceptance bounds, widths and edge densities per layer, for kernels that draw from it themselves (read only). */
export const ZIGGURAT_LAYERS = { k: ZIG_K, w: ZIG_W, f: ZIG_F } as const;
{
  // zigset of the paper, for a 2^24 scale
  let dn = ZIG_R;
  let tn = dn;
  const q = ZIG_V / Math.exp(-0.5 * dn * dn);
  ZIG_K[0] = (dn / q) * ZIG_SCALE;
  ZIG_K[1] = 0;
  ZIG_W[0] = q / ZIG_SCALE;
  ZIG_W[127] = dn / ZIG_SCALE;
  ZIG_F[0] = 1;
  ZIG_F[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZIG_V / dn + Math.exp(-0.5 * dn * dn)));
    ZIG_K[i + 1] = (dn / tn) * ZIG_SCALE;
    tn = dn;
    ZIG_F[i] = Math.exp(-0.5 * dn * dn);
    ZIG_W[i] = dn / ZIG_SCALE;
  }
}

/** A source of 32-bit words (an MT19937 stream). */
export interface WordStream {
  next(): number;
}

/** The ziggurat normals, uniforms and Marsaglia–Tsang gammas of one word stream. */
export class GammaSampler {
  private readonly words: WordStream;

  /** Draws from the stream of `init_genrand(seed)`, or from a given stream of it (e.g. one a kernel shares). */
  constructor(source: number | WordStream) {
    this.words = typeof source === "number" ? Mt19937Simd.create(source) : source;
  }

  /** Next tempered 32-bit word of the MT19937 stream. */
  word(): number {
    return this.words.next();
  }

  /** Uniform on the open interval (0, 1). */
  uniform(): number {
    return (this.word() + 0.5) / TWO_POW_32;
  }

  /** A standard normal draw (ziggurat; see the module header). */
  normal(): number {
    for (;;) {
      const w = this.word() | 0;
      const layer = w & 127;
      const u = w >> 7;
      const x = u * ZIG_W[layer]!;
      if (Math.abs(u) < ZIG_K[layer]!) return x;
      if (layer === 0) {
        // the tail beyond R (Marsaglia 1964): x = -ln(U1) / R, y = -ln(U2) until 2 y >= x^2
        let t: number;
        let e: number;
        do {
          t = -Math.log(this.uniform()) / ZIG_R;
          e = -Math.log(this.uniform());
        } while (e + e < t * t);
        return u > 0 ? ZIG_R + t : -ZIG_R - t;
      }
      const f = ZIG_F[layer]!;
      if (f + this.uniform() * (ZIG_F[layer - 1]! - f) < Math.exp(-0.5 * x * x)) return x;
    }
  }

  /** Gamma(shape, rate 1); shape > 0. */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * this.uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    return this.gammaFrom(d, 1 / Math.sqrt(9 * d));
  }

  /**
   * Gamma(d + 1/3, rate 1) from Marsaglia–Tsang's constants d = shape - 1/3 and c = 1/sqrt(9 d)
   * (shape >= 1), for callers that draw many times with one shape and precompute them.
   */
  gammaFrom(d: number, c: number): number {
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}
