import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { createEngine } from '../engine/index.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { Logger } from '../logger.ts';
import { createReloader, hashKnowledgeDir, knowledgeHolder } from '../reload/index.ts';
import type { SimChannel, SlashOptionValue } from '../simulator/index.ts';
import { openStore } from '../store/open.ts';
import { createRecorder, type Recorder } from '../store/recorder.ts';
import type { LocalStack, LocalStackOptions } from './local-stack.ts';
import { renderView, type ViewLike } from './terminal-view.ts';

/** A member who can manage the server, and one who cannot. */
const MODERATOR = String(
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageGuild,
);
const MEMBER = String(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);

/**
 * `npm run demo -- --admin`: a moderator sets the bot up for the demo server with /oxytocin-admin, and each
 * setting is shown taking effect: a question channel, answers private by default, recording, a cooldown, the
 * curator report and a knowledge reload. Needs a guild with a `questions` channel and a store.
 */
export async function playAdminSession(stack: LocalStack, say: (line?: string) => void): Promise<void> {
  const { sim } = stack;
  const questions = sim.guild.channels.find((c) => c.name === 'questions') as SimChannel;
  const you = (text: string) =>
    say(`\n${process.stdout.isTTY ? '\x1b[36m' : ''}${text}${process.stdout.isTTY ? '\x1b[0m' : ''}`);
  const show = (view: ViewLike) => say(renderView(view));
  const admin = async (line: string, sub: string, options: Record<string, SlashOptionValue> = {}) => {
    you(`moderator › /oxytocin-admin ${line}`);
    show(await sim.slash('oxytocin-admin', sub, options, { permissions: MODERATOR }));
  };

  you('member › /oxytocin-admin recording mode: off   (the server showed the command to everyone)');
  show(
    await sim.slash(
      'oxytocin-admin',
      'recording',
      { mode: 'off' },
      { permissions: MEMBER, serverOverride: true },
    ),
  );
  await admin('settings', 'settings');
  you(`member › (in #questions) where is oxytocin made?`);
  const quiet = await sim.sendMessage('where is oxytocin made?', {
    channelId: questions.id,
    timeoutMs: 1500,
  });
  say(quiet.type === 'none' ? '(no reply: not a question channel yet)' : renderView(quiet));
  await admin('channels add channel: #questions', 'channels add', { channel: questions });
  you(`member › (in #questions) where is oxytocin made?`);
  show(await sim.sendMessage('where is oxytocin made?', { channelId: questions.id }));
  await admin('private-default state: on', 'private-default', { state: 'on' });
  you('member › /oxytocin ask question: does oxytocin increase trust?');
  show(await sim.slash('oxytocin', 'ask', { question: 'does oxytocin increase trust?' }));
  await admin('recording mode: unanswered', 'recording', { mode: 'unanswered' });
  await admin('cooldown questions: 3 seconds: 60', 'cooldown', { questions: 3, seconds: 60 });
  you('moderator › /oxytocin-admin report days: 7');
  const report = await sim.slash('oxytocin-admin', 'report', { days: 7 }, { permissions: MODERATOR });
  show(report);
  const next = (report.components as { components?: { label?: string; custom_id?: string }[] }[])
    .flatMap((row) => row.components ?? [])
    .find((c) => c.label === 'Next')?.custom_id;
  if (next) {
    you('moderator › (clicks Next)');
    show(await sim.clickButton(report, next, { permissions: MODERATOR }));
  }
  await admin('reload', 'reload');
  say();
}

/** A store in a temporary folder (removed at the end), a recorder into it, and a reloader of the knowledge. */
export async function adminSetup(knowledgeDir: string) {
  const dir = mkdtempSync(join(tmpdir(), 'oxytocin-demo-admin-'));
  const store = await openStore({ dataDir: dir });
  let recorder: Recorder | undefined;
  return {
    async bot(kb: KnowledgeBase, logger: Logger): Promise<NonNullable<LocalStackOptions['bot']>> {
      recorder = createRecorder({ store, logger, flushMs: 200 });
      const holder = knowledgeHolder({
        kb,
        engine: createEngine(kb),
        hash: await hashKnowledgeDir(knowledgeDir),
        loadedAt: new Date(),
      });
      return {
        store,
        recorder,
        knowledge: holder,
        reloader: createReloader({ dir: knowledgeDir, holder, logger }),
        privacy: { recordQuestions: 'all', retentionDays: 90 },
        // The day of questions stands for many people; one simulated user would hit the cooldown.
        cooldown: { questions: 1000, seconds: 1 },
      };
    },
    async stop() {
      await recorder?.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
