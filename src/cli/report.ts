import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/index.ts';
import { buildReport } from '../report/build.ts';
import { formatReport } from '../report/format-text.ts';
import { picksCommands } from '../report/picks.ts';
import { openStore } from '../store/open.ts';
import { loadKnowledgeOrReport } from './load-knowledge.ts';
import { runCli } from './run-cli.ts';

const USAGE = `Usage:
  npm run report [-- --days N] [--guild ID]     what people asked (last N days, default 30)
  npm run --silent report -- --json             the same as one JSON object
  npm run --silent report -- --picks [--min N]  kb:add-question commands for picks seen N+ times (default 2)`;

/**
 * `npm run report`: the curator report, from the store the bot records to (DATA_DIR / DATABASE_URL, read
 * exactly as the bot reads them) and the knowledge base (KNOWLEDGE_DIR).
 */
runCli(async () => {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const kb = await loadKnowledgeOrReport(config.knowledgeDir);
  if (!kb) return 1;
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  } catch (error) {
    const where = config.databaseUrl ? 'DATABASE_URL' : `DATA_DIR (${config.dataDir})`;
    console.error(`Cannot open the question store at ${where}: ${(error as Error).message}`);
    return 1;
  }
  try {
    const { report, details } = await buildReport(store, kb, { days: args.days, guildId: args.guild });
    if (args.picks) console.log(picksCommands(report.picked, kb, args.min));
    else if (args.json) console.log(JSON.stringify(report));
    else console.log(formatReport(report, details, kb));
  } finally {
    await store.close();
  }
  return 0;
});

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      days: { type: 'string', default: '30' },
      guild: { type: 'string' },
      json: { type: 'boolean', default: false },
      picks: { type: 'boolean', default: false },
      min: { type: 'string', default: '2' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new ConfigError('--days must be 1-3650');
  const min = Number(values.min);
  if (!Number.isInteger(min) || min < 1) throw new ConfigError('--min must be a whole number of at least 1');
  if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild)) {
    throw new ConfigError('--guild must be a Discord server id (17-20 digits)');
  }
  return { days, min, guild: values.guild, json: values.json, picks: values.picks, help: values.help };
}
