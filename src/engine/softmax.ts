/**
 * A multinomial logistic regression over a question's terms: each entry is a class, its title and alternate
 * questions are the training examples. Unlike Naive Bayes, which counts words per entry, it is trained to tell
 * entries apart, so a word that two neighbouring entries share ("symptoms") learns to weigh little between them.
 */
export interface SoftmaxOptions {
  /** Passes over the examples. */
  epochs: number;
  /** Step size of the first pass; it shrinks linearly to a tenth by the last. */
  learningRate: number;
}

export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = { epochs: 12, learningRate: 1 };

export interface Example {
  terms: readonly string[];
  label: number;
}

/** A trained classifier as plain data (terms in row order, all weights), to store and restore without training. */
export interface SoftmaxModel {
  classes: number;
  terms: string[];
  weights: Float64Array;
}

/** Passed as the examples with a stored model whose examples were not analysed again (see the constructor). */
export const RESTORED: readonly Example[] = Object.freeze([]);

export class SoftmaxClassifier {
  /** term -> offset of its row in `weights` (one weight per class). */
  private readonly rows = new Map<string, number>();
  /** All rows in one array: far fewer cache misses than one small array a term. */
  private readonly weights: Float64Array;
  private readonly scratch: Float64Array;

  constructor(
    examples: readonly Example[],
    private readonly classes: number,
    options: SoftmaxOptions = DEFAULT_SOFTMAX_OPTIONS,
    /** A model `export()` gave for the same examples: used as it is, no training. */
    trained?: SoftmaxModel,
  ) {
    this.scratch = new Float64Array(classes);
    if (trained && examples === RESTORED) {
      // Restored with the rest of a stored engine, whose key already says it was trained on these examples.
      for (const [i, term] of trained.terms.entries()) this.rows.set(term, i * classes);
      this.weights = trained.weights;
      return;
    }
    if (trained) {
      // The rows training would assign (terms in order of first use): a model of other examples is refused.
      const terms = [...new Set(examples.flatMap((e) => e.terms))];
      const fits =
        trained.classes === classes &&
        trained.weights.length === terms.length * classes &&
        terms.length === trained.terms.length &&
        terms.every((term, i) => trained.terms[i] === term);
      if (!fits) throw new Error('the softmax model was trained on other examples');
      for (const [i, term] of terms.entries()) this.rows.set(term, i * classes);
      this.weights = trained.weights;
      return;
    }
    const prepared = examples
      .map((e) => ({ rows: Int32Array.from(new Set(e.terms), (t) => this.row(t)), label: e.label }))
      .filter((e) => e.rows.length > 0);
    this.weights = new Float64Array(this.rows.size * classes);
    // A fixed shuffle (no Math.random): the same knowledge base always trains the same model.
    const order = prepared.map((_, i) => i);
    let seed = 20261126;
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const w = this.weights;
    const gradient = new Float64Array(classes);
    const learned = new Uint8Array(prepared.length);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const rate = options.learningRate * (1 - (0.9 * epoch) / Math.max(1, options.epochs - 1));
      for (const i of order) {
        // An example the model already gets right with near certainty teaches nothing; look again every few passes.
        if (learned[i] === 1 && epoch % 4 !== 0) continue;
        const { rows, label } = prepared[i] as (typeof prepared)[number];
        const p = this.posterior(rows);
        learned[i] = (p[label] as number) > 0.9 ? 1 : 0;
        const step = rate / Math.sqrt(rows.length);
        for (let c = 0; c < classes; c++) gradient[c] = (p[c] as number) * step;
        gradient[label] = (gradient[label] as number) - step;
        for (const o of rows)
          for (let c = 0; c < classes; c++) w[o + c] = (w[o + c] as number) - (gradient[c] as number);
      }
    }
  }

  /** The trained model as plain data (the weights are shared, not copied). */
  export(): SoftmaxModel {
    return { classes: this.classes, terms: [...this.rows.keys()], weights: this.weights };
  }

  /** Posterior over the classes for a question's known terms; the array is reused by the next call. */
  predict(terms: readonly string[]): Float64Array {
    const rows: number[] = [];
    for (const t of new Set(terms)) {
      const o = this.rows.get(t);
      if (o !== undefined) rows.push(o);
    }
    return this.posterior(rows);
  }

  private row(term: string): number {
    let o = this.rows.get(term);
    if (o === undefined) {
      o = this.rows.size * this.classes;
      this.rows.set(term, o);
    }
    return o;
  }

  private posterior(rows: ArrayLike<number>): Float64Array {
    const z = this.scratch;
    const w = this.weights;
    const x = rows.length > 0 ? 1 / Math.sqrt(rows.length) : 0;
    z.fill(0);
    for (let k = 0; k < rows.length; k++) {
      const o = rows[k] as number;
      for (let c = 0; c < this.classes; c++) z[c] = (z[c] as number) + (w[o + c] as number) * x;
    }
    return normalizeLogs(z);
  }
}

/**
 * Turns log-scores into probabilities in place (subtracting the largest first, so nothing overflows).
 * exp(-30) is below any share that matters; skipping it saves much of the softmax's training time.
 */
export function normalizeLogs(z: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < z.length; c++) if ((z[c] as number) > max) max = z[c] as number;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const d = (z[c] as number) - max;
    z[c] = d < -30 ? 0 : Math.exp(d);
    sum += z[c] as number;
  }
  for (let c = 0; c < z.length; c++) z[c] = (z[c] as number) / sum;
  return z;
}
