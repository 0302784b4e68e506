import type { Interaction } from 'discord.js';
import { interactionKind } from '../metrics/index.ts';
import { handleComponent } from './components.ts';
import { type BotContext, type CommandModule, withCurrentKnowledge } from './context.ts';
import { reportFailure } from './respond.ts';

/**
 * Routes every interaction to its handler. A handler that throws is logged with the interaction's id and
 * command, the user is told, and the bot carries on.
 */
export function createInteractionRouter(commands: ReadonlyMap<string, CommandModule>, base: BotContext) {
  return async (interaction: Interaction): Promise<void> => {
    let ctx = withCurrentKnowledge(base);
    try {
      // Autocomplete answers from the knowledge alone; everything else may depend on the server's settings.
      if (!interaction.isAutocomplete())
        ctx = { ...ctx, server: await base.settings.get(interaction.guildId) };
      if (interaction.isAutocomplete()) {
        const command = commands.get(interaction.commandName);
        if (command?.autocomplete) await command.autocomplete(interaction, ctx);
        else await interaction.respond([]);
        return;
      }
      if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
        const command = commands.get(interaction.commandName);
        if (!command) throw new Error(`no handler for command "${interaction.commandName}"`);
        await command.execute(interaction, ctx);
        return;
      }
      if (interaction.isButton() || interaction.isStringSelectMenu()) {
        await handleComponent(interaction, ctx);
      }
    } catch (error) {
      ctx.metrics.handlerFailed(interactionKind(interaction));
      if (interaction.isAutocomplete()) {
        ctx.logger.error(
          { err: error, interactionId: interaction.id, command: interaction.commandName },
          'autocomplete failed',
        );
        if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
        return;
      }
      await reportFailure(interaction, ctx, error);
    }
  };
}
