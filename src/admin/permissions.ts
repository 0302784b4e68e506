import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';

/**
 * /oxytocin-admin is registered for Manage Server, but a server can show a command to anyone in its
 * Integrations settings: the handler checks the member's permissions in the interaction itself.
 */
export function canManageServer(permissions: Readonly<PermissionsBitField> | null): boolean {
  // `has` counts Administrator as having every permission.
  return permissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

export const NOT_A_MANAGER =
  "Sorry, `/oxytocin-admin` is for people who can manage this server (the **Manage Server** permission). A moderator can change the bot's settings for you.";

export const ONLY_IN_SERVERS = '`/oxytocin-admin` sets the bot up for a server; use it in one.';
