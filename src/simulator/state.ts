import type { CommandRegistry } from './commands.ts';
import type { Fixtures } from './fixtures.ts';
import type { InteractionStore } from './interactions.ts';
import type { ViolationLog } from './log.ts';
import type { MessageStore } from './messages.ts';
import type { BotPermissions } from './permissions.ts';
import type { ResolvedOptions } from './types.ts';

/** The simulated world shared by the REST routes, the gateway wiring and the user actions. */
export interface SimState {
  readonly options: ResolvedOptions;
  readonly fixtures: Fixtures;
  readonly commands: CommandRegistry;
  readonly interactions: InteractionStore;
  readonly messages: MessageStore;
  readonly violations: ViolationLog;
  /** The bot's permissions per guild channel (all unless a test sets them). */
  readonly botPermissions: BotPermissions;
  /** `http://127.0.0.1:PORT` (no path). */
  origin(): string;
}
