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

export class SoftmaxClassifier {
  private readonly weights = new Map<string, Float64Array>();
  private readonly scratch: Float64Array;

  constructor(
    examples: readonly Example[],
    private readonly classes: number,
    options: SoftmaxOptions = DEFAULT_SOFTMAX_OPTIONS,
  ) {
    this.scratch = new Float64Array(classes);
    const prepared = examples
      .map((e) => ({ rows: [...new Set(e.terms)].map((t) => this.row(t)), label: e.label }))
      .filter((e) => e.rows.length > 0);
    // A fixed shuffle (no Math.random): the same knowledge base always trains the same model.
    const order = prepared.map((_, i) => i);
    let seed = 20261126;
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
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
        for (const w of rows)
          for (let c = 0; c < classes; c++) w[c] = (w[c] as number) - (gradient[c] as number);
      }
    }
  }

  /** Posterior over the classes for a question's known terms; the array is reused by the next call. */
  predict(terms: readonly string[]): Float64Array {
    const rows: Float64Array[] = [];
    for (const t of new Set(terms)) {
      const w = this.weights.get(t);
      if (w) rows.push(w);
    }
    return this.posterior(rows);
  }

  private row(term: string): Float64Array {
    let w = this.weights.get(term);
    if (!w) {
      w = new Float64Array(this.classes);
      this.weights.set(term, w);
    }
    return w;
  }

  private posterior(rows: readonly Float64Array[]): Float64Array {
    const z = this.scratch;
    const x = rows.length > 0 ? 1 / Math.sqrt(rows.length) : 0;
    z.fill(0);
    for (const w of rows)
      for (let c = 0; c < this.classes; c++) z[c] = (z[c] as number) + (w[c] as number) * x;
    normalizeLogs(z);
    return z;
  }
}

/**
 * Turns log-scores into probabilities in place (subtracting the largest first, so nothing overflows).
 * exp(-30) is below any share that matters; skipping it saves much of the softmax's training time.
 */
export function normalizeLogs(z: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const d = (z[c] as number) - max;
    z[c] = d < -30 ? 0 : Math.exp(d);
    sum += z[c] as number;
  }
  for (let c = 0; c < z.length; c++) z[c] = (z[c] as number) / sum;
  return z;
}
