import { loadConfig } from '../config/index.ts';
import { coverageReport, formatProblem, loadKnowledgeBase } from '../knowledge/index.ts';
import { runCli } from './run-cli.ts';

/** `npm run kb:check [-- --coverage]`: validates the knowledge base and reports every problem. */
runCli(async () => {
  const { knowledgeDir } = loadConfig(process.env);
  const { kb, problems, warnings } = await loadKnowledgeBase(knowledgeDir);
  const base = knowledgeDir.replace(/\/$/, '');
  for (const w of warnings) console.error(`warning: ${base}/${formatProblem(w)}`);
  if (!kb) {
    for (const p of problems) console.error(`${base}/${formatProblem(p)}`);
    console.error(
      `\n${problems.length} problem${problems.length === 1 ? '' : 's'} found in ${knowledgeDir}.`,
    );
    return 1;
  }
  const questions = kb.entries.reduce((n, e) => n + e.questions.length, 0);
  const training = kb.entries.reduce((n, e) => n + e.training.length, 0);
  console.log(
    `Knowledge base OK: ${kb.entries.length} entries, ${questions} questions, ${training} training phrasings, ${kb.references.size} references, ${kb.categories.length} categories.`,
  );
  if (process.argv.includes('--coverage')) console.log(`\n${coverageReport(kb)}`);
  return 0;
});
