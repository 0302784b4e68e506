import { type ChatInputCommandInteraction, type Client, type Message, PermissionsBitField } from 'discord.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../commands/oxytocin/ask.ts';
import { questionChoices } from '../../commands/oxytocin/autocomplete.ts';
import { createBotContext } from '../../src/discord/bot.ts';
import type { BotContext } from '../../src/discord/context.ts';
import { Cooldown } from '../../src/discord/cooldown.ts';
import { createMessageHandler } from '../../src/discord/messages.ts';
import { NO_PINGS, pingOnly } from '../../src/discord/render/reply.ts';
import { createEngine } from '../../src/engine/index.ts';
import { createLogger } from '../../src/logger.ts';
import { rules } from '../../src/simulator/index.ts';
import { realKb } from '../helpers/bot-harness.ts';
import { anyQuestion, PROPERTY_SEED, RUNS } from './arbitraries.ts';

const BOT_ID = '100000000000000001';
let ctx: BotContext;

beforeAll(async () => {
  const kb = await realKb();
  ctx = {
    ...createBotContext({
      kb,
      engine: createEngine(kb),
      logger: createLogger({ level: 'silent' }),
      askChannelIds: ['300000000000000003'],
    }),
    cooldown: new Cooldown(Number.MAX_SAFE_INTEGER, 1000),
    version: '0.0.0',
  };
});

/** What a handler asked discord.js to send must be within Discord's limits and unable to ping anyone. */
function expectSafe(payload: Record<string, unknown>) {
  expect(payload.allowedMentions).toEqual(NO_PINGS);
  expect(
    rules.validateMessageBody({
      content: payload.content,
      embeds: payload.embeds,
      components: payload.components,
    }),
  ).toEqual([]);
}

describe('property: handlers on any input', () => {
  it('mentions, DMs and question-channel messages: never throw, never ping, always within limits', async () => {
    const handler = createMessageHandler({ user: { id: BOT_ID } } as unknown as Client, ctx);
    await fc.assert(
      fc.asyncProperty(
        anyQuestion,
        fc.constantFrom('mention', 'dm', 'question-channel'),
        async (content, where) => {
          const sent: Record<string, unknown>[] = [];
          const message = {
            id: '400000000000000004',
            author: { id: '200000000000000002', bot: false },
            system: false,
            guildId: where === 'dm' ? null : '500000000000000005',
            channelId: where === 'question-channel' ? '300000000000000003' : '600000000000000006',
            content: where === 'mention' ? `<@${BOT_ID}> ${content}` : content,
            mentions: { users: new Map(where === 'mention' ? [[BOT_ID, {}]] : []) },
            reply: async (payload: Record<string, unknown>) => {
              sent.push(payload);
            },
          } as unknown as Message;
          await handler(message);
          if (where !== 'question-channel') expect(sent).toHaveLength(1);
          for (const payload of sent) expectSafe(payload);
        },
      ),
      { numRuns: RUNS, seed: PROPERTY_SEED },
    );
  });

  it('/oxytocin ask: never throws, never pings, always within limits', async () => {
    await fc.assert(
      fc.asyncProperty(anyQuestion, fc.boolean(), async (question, isPrivate) => {
        const sent: Record<string, unknown>[] = [];
        const interaction = {
          user: { id: '200000000000000002' },
          options: { getString: () => question, getBoolean: () => isPrivate, getUser: () => null },
          reply: async (payload: Record<string, unknown>) => {
            sent.push(payload);
          },
        } as unknown as ChatInputCommandInteraction;
        await ask(interaction, ctx);
        expect(sent).toHaveLength(1);
        expectSafe(sent[0] as Record<string, unknown>);
      }),
      { numRuns: RUNS, seed: PROPERTY_SEED },
    );
  });

  it('/oxytocin ask for:<user>: pings that user only when it posts, nobody when it is not sure', async () => {
    const recipient = { id: '700000000000000007', bot: false };
    await fc.assert(
      fc.asyncProperty(anyQuestion, async (question) => {
        const sent: Record<string, unknown>[] = [];
        const interaction = {
          user: { id: '200000000000000002' },
          inGuild: () => true,
          appPermissions: new PermissionsBitField(PermissionsBitField.All),
          options: { getString: () => question, getBoolean: () => null, getUser: () => recipient },
          reply: async (payload: Record<string, unknown>) => {
            sent.push(payload);
          },
        } as unknown as ChatInputCommandInteraction;
        await ask(interaction, ctx);
        expect(sent).toHaveLength(1);
        const payload = sent[0] as Record<string, unknown>;
        const isPublic = payload.flags === undefined;
        expect(payload.allowedMentions).toEqual(isPublic ? pingOnly(recipient.id) : NO_PINGS);
        if (isPublic) expect(String(payload.content)).toMatch(new RegExp(`^<@${recipient.id}>\n`));
        expect(
          rules.validateMessageBody({
            content: payload.content,
            embeds: payload.embeds,
            components: payload.components,
          }),
        ).toEqual([]);
      }),
      { numRuns: RUNS, seed: PROPERTY_SEED },
    );
  });

  it('autocomplete choices always pass Discord validation', () => {
    fc.assert(
      fc.property(anyQuestion, (partial) => {
        expect(rules.validateAutocompleteChoices({ choices: questionChoices(partial, ctx) })).toEqual([]);
      }),
      { numRuns: RUNS, seed: PROPERTY_SEED },
    );
  });
});
