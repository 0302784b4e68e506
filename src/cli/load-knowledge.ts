import { formatProblem, type KnowledgeBase, loadKnowledgeBase } from '../knowledge/index.ts';

/**
 * Loads the knowledge base for a command-line entry point. On problems, lists every one on stderr with a
 * closing line, and returns undefined: the caller exits 1 without starting anything.
 */
export async function loadKnowledgeOrReport(dir: string): Promise<KnowledgeBase | undefined> {
  const { kb, problems } = await loadKnowledgeBase(dir);
  if (kb) return kb;
  for (const p of problems) console.error(formatProblem(p));
  console.error(
    `Not starting: the knowledge base in ${dir} has ${problems.length} problem(s); npm run kb:check lists them.`,
  );
  return undefined;
}
