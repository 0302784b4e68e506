import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/index.ts';
import { api, startTestSim } from './helpers.ts';

const SAFE = { allowed_mentions: { parse: [] } };
const button = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 2,
  style: 1,
  label: 'Go',
  custom_id: id,
  ...extra,
});
const row = (...components: unknown[]) => ({ type: 1, components });
const option = (index: number) => ({ label: `Option ${index}`, value: `v${index}` });

interface RuleCase {
  rule: string;
  body: Record<string, unknown>;
  /** Path of the field error in the 50035 body. */
  path: Array<string | number>;
}

const cases: RuleCase[] = [
  { rule: 'content-length', body: { content: 'x'.repeat(2001) }, path: ['content'] },
  {
    rule: 'embed-count',
    body: { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) },
    path: ['embeds'],
  },
  { rule: 'embed-title', body: { embeds: [{ title: 't'.repeat(257) }] }, path: ['embeds', 0, 'title'] },
  {
    rule: 'embed-description',
    body: { embeds: [{ description: 'd'.repeat(4097) }] },
    path: ['embeds', 0, 'description'],
  },
  {
    rule: 'embed-fields',
    body: { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
    path: ['embeds', 0, 'fields'],
  },
  {
    rule: 'embed-field-name',
    body: { embeds: [{ fields: [{ name: 'n'.repeat(257), value: 'v' }] }] },
    path: ['embeds', 0, 'fields', 0, 'name'],
  },
  {
    rule: 'embed-field-value',
    body: { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] },
    path: ['embeds', 0, 'fields', 0, 'value'],
  },
  {
    rule: 'embed-footer',
    body: { embeds: [{ footer: { text: 'f'.repeat(2049) } }] },
    path: ['embeds', 0, 'footer', 'text'],
  },
  {
    rule: 'embed-author',
    body: { embeds: [{ author: { name: 'a'.repeat(257) } }] },
    path: ['embeds', 0, 'author', 'name'],
  },
  {
    rule: 'embed-total',
    body: { embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] },
    path: ['embeds'],
  },
  {
    rule: 'component-rows',
    body: { content: 'c', components: Array.from({ length: 6 }, (_, index) => row(button(`b${index}`))) },
    path: ['components'],
  },
  {
    rule: 'component-row-size',
    body: {
      content: 'c',
      components: [row(...Array.from({ length: 6 }, (_, index) => button(`b${index}`)))],
    },
    path: ['components', 0, 'components'],
  },
  {
    rule: 'component-type',
    body: { content: 'c', components: [button('top-level')] },
    path: ['components', 0, 'type'],
  },
  {
    rule: 'custom-id-length',
    body: { content: 'c', components: [row(button('i'.repeat(101)))] },
    path: ['components', 0, 'components', 0, 'custom_id'],
  },
  {
    rule: 'custom-id-duplicate',
    body: { content: 'c', components: [row(button('same')), row(button('same'))] },
    path: ['components', 1, 'components', 0, 'custom_id'],
  },
  {
    rule: 'button-label',
    body: { content: 'c', components: [row(button('b', { label: 'l'.repeat(81) }))] },
    path: ['components', 0, 'components', 0, 'label'],
  },
  {
    rule: 'button-style',
    body: {
      content: 'c',
      components: [row({ type: 2, style: 5, label: 'Docs', url: 'https://example.com', custom_id: 'x' })],
    },
    path: ['components', 0, 'components', 0, 'custom_id'],
  },
  {
    rule: 'select-options',
    body: {
      content: 'c',
      components: [
        row({ type: 3, custom_id: 'pick', options: Array.from({ length: 26 }, (_, index) => option(index)) }),
      ],
    },
    path: ['components', 0, 'components', 0, 'options'],
  },
  {
    rule: 'select-option-text',
    body: {
      content: 'c',
      components: [row({ type: 3, custom_id: 'pick', options: [{ label: 'l'.repeat(101), value: 'v' }] })],
    },
    path: ['components', 0, 'components', 0, 'options', 0, 'label'],
  },
  {
    rule: 'attachment-count',
    body: { content: 'c', attachments: Array.from({ length: 11 }, (_, index) => ({ id: String(index) })) },
    path: ['attachments'],
  },
];

describe('message rules on POST /channels/:channel/messages', () => {
  let sim: Simulator;
  const post = (body: Record<string, unknown>) =>
    api(sim, 'POST', `/channels/${sim.channel.id}/messages`, { ...SAFE, ...body });

  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(async () => {
    await sim.stop();
  });
  beforeEach(() => {
    sim.clearViolations();
  });

  it.each(cases)(
    '$rule: answers 400 Invalid Form Body and records the violation',
    async ({ rule, body, path }) => {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
      let node = response.body.errors;
      for (const key of path) node = node?.[String(key)];
      expect(
        node?._errors?.length,
        `errors at ${path.join('.')}: ${JSON.stringify(response.body.errors)}`,
      ).toBeGreaterThan(0);
      expect(sim.violations()).toEqual([
        expect.objectContaining({
          route: 'POST /channels/:channel/messages',
          rule,
          detail: expect.any(String),
        }),
      ]);
    },
  );

  it('accepts content, embeds and components exactly at the limits', async () => {
    const response = await post({
      content: 'x'.repeat(2000),
      embeds: [
        {
          title: 't'.repeat(256),
          description: 'd'.repeat(1000),
          fields: Array.from({ length: 25 }, () => ({ name: 'n'.repeat(10), value: 'v'.repeat(100) })),
          footer: { text: 'f'.repeat(100) },
          author: { name: 'a'.repeat(256) },
        },
      ],
      components: [
        ...Array.from({ length: 4 }, (_, rowIndex) =>
          row(
            ...Array.from({ length: 5 }, (_, index) =>
              button(`b${rowIndex}-${index}`, { label: 'l'.repeat(80) }),
            ),
          ),
        ),
        row({ type: 3, custom_id: 'pick', options: Array.from({ length: 25 }, (_, index) => option(index)) }),
      ],
    });
    expect(response.status).toBe(200);
    expect(sim.violations()).toEqual([]);
  });

  it('empty-message: answers 50006 for a message with nothing to show', async () => {
    const response = await post({ content: '   ' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 50006, message: 'Cannot send an empty message' });
    expect(sim.violations().map((violation) => violation.rule)).toEqual(['empty-message']);
  });

  it('stores the bot message with its reference and allowed_mentions, visible in the channel', async () => {
    const user = sim.postMessage('question?');
    const response = await post({ content: 'answer', message_reference: { message_id: user.id } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      content: 'answer',
      author: { id: sim.botUser.id },
      message_reference: { message_id: user.id },
      referenced_message: { id: user.id },
      type: 19,
    });
    const stored = sim.channelMessages().find((message) => message.messageId === response.body.id);
    expect(stored).toMatchObject({ content: 'answer', replyTo: user.id });
    expect(stored?.raw).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(sim.violations()).toEqual([]);
  });

  it('message-reference: rejects a reply to an unknown message unless fail_if_not_exists is false', async () => {
    const unknown = { content: 'a', message_reference: { message_id: '123456789012345678' } };
    expect((await post(unknown)).status).toBe(400);
    expect(sim.violations().map((violation) => violation.rule)).toEqual(['message-reference']);
    const lenient = {
      ...unknown,
      message_reference: { ...unknown.message_reference, fail_if_not_exists: false },
    };
    expect((await post(lenient)).status).toBe(200);
  });

  describe('may-ping (project rule: recorded, not rejected)', () => {
    it.each([
      ['allowed_mentions is missing', { content: 'hi', allowed_mentions: undefined }],
      ['parse is not empty', { content: 'hi', allowed_mentions: { parse: ['users'] } }],
      ['roles are listed', { content: 'hi', allowed_mentions: { parse: [], roles: ['123456789012345678'] } }],
    ])('records a message whose %s', async (_, body) => {
      const response = await post(body);
      expect(response.status).toBe(200);
      expect(sim.violations()).toEqual([
        expect.objectContaining({ rule: 'may-ping', route: 'POST /channels/:channel/messages' }),
      ]);
    });

    it('accepts a ping of users named on purpose, and shows who was pinged', async () => {
      const content = `<@${sim.user.id}> and <@${sim.otherUser.id}> @everyone`;
      const response = await post({ content, allowed_mentions: { parse: [], users: [sim.user.id] } });
      expect(response.status).toBe(200);
      expect(sim.violations()).toEqual([]);
      expect(sim.message(response.body.id)?.pings).toEqual({
        users: [sim.user.id],
        roles: [],
        everyone: false,
      });
    });

    it('a reply with replied_user: true pings its author only', async () => {
      const user = sim.postMessage(`hello <@${sim.otherUser.id}>`);
      const body = {
        content: `hi <@${sim.otherUser.id}>`,
        message_reference: { message_id: user.id },
        allowed_mentions: { parse: [], replied_user: true },
      };
      const response = await post(body);
      expect(response.status).toBe(200);
      expect(sim.violations()).toEqual([]);
      expect(sim.message(response.body.id)?.pings).toEqual({
        users: [sim.user.id],
        roles: [],
        everyone: false,
      });
    });

    it('without allowed_mentions a reply pings its author and every mention; with it, replied_user defaults off', async () => {
      const user = sim.postMessage('hello');
      const bare = await post({
        content: `<@${sim.otherUser.id}> @everyone`,
        message_reference: { message_id: user.id },
        allowed_mentions: undefined,
      });
      expect(sim.message(bare.body.id)?.pings).toEqual({
        users: [sim.otherUser.id, sim.user.id],
        roles: [],
        everyone: true,
      });
      const quiet = await post({ content: 'hi', message_reference: { message_id: user.id } });
      expect(sim.message(quiet.body.id)?.pings).toEqual({ users: [], roles: [], everyone: false });
    });

    it('an escaped mention is plain text and pings nobody', async () => {
      const response = await post({
        content: `\\<\\@${sim.user.id}\\> \\@everyone`,
        allowed_mentions: undefined,
      });
      expect(sim.message(response.body.id)?.pings).toEqual({ users: [], roles: [], everyone: false });
    });

    it('accepts allowed_mentions with parse []', async () => {
      expect((await post({ content: `hi <@${sim.user.id}>` })).status).toBe(200);
      expect(sim.violations()).toEqual([]);
    });
  });

  it('edits: validates PATCH bodies and refuses to edit another author’s message', async () => {
    const created = await post({ content: 'first' });
    const path = `/channels/${sim.channel.id}/messages/${created.body.id}`;
    expect((await api(sim, 'PATCH', path, { content: 'x'.repeat(2001) })).status).toBe(400);
    const edited = await api(sim, 'PATCH', path, { content: 'second' });
    expect(edited.body).toMatchObject({ content: 'second', edited_timestamp: expect.any(String) });
    const user = sim.postMessage('mine');
    const forbidden = await api(sim, 'PATCH', `/channels/${sim.channel.id}/messages/${user.id}`, {
      content: 'no',
    });
    expect(forbidden.body).toEqual({
      code: 50005,
      message: 'Cannot edit a message authored by another user',
    });
  });
});
