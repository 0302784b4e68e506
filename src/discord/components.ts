import type { ButtonInteraction, Message, StringSelectMenuInteraction } from 'discord.js';
import { canManageServer, NOT_A_MANAGER, ONLY_IN_SERVERS } from '../admin/permissions.ts';
import { reportReply } from '../admin/report-reply.ts';
import type { Entry } from '../knowledge/types.ts';
import type { BotContext } from './context.ts';
import { decodeCustomId } from './custom-ids.ts';
import { pickFor } from './on-behalf/for-user.ts';
import { pickReply } from './on-behalf/reply-to-message.ts';
import { recordFeedback, recordPick } from './record.ts';
import { quotedInSuggestions, renderEntry, renderSources, SUGGESTIONS_TITLE } from './render/answer.ts';
import { renderCategoryPage } from './render/browse.ts';
import { NO_PINGS } from './render/reply.ts';
import { unescapeMarkdown } from './render/user-text.ts';
import { isEphemeral, reply, replyText, update } from './respond.ts';

/** A button or menu on an older message that points at an entry a knowledge reload removed. */
export const GONE =
  'Sorry, this answer has been removed from the knowledge base. Try `/oxytocin ask` again, or browse `/oxytocin topics`.';

/** Buttons and select menus. Everything a component needs is in its custom id, so restarts do not break them. */
export async function handleComponent(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  ctx: BotContext,
): Promise<void> {
  const action = decodeCustomId(interaction.customId);
  const entry = (id: string): Entry | undefined => ctx.kb.entries.find((e) => e.id === id);
  if (!action) {
    await replyText(
      interaction,
      'This button is from an older version of the bot. Ask again with `/oxytocin ask`.',
    );
    return;
  }
  switch (action.action) {
    case 'sources': {
      const e = entry(action.entryId);
      if (!e) return replyText(interaction, GONE);
      return reply(interaction, renderSources(e, ctx.kb), { ephemeral: true });
    }
    case 'share': {
      const e = entry(action.entryId);
      if (!e) return replyText(interaction, GONE);
      const shared = renderEntry(e, ctx.kb);
      return reply(interaction, { ...shared, content: `Shared by <@${interaction.user.id}>:` });
    }
    case 'feedback': {
      // The question is quoted in the answer's content ("> question"); no user name is logged or kept.
      const query = quotedQuestion(interaction.message);
      ctx.logger.info(
        {
          event: 'feedback',
          entryId: action.entryId,
          helpful: action.helpful,
          confidence: action.confidence,
          query,
        },
        'answer feedback',
      );
      try {
        await replyText(
          interaction,
          action.helpful
            ? 'Thanks, glad it helped!'
            : 'Thanks for telling us; we review answers people flag.',
        );
      } finally {
        recordFeedback(ctx, interaction.guildId, { ...action, question: query });
      }
      return;
    }
    case 'related':
    case 'pick': {
      if (!interaction.isStringSelectMenu()) return;
      const e = entry(interaction.values[0] ?? '');
      if (!e) return replyText(interaction, GONE);
      const ephemeral = isEphemeral(interaction.message);
      try {
        await reply(interaction, renderEntry(e, ctx.kb, { shareable: ephemeral }), { ephemeral });
      } finally {
        const picked = pickedFrom(interaction.message, action.action);
        if (picked) recordPick(ctx, interaction.guildId, { ...picked, entryId: e.id });
      }
      return;
    }
    case 'pick-for':
    case 'pick-reply': {
      if (!interaction.isStringSelectMenu()) return;
      const e = entry(interaction.values[0] ?? '');
      if (!e) return replyText(interaction, GONE);
      const picked = pickedFrom(interaction.message, 'pick');
      try {
        if (action.action === 'pick-for') await pickFor(interaction, ctx, e, action.userId, picked?.question);
        else await pickReply(interaction, ctx, e, action.messageId);
      } finally {
        if (picked) recordPick(ctx, interaction.guildId, { ...picked, entryId: e.id });
      }
      return;
    }
    case 'category': {
      if (!interaction.isStringSelectMenu()) return;
      const page = renderCategoryPage(ctx.kb, interaction.values[0] ?? '');
      if (!page) return replyText(interaction, 'That category no longer exists.');
      return update(interaction, page);
    }
    case 'page': {
      const page = renderCategoryPage(ctx.kb, action.categoryId, action.page);
      if (!page) return replyText(interaction, 'That category no longer exists.');
      return update(interaction, page);
    }
    case 'report': {
      if (!interaction.inGuild()) return replyText(interaction, ONLY_IN_SERVERS);
      if (!canManageServer(interaction.memberPermissions)) return replyText(interaction, NOT_A_MANAGER);
      await interaction.deferUpdate();
      const page = await reportReply(ctx, interaction.guildId, action.days, action.page);
      await interaction.editReply(
        typeof page === 'string'
          ? { content: page, embeds: [], components: [], allowedMentions: NO_PINGS }
          : { ...page, allowedMentions: NO_PINGS },
      );
      return;
    }
  }
}

/** The question quoted at the top of an answer ("> question"), unescaped; undefined when there is none. */
function quotedQuestion(message: Message): string | undefined {
  const quoted = /^> (.*)$/m.exec(message.content)?.[1];
  return quoted === undefined ? undefined : unescapeMarkdown(quoted);
}

/**
 * Which menu a pick came from and the question that led to it: a "did you mean" message names the question
 * in its description, an answer's Related menu sits under the quoted question. A category page's menu (also
 * a `pick`) is browsing, not an answer to a question: nothing to learn, so undefined.
 */
function pickedFrom(
  message: Message,
  action: 'pick' | 'related',
): { menu: 'did-you-mean' | 'related'; question: string | undefined } | undefined {
  if (action === 'related') return { menu: 'related', question: quotedQuestion(message) };
  const embed = message.embeds[0];
  if (embed?.title !== SUGGESTIONS_TITLE) return undefined;
  const quoted = quotedInSuggestions(embed.description);
  return { menu: 'did-you-mean', question: quoted === undefined ? undefined : unescapeMarkdown(quoted) };
}
