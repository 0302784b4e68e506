import type { ButtonInteraction, StringSelectMenuInteraction } from 'discord.js';
import type { Entry } from '../knowledge/types.ts';
import type { BotContext } from './context.ts';
import { decodeCustomId } from './custom-ids.ts';
import { renderEntry, renderSources } from './render/answer.ts';
import { renderCategoryPage } from './render/browse.ts';
import { unescapeMarkdown } from './render/user-text.ts';
import { isEphemeral, reply, replyText, update } from './respond.ts';

const GONE = 'That entry is no longer in the knowledge base. Try `/oxytocin topics`.';

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
      // The question is quoted in the answer's content ("> question"); no user name is logged.
      const quoted = /^> (.*)$/m.exec(interaction.message.content)?.[1];
      const query = quoted === undefined ? undefined : unescapeMarkdown(quoted);
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
      return replyText(
        interaction,
        action.helpful ? 'Thanks, glad it helped!' : 'Thanks for telling us; we review answers people flag.',
      );
    }
    case 'related':
    case 'pick': {
      if (!interaction.isStringSelectMenu()) return;
      const e = entry(interaction.values[0] ?? '');
      if (!e) return replyText(interaction, GONE);
      const ephemeral = isEphemeral(interaction.message);
      return reply(interaction, renderEntry(e, ctx.kb, { shareable: ephemeral }), { ephemeral });
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
  }
}
