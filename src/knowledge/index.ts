export { coverageReport } from './coverage.ts';
export { type LoadResult, loadKnowledgeBase } from './load.ts';
export { formatProblem, KnowledgeError, type Problem } from './problems.ts';
export * from './types.ts';
