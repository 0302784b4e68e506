import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/context.ts';
import { renderCategories, renderCategoryPage } from '../../src/discord/render/browse.ts';
import { reply } from '../../src/discord/respond.ts';

/** /oxytocin topics [category:<choice>] */
export async function topics(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const category = interaction.options.getString('category');
  const page = category ? renderCategoryPage(ctx.kb, category) : undefined;
  await reply(interaction, page ?? renderCategories(ctx.kb));
}
