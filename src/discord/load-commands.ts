import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import askContextMenu from '../../commands/ask-context-menu.ts';
import oxytocin from '../../commands/oxytocin.ts';
import oxytocinAdmin from '../../commands/oxytocin-admin.ts';
import replyContextMenu from '../../commands/reply-context-menu.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { CommandModule } from './context.ts';

/**
 * The command modules. Listed explicitly rather than read from the folder at run time: the type checker then
 * sees every module, and a missing file fails the build instead of silently dropping a command.
 */
export const COMMAND_MODULES: readonly CommandModule[] = [
  oxytocin,
  oxytocinAdmin,
  askContextMenu,
  replyContextMenu,
];

/** Command name -> module, for the router. */
export function commandMap(kb: KnowledgeBase): Map<string, CommandModule> {
  return new Map(COMMAND_MODULES.map((m) => [m.data(kb).name, m]));
}

/** The JSON that deploy-commands PUTs (and that the simulator validates in tests). */
export function commandDefinitions(kb: KnowledgeBase): RESTPostAPIApplicationCommandsJSONBody[] {
  return COMMAND_MODULES.map((m) => m.data(kb).toJSON());
}
