/** Types of scripts/build.mjs, for the TypeScript that imports it (the benchmark, the bundle test). */
export declare const ROOT: string;
export declare const ENTRY_POINTS: Record<string, string>;
export declare function build(options?: {
  outdir?: string;
  entryPoints?: Record<string, string>;
}): Promise<number>;
export declare function staleReason(options?: { root?: string; outdir?: string }): string | undefined;
