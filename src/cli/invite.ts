import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { loadConfig } from '../config/index.ts';
import { runCli } from './run-cli.ts';

/** The least the bot needs: see channels, send (also in threads), embed links, read history to reply. */
export const BOT_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
]);

export function inviteUrl(clientId: string): string {
  const params = new URLSearchParams({
    client_id: clientId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: BOT_PERMISSIONS.bitfield.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params}`;
}

/** `npm run invite`: the OAuth2 URL that adds the bot to a server. */
runCli(async () => {
  const { clientId } = loadConfig(undefined, { require: ['DISCORD_CLIENT_ID'] });
  console.log(inviteUrl(clientId as string));
  return 0;
});
