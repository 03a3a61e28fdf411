import { gunzipSync, gzipSync } from 'node:zlib';
import { ValidationError } from '../platform/errors.js';
import { seededRandom } from '../platform/random.js';
import type { SparseFeatures } from './text.js';

/**
 * A multinomial logistic-regression model over hashed sparse features plus a few dense features,
 * trained with averaged SGD. Small (Float32 weights), fast to score, deterministic (seeded shuffles)
 * and updatable one example at a time, which is what learning from agent corrections needs.
 */

/** One training example: features, a class index, a weight and an optional fixed logit offset (prior). */
export interface Example {
  x: SparseFeatures;
  dense: Float32Array;
  offset: Float32Array | null;
  y: number;
  weight: number;
}

/** Training settings; the defaults are what `rapport train` uses. */
export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  /** Multiplier on the weight of each class (e.g. favour recall of negatives). */
  classWeights?: number[];
  seed?: number;
  onEpoch?: (epoch: number) => void;
}

/** Serialised form stored in triage_models.model (weights gzip+base64). */
interface LinearJson {
  classes: string[];
  dim: number;
  dense: number;
  bias: number[];
  weights: string;
}

/** A softmax classifier over `classes`. */
export class LinearModel {
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  private readonly scratch: Float64Array;
  private readonly grad: Float64Array;
  /** Bit per hashed feature with any non-zero weight (set by freeze(); cleared by any update). */
  private live: Uint32Array | null = null;

  constructor(
    readonly classes: string[],
    readonly dim: number,
    readonly denseCount: number,
    weights?: Float32Array,
    bias?: Float32Array,
  ) {
    const c = classes.length;
    this.weights = weights ?? new Float32Array((dim + denseCount) * c);
    this.bias = bias ?? new Float32Array(c);
    this.scratch = new Float64Array(c);
    this.grad = new Float64Array(c);
  }

  /**
   * Marks the model read-only for scoring: records which hashed features have any weight, so
   * scoring skips the (cache-missing) weight loads of features the model never learned. A sparse
   * model such as the shipped default touches a few percent of its buckets.
   */
  freeze(): this {
    const c = this.classes.length;
    const live = new Uint32Array((this.dim + 31) >>> 5);
    const w = this.weights;
    for (let f = 0; f < this.dim; f += 1) {
      for (let k = 0; k < c; k += 1) {
        if (w[f * c + k] !== 0) {
          live[f >>> 5]! |= 1 << (f & 31);
          break;
        }
      }
    }
    let count = 0;
    for (let f = 0; f < this.dim; f += 1) if (live[f >>> 5]! & (1 << (f & 31))) count += 1;
    // Only worth a check per feature when many buckets are empty.
    this.live = count < this.dim / 2 ? live : null;
    return this;
  }

  /** Raw class scores (logits) for one example; the returned array is reused by the next call. */
  logits(x: SparseFeatures, dense: Float32Array, offset: Float32Array | null): Float64Array {
    const c = this.classes.length;
    const z = this.scratch;
    const w = this.weights;
    for (let k = 0; k < c; k += 1) z[k] = this.bias[k]! + (offset ? offset[k]! : 0);
    const { idx, val } = x;
    const nx = x.length;
    // Features are hashed into HASH_DIM buckets; a smaller model folds them (dim is a power of two).
    const mask = this.dim - 1;
    const live = this.live;
    if (c === 3) {
      let z0 = z[0]!;
      let z1 = z[1]!;
      let z2 = z[2]!;
      for (let i = 0; i < nx; i += 1) {
        const f = idx[i]! & mask;
        if (live !== null && (live[f >>> 5]! & (1 << (f & 31))) === 0) continue;
        const base = f * 3;
        const v = val[i]!;
        z0 += w[base]! * v;
        z1 += w[base + 1]! * v;
        z2 += w[base + 2]! * v;
      }
      z[0] = z0;
      z[1] = z1;
      z[2] = z2;
    } else {
      for (let i = 0; i < nx; i += 1) {
        const f = idx[i]! & mask;
        if (live !== null && (live[f >>> 5]! & (1 << (f & 31))) === 0) continue;
        const base = f * c;
        const v = val[i]!;
        for (let k = 0; k < c; k += 1) z[k] = z[k]! + w[base + k]! * v;
      }
    }
    const dbase = this.dim * c;
    for (let j = 0; j < this.denseCount; j += 1) {
      const v = dense[j]!;
      if (v === 0) continue;
      const base = dbase + j * c;
      for (let k = 0; k < c; k += 1) z[k] = z[k]! + w[base + k]! * v;
    }
    return z;
  }

  /**
   * One SGD step on the softmax loss; returns the example's probability of its true class.
   * `sparseOnly` leaves the bias and dense weights alone (corrections should teach words, not shift
   * every answer).
   */
  step(
    ex: Example,
    lr: number,
    sum?: Float32Array,
    sumBias?: Float32Array,
    t = 0,
    classWeight = 1,
    sparseOnly = false,
  ): number {
    const c = this.classes.length;
    this.live = null;
    const z = this.logits(ex.x, ex.dense, ex.offset);
    const p = softmaxInPlace(z);
    const pTrue = p[ex.y]!;
    const grad = this.grad;
    const scale = ex.weight * classWeight * lr;
    for (let k = 0; k < c; k += 1) grad[k] = (p[k]! - (k === ex.y ? 1 : 0)) * scale;
    const w = this.weights;
    const { idx, val } = ex.x;
    const mask = this.dim - 1;
    for (let i = 0; i < ex.x.length; i += 1) {
      const base = (idx[i]! & mask) * c;
      const v = val[i]!;
      for (let k = 0; k < c; k += 1) {
        const d = grad[k]! * v;
        w[base + k]! -= d;
        if (sum) sum[base + k]! -= d * t;
      }
    }
    if (sparseOnly) return pTrue;
    for (let j = 0; j < this.denseCount; j += 1) {
      const v = ex.dense[j]!;
      if (v === 0) continue;
      const base = (this.dim + j) * c;
      for (let k = 0; k < c; k += 1) {
        const d = grad[k]! * v;
        w[base + k]! -= d;
        if (sum) sum[base + k]! -= d * t;
      }
    }
    for (let k = 0; k < c; k += 1) {
      this.bias[k]! -= grad[k]!;
      if (sumBias) sumBias[k]! -= grad[k]! * t;
    }
    return pTrue;
  }

  /** Averaged SGD over `examples` for a few seeded-shuffled epochs (replaces current weights). */
  fit(examples: Example[], options: TrainOptions = {}): void {
    const epochs = options.epochs ?? 8;
    const lr0 = options.learningRate ?? 0.5;
    const rand = seededRandom(options.seed ?? 42);
    const cw = options.classWeights;
    const order = examples.map((_, i) => i);
    // Averaging trick: avg = w - sum / t, with sum accumulating t * update.
    const sum = new Float32Array(this.weights.length);
    const sumBias = new Float32Array(this.bias.length);
    let t = 1;
    for (let e = 0; e < epochs; e += 1) {
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const lr = lr0 / (1 + e * 0.5);
      for (const i of order) {
        const ex = examples[i]!;
        this.step(ex, lr, sum, sumBias, t, cw ? (cw[ex.y] ?? 1) : 1);
        t += 1;
      }
      options.onEpoch?.(e + 1);
    }
    for (let i = 0; i < this.weights.length; i += 1) this.weights[i] = this.weights[i]! - sum[i]! / t;
    for (let k = 0; k < this.bias.length; k += 1) this.bias[k] = this.bias[k]! - sumBias[k]! / t;
  }

  /** Compact JSON: weights as gzip-compressed Float32 bytes in base64. */
  toJSON(): LinearJson {
    const bytes = Buffer.from(this.weights.buffer, this.weights.byteOffset, this.weights.byteLength);
    return {
      classes: this.classes,
      dim: this.dim,
      dense: this.denseCount,
      bias: Array.from(this.bias),
      weights: gzipSync(bytes, { level: 6 }).toString('base64'),
    };
  }

  /** Rebuilds a model from toJSON's output; throws ValidationError when it does not fit together. */
  static fromJSON(json: unknown): LinearModel {
    const j = json as LinearJson;
    if (!j || !Array.isArray(j.classes) || typeof j.weights !== 'string' || !Array.isArray(j.bias)) {
      throw new ValidationError('malformed triage model');
    }
    const raw = gunzipSync(Buffer.from(j.weights, 'base64'));
    const weights = new Float32Array(raw.byteLength / 4);
    new Uint8Array(weights.buffer).set(raw);
    if (weights.length !== (j.dim + j.dense) * j.classes.length)
      throw new ValidationError('triage model size mismatch');
    return new LinearModel(j.classes, j.dim, j.dense, weights, Float32Array.from(j.bias));
  }

  /** A deep copy (so an incremental update never mutates a model another request is using). */
  clone(): LinearModel {
    return new LinearModel(
      [...this.classes],
      this.dim,
      this.denseCount,
      Float32Array.from(this.weights),
      Float32Array.from(this.bias),
    );
  }
}

/**
 * A read-only copy of a model for scoring: hashed weights as 16-bit integers with one scale (half
 * the memory of Float32, so more of the model stays in cache: scoring a message is a hundred-odd
 * random reads), dense weights and bias as they are. Logits differ from the source model's by less
 * than 1e-4 of its largest weight per feature.
 */
export class CompactScorer {
  readonly classes: string[];
  readonly dim: number;
  readonly denseCount: number;
  private readonly c: number;
  private readonly q: Int16Array;
  private readonly scale: number;
  private readonly denseW: Float32Array;
  private readonly bias: Float32Array;
  private readonly live: Uint32Array | null;
  private readonly z: Float64Array;

  constructor(model: LinearModel) {
    const c = model.classes.length;
    this.classes = model.classes;
    this.c = c;
    this.dim = model.dim;
    this.denseCount = model.denseCount;
    this.z = new Float64Array(c);
    const n = model.dim * c;
    const w = model.weights;
    let max = 0;
    for (let i = 0; i < n; i += 1) {
      const a = Math.abs(w[i]!);
      if (a > max) max = a;
    }
    this.scale = max > 0 ? max / 32767 : 1;
    this.q = new Int16Array(n);
    let liveRows = 0;
    const live = new Uint32Array((model.dim + 31) >>> 5);
    for (let f = 0; f < model.dim; f += 1) {
      let any = false;
      for (let k = 0; k < c; k += 1) {
        const v = Math.round(w[f * c + k]! / this.scale);
        this.q[f * c + k] = v;
        if (v !== 0) any = true;
      }
      if (any) {
        live[f >>> 5]! |= 1 << (f & 31);
        liveRows += 1;
      }
    }
    this.live = liveRows < model.dim / 2 ? live : null;
    this.denseW = w.slice(n, n + model.denseCount * c);
    this.bias = Float32Array.from(model.bias);
  }

  /** Weight of hashed feature f for class k. */
  weight(f: number, k: number): number {
    return this.q[f * this.c + k]! * this.scale;
  }

  /** Logits for one text (the returned array is reused by the next call). */
  logits(x: SparseFeatures, dense: Float32Array): Float64Array {
    const c = this.c;
    const { idx, val } = x;
    const q = this.q;
    const mask = this.dim - 1;
    const live = this.live;
    const z = this.z;
    const s = this.scale;
    if (c === 3) {
      let z0 = 0;
      let z1 = 0;
      let z2 = 0;
      for (let i = 0; i < x.length; i += 1) {
        const f = idx[i]! & mask;
        if (live !== null && (live[f >>> 5]! & (1 << (f & 31))) === 0) continue;
        const base = f * 3;
        const v = val[i]!;
        z0 += q[base]! * v;
        z1 += q[base + 1]! * v;
        z2 += q[base + 2]! * v;
      }
      z[0] = z0 * s;
      z[1] = z1 * s;
      z[2] = z2 * s;
    } else {
      z.fill(0);
      for (let i = 0; i < x.length; i += 1) {
        const f = idx[i]! & mask;
        if (live !== null && (live[f >>> 5]! & (1 << (f & 31))) === 0) continue;
        const base = f * c;
        const v = val[i]!;
        for (let k = 0; k < c; k += 1) z[k] = z[k]! + q[base + k]! * v;
      }
      for (let k = 0; k < c; k += 1) z[k] = z[k]! * s;
    }
    for (let k = 0; k < c; k += 1) z[k] = z[k]! + this.bias[k]!;
    const dw = this.denseW;
    for (let j = 0; j < this.denseCount; j += 1) {
      const v = dense[j]!;
      if (v === 0) continue;
      const base = j * c;
      for (let k = 0; k < c; k += 1) z[k] = z[k]! + dw[base + k]! * v;
    }
    return z;
  }
}

/** Softmax over `z` in place (numerically stable); returns z. */
export function softmaxInPlace(z: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < z.length; k += 1) if (z[k]! > max) max = z[k]!;
  let total = 0;
  for (let k = 0; k < z.length; k += 1) {
    z[k] = Math.exp(z[k]! - max);
    total += z[k]!;
  }
  for (let k = 0; k < z.length; k += 1) z[k] = z[k]! / total;
  return z;
}
