import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/context.ts';
import { entryFor } from '../../src/discord/on-behalf/for-user.ts';
import { readRecipient } from '../../src/discord/on-behalf/recipient.ts';
import { renderEntry } from '../../src/discord/render/answer.ts';
import { passCooldown, reply, replyText } from '../../src/discord/respond.ts';
import { entryFromOption, NO_ENTRY_TEXT } from './entry-option.ts';

/** /oxytocin topic entry:<id> [for:<user>] */
export async function topic(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const recipient = await readRecipient(interaction);
  if ('refused' in recipient) return;
  const entry = entryFromOption(interaction, ctx);
  if (!entry) return replyText(interaction, NO_ENTRY_TEXT);
  if (!recipient.user) return reply(interaction, renderEntry(entry, ctx.kb));
  // Posting for someone (with a ping) counts against the helper's cooldown, like asking does.
  if (!(await passCooldown(interaction, ctx))) return;
  await entryFor(interaction, ctx, recipient.user, entry);
}
