import { createInterface } from 'node:readline';
import { loadConfig } from '../config/index.ts';
import { createEngine } from '../engine/index.ts';
import { formatAskResult } from './format-text.ts';
import { loadKnowledgeOrReport } from './load-knowledge.ts';
import { runCli } from './run-cli.ts';

const USAGE = `Usage:
  npm run ask -- "does oxytocin increase trust?"       the answer, as a person reads it
  npm run --silent ask -- --json "question"            one JSON object
  npm run --silent ask -- --json < questions.txt       one JSON object a line (JSON Lines)`;

/** `npm run ask`: the bot's main job without Discord. Results on stdout; everything else on stderr. */
runCli(async () => {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const json = args.includes('--json');
  const question = args.filter((a) => a !== '--json').join(' ');

  const { knowledgeDir } = loadConfig(process.env);
  const kb = await loadKnowledgeOrReport(knowledgeDir);
  if (!kb) return 1;
  const engine = createEngine(kb);

  if (question.trim() !== '') {
    const result = engine.ask(question);
    console.log(json ? JSON.stringify(result) : formatAskResult(result));
    return 0;
  }
  if (!json && process.stdin.isTTY) {
    console.error(USAGE);
    return 1;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const result = engine.ask(line);
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${formatAskResult(result)}\n\n`);
  }
  return 0;
});
