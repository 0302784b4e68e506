import { createInterface } from 'node:readline';
import { loadKnowledgeOrReport } from '../cli/load-knowledge.ts';
import { runCli } from '../cli/run-cli.ts';
import { loadConfig } from '../config/index.ts';
import { createEngine } from '../engine/index.ts';
import { createLogger } from '../logger.ts';
import { startRecording } from '../store/setup.ts';
import { adminSetup, playAdminSession } from './admin-session.ts';
import { playCuratorDay } from './curator-day.ts';
import { type LocalStack, startLocalStack } from './local-stack.ts';
import { renderView, type ViewLike } from './terminal-view.ts';

/**
 * `npm run demo`: the whole bot on this machine, no Discord account needed. Starts the Discord-compatible
 * simulator on 127.0.0.1, logs the real bot in to it, registers the commands, then plays a short conversation
 * (or, with --interactive, lets you type). Everything you see went through discord.js and the simulator's
 * checks of Discord's rules.
 */
runCli(async () => {
  const interactive = process.argv.includes('--interactive');
  const record = process.argv.includes('--record');
  const config = loadConfig(process.env);
  const kb = await loadKnowledgeOrReport(config.knowledgeDir);
  if (!kb) return 1;
  // --admin: a moderator's /oxytocin-admin session, with its own throwaway store (see admin-session.ts).
  const admin = process.argv.includes('--admin') ? await adminSetup(config.knowledgeDir) : undefined;
  // Logs go to stderr at warn level, so the conversation stays readable.
  const logger = createLogger({ level: 'warn', pretty: true, destination: process.stderr });
  // --record: record as `npm start` does (RECORD_QUESTIONS, DATA_DIR / DATABASE_URL), for `npm run report`.
  const recording = record
    ? startRecording(
        { ...config, recordQuestions: config.recordQuestions === 'off' ? 'all' : config.recordQuestions },
        logger,
      )
    : undefined;
  const stack = await startLocalStack({
    kb,
    engine: createEngine(kb),
    logger,
    simulator: {
      guilds: [{ name: 'Demo server', ...(admin ? { channels: ['general', 'questions'] } : {}) }],
    },
    // The recorded day stands for many people asking; one simulated user would hit the per-user cooldown.
    bot: admin
      ? await admin.bot(kb, logger)
      : recording
        ? { recorder: recording.recorder, privacy: config, cooldown: { questions: 1000, seconds: 1 } }
        : interactive
          ? {}
          : // The script asks more questions in a few seconds than one person may (5 every 30 s).
            { cooldown: { questions: 20, seconds: 30 } },
  });
  const say = (line = '') => process.stdout.write(`${line}\n`);
  say(
    `No Discord token needed: running against the built-in local Discord server on 127.0.0.1:${stack.sim.port} ` +
      `(bot "${stack.sim.botUser.username}", server "${stack.sim.guild.name}", #${stack.sim.channel.name}).`,
  );
  say(
    `Registered: ${stack.sim
      .commands(stack.sim.guild.id)
      .map((c) => (c.type === 3 ? `"${c.name}" (message menu)` : `/${c.name}`))
      .join(', ')}\n`,
  );
  try {
    if (interactive) await typeQuestions(stack, say);
    else if (admin) {
      // A day of questions first, so the report has something to show.
      await playCuratorDay(stack);
      await playAdminSession(stack, say);
    } else await playScript(stack, say);
    if (record && !interactive) {
      const day = await playCuratorDay(stack);
      say(
        `Then a day of questions, not shown: ${day.asked} asked, ${day.picks} "did you mean" picks, ${day.flagged} marked Not helpful.`,
      );
    }
    const violations = stack.sim.violations();
    say(
      violations.length === 0
        ? "Discord's rules: no violation recorded."
        : `Rule violations: ${JSON.stringify(violations)}`,
    );
    return violations.length === 0 ? 0 : 1;
  } finally {
    await stack.stop();
    await admin?.stop();
    if (recording) {
      await recording.stop();
      say(
        `Recorded to ${config.databaseUrl ? 'DATABASE_URL' : `${config.dataDir}/oxytocin-bot.sqlite`}: \`npm run report\` shows it.`,
      );
    }
  }
});

const you = (text: string) =>
  `\n${process.stdout.isTTY ? '\x1b[36m' : ''}you ›${process.stdout.isTTY ? '\x1b[0m' : ''} ${text}`;

async function playScript(stack: LocalStack, say: (line?: string) => void): Promise<void> {
  const { sim } = stack;
  say(you('/oxytocin ask question: Where is oxytocin made?'));
  const answer = await sim.slash('oxytocin', 'ask', { question: 'Where is oxytocin made?' });
  say(renderView(answer));

  say(you('/oxytocin ask question: pitocn sid… (typing, autocomplete offers)'));
  const choices = await sim.autocomplete('oxytocin', 'ask', 'question', 'pitocn sid');
  for (const c of choices.choices.slice(0, 5)) say(`  ▸ ${c.name}`);

  say(you('@Oxytocin does a hug really release the cuddle hormone?'));
  const mention = await sim.sendMessage('does a hug really release the cuddle hormone?', {
    mentionBot: true,
  });
  say(renderView(mention));

  say(you('(clicks "Sources" under the first answer)'));
  const sourcesId = findCustomId(answer, 'Sources');
  if (sourcesId) say(renderView(await sim.clickButton(answer, sourcesId)));

  say(you('/oxytocin ask question: how much oxytocin should I take?'));
  say(renderView(await sim.slash('oxytocin', 'ask', { question: 'how much oxytocin should I take?' })));

  say(you('/oxytocin ask question: what is the best pizza topping?'));
  say(renderView(await sim.slash('oxytocin', 'ask', { question: 'what is the best pizza topping?' })));

  await helpSomeone(sim, say);
  say();
}

/** A helper answering someone else: the reply menu on their message, then `for:` on a slash command. */
async function helpSomeone(sim: LocalStack['sim'], say: (line?: string) => void): Promise<void> {
  const named = withNames(sim);
  const question = 'does oxytocin make people trust each other more?';
  say(`\nbob › ${question}`);
  const asked = sim.postMessage(question, { author: sim.otherUser });
  say(you('(right-clicks bob\'s message › Apps › "Reply with Oxytocin Bot")'));
  say(renderView(named(await sim.messageContextMenu('Reply with Oxytocin Bot', asked))));
  const posted = sim.channelMessages().find((m) => m.replyTo === asked.id);
  if (posted) {
    say(
      `↪ replying to bob (pings bob only: ${posted.pings?.users.map((id) => `@${nameOf(sim, id)}`).join(', ')})`,
    );
    say(renderView(named(posted)));
  }

  say(you('/oxytocin ask question: is oxytocin the love hormone? for: @bob'));
  const forBob = await sim.slash('oxytocin', 'ask', {
    question: 'is oxytocin the love hormone?',
    for: sim.otherUser,
  });
  say(renderView(named(forBob)));
}

function nameOf(sim: LocalStack['sim'], id: string): string {
  return [sim.user, sim.otherUser, sim.botUser].find((u) => u.id === id)?.username ?? id;
}

/** Shows mentions as Discord does, by name ("@bob"), instead of their raw <@id> form. */
function withNames(sim: LocalStack['sim']) {
  return <V extends ViewLike>(view: V): V => ({
    ...view,
    content: view.content.replace(/<@!?(\d+)>/g, (_, id: string) => `@${nameOf(sim, id)}`),
  });
}

async function typeQuestions(stack: LocalStack, say: (line?: string) => void): Promise<void> {
  say(
    'Type a question and press Enter: plain text is /oxytocin ask, "@bot ..." mentions the bot. Ctrl-D ends.',
  );
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  process.stdout.write('you › ');
  for await (const raw of lines) {
    const line = raw.trim();
    if (line) {
      const mention = /^@\S*\s*/.exec(line);
      const view: ViewLike = mention
        ? await stack.sim.sendMessage(line.slice(mention[0].length) || 'hi', { mentionBot: true })
        : await stack.sim.slash('oxytocin', 'ask', { question: line.slice(0, 300) });
      say(renderView(view));
    }
    process.stdout.write('\nyou › ');
  }
  say();
}

function findCustomId(view: ViewLike, label: string): string | undefined {
  for (const row of view.components as { components?: { label?: string; custom_id?: string }[] }[]) {
    for (const c of row.components ?? []) if (c.label === label) return c.custom_id;
  }
  return undefined;
}
