import { PermissionFlagsBits as P, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../src/discord/custom-ids.ts';
import {
  missingPermissions,
  missingPermissionsText,
  POST_FOR_SOMEONE,
  REPLY_TO_MESSAGE,
} from '../../src/discord/on-behalf/permissions.ts';
import { sentBy } from '../../src/discord/render/on-behalf.ts';

const SNOWFLAKE = '12345678901234567890';

describe('answering for someone else', () => {
  it('the pick menus carry their recipient or message in a custom id Discord accepts', () => {
    for (const action of [
      { action: 'pick-for', userId: SNOWFLAKE },
      { action: 'pick-reply', messageId: SNOWFLAKE },
    ] as const) {
      const id = encodeCustomId(action);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(decodeCustomId(id)).toEqual(action);
    }
    expect(decodeCustomId('o1:pkf:not-a-user')).toBeUndefined();
    expect(decodeCustomId('o1:pkr:')).toBeUndefined();
  });

  it('puts the recipient first and the helper in small text last', () => {
    const reply = { content: '> where is it made?', embeds: [], components: [] };
    expect(sentBy(reply, '1', '2').content).toBe('<@2>\n> where is it made?\n-# Sent by <@1>');
    expect(sentBy({ ...reply, content: undefined }, '1').content).toBe('-# Sent by <@1>');
  });

  it('names each permission the bot lacks, as Discord names them', () => {
    const granted = new PermissionsBitField(P.ViewChannel | P.EmbedLinks);
    expect(missingPermissions(granted, POST_FOR_SOMEONE)).toEqual(['Send Messages']);
    expect(missingPermissions(granted, REPLY_TO_MESSAGE)).toEqual(['Send Messages', 'Read Message History']);
    expect(missingPermissions(new PermissionsBitField(P.Administrator), REPLY_TO_MESSAGE)).toEqual([]);
    expect(missingPermissions(null, REPLY_TO_MESSAGE)).toEqual([]);
    expect(missingPermissionsText(['Send Messages'])).toMatch(
      /^I can't post that here: I don't have the \*\*Send Messages\*\* permission in this channel\. Nothing was sent\. .* give me it /,
    );
    expect(missingPermissionsText(['View Channel', 'Send Messages', 'Read Message History'])).toContain(
      '**View Channel**, **Send Messages** and **Read Message History** permissions',
    );
  });
});
