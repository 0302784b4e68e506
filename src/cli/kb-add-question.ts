import { loadConfig } from '../config/index.ts';
import { addQuestion } from '../curate/add-question.ts';
import { runCli } from './run-cli.ts';

const USAGE = 'Usage: npm run kb:add-question -- <entry-id> "<question>"';

/**
 * `npm run kb:add-question -- <entry-id> "<question>"`: appends an alternate question to that entry's front
 * matter (formatting kept), then validates. Exit 1 with one line for an unknown id or a known question.
 */
runCli(async () => {
  const [entryId, ...words] = process.argv.slice(2);
  const question = words.join(' ');
  if (!entryId || entryId.startsWith('-') || question.trim() === '') {
    console.error(USAGE);
    return 1;
  }
  const { knowledgeDir } = loadConfig(process.env);
  const result = await addQuestion(knowledgeDir, entryId, question);
  if (!result.ok) {
    console.error(result.message);
    for (const p of result.problems ?? []) console.error(`  ${p}`);
    return 1;
  }
  console.log(`Added to ${result.file} (${result.questions} questions). Knowledge base OK.`);
  return 0;
});
