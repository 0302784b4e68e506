import type { Entry } from './types.ts';
import type { YamlSource } from './yaml-source.ts';

/** Where each loaded entry's fields are in its file, so cross-file rules can point at the right line. */
export const entryLines = new WeakMap<
  Entry,
  {
    lineOf: YamlSource['lineOf'];
    bodyLine: number;
    training?: { file: string; lineOf: YamlSource['lineOf'] };
  }
>();
