import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/index.ts';
import { api, callback, RawBot, registerCommands, startTestSim } from './helpers.ts';

const COMMANDS = [
  {
    name: 'oxytocin',
    description: 'Ask about oxytocin',
    options: [
      {
        type: 1,
        name: 'ask',
        description: 'Ask a question',
        options: [
          { type: 3, name: 'question', description: 'The question', required: true },
          { type: 3, name: 'topic', description: 'A topic', autocomplete: true },
          { type: 4, name: 'depth', description: 'How deep', min_value: 1, max_value: 3 },
        ],
      },
    ],
  },
  { name: 'ping', description: 'Ping' },
  { type: 3, name: 'Explain' },
];

const CALLBACK_ROUTE = 'POST /interactions/:interaction/:token/callback';

async function setup(
  options: Parameters<typeof startTestSim>[0] = {},
): Promise<{ sim: Simulator; bot: RawBot }> {
  const sim = await startTestSim({ ackDeadlineMs: 1000, responseTimeoutMs: 2000, ...options });
  await registerCommands(sim, COMMANDS);
  const bot = await RawBot.connect(sim);
  return { sim, bot };
}

describe('interactions', () => {
  let sim: Simulator;
  let bot: RawBot;

  beforeAll(async () => {
    ({ sim, bot } = await setup());
  });
  afterAll(async () => {
    bot.close();
    await sim.stop();
  });
  beforeEach(() => sim.clearViolations());
  afterEach(() => expect(sim.violations()).toEqual([]));

  it('sends a complete INTERACTION_CREATE and shows the reply and its follow-ups', async () => {
    const pending = sim.slash('oxytocin', 'ask', { question: 'What is it?', depth: 2 });
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    expect(d).toMatchObject({
      type: 2,
      application_id: sim.applicationId,
      token: expect.any(String),
      guild_id: sim.guild.id,
      channel: { id: sim.channel.id, type: 0 },
      member: { user: { id: sim.user.id } },
      entitlements: [],
      app_permissions: expect.any(String),
      authorizing_integration_owners: { 0: sim.guild.id },
      data: {
        name: 'oxytocin',
        type: 1,
        guild_id: sim.guild.id,
        options: [
          {
            name: 'ask',
            type: 1,
            options: [
              { name: 'question', type: 3, value: 'What is it?' },
              { name: 'depth', type: 4, value: 2 },
            ],
          },
        ],
      },
    });
    expect((await callback(sim, d, { type: 4, data: { content: 'A hormone.' } })).status).toBe(204);
    const followUp = await api(
      sim,
      'POST',
      `/webhooks/${sim.applicationId}/${d.token}?wait=true`,
      { content: 'More.', flags: 64 },
      { auth: false },
    );
    expect(followUp.body).toMatchObject({ content: 'More.', flags: 64, webhook_id: sim.applicationId });

    const result = await pending;
    expect(result).toMatchObject({ type: 'reply', content: 'A hormone.', ephemeral: false, timedOut: false });
    expect(result.followUps).toEqual([expect.objectContaining({ content: 'More.', ephemeral: true })]);
    expect(result.raw.message).toMatchObject({
      type: 20,
      interaction_metadata: { id: d.id, user: { id: sim.user.id } },
    });
  });

  it('content-length: a callback over 2000 characters is refused (data.content), then a valid one works', async () => {
    const pending = sim.slash('ping');
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    const refused = await callback(sim, d, { type: 4, data: { content: 'x'.repeat(2001) } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.data.content._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    expect(sim.violations()).toEqual([
      expect.objectContaining({ route: CALLBACK_ROUTE, rule: 'content-length' }),
    ]);
    sim.clearViolations();
    expect((await callback(sim, d, { type: 4, data: { content: 'ok' } })).status).toBe(204);
    expect((await pending).content).toBe('ok');
  });

  it('ack-twice: a second acknowledgement fails with 40060', async () => {
    const pending = sim.slash('ping');
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    await callback(sim, d, { type: 4, data: { content: 'one' } });
    const second = await callback(sim, d, { type: 4, data: { content: 'two' } });
    expect(second.status).toBe(400);
    expect(second.body).toEqual({ code: 40060, message: 'Interaction has already been acknowledged.' });
    expect(sim.violations()).toEqual([expect.objectContaining({ route: CALLBACK_ROUTE, rule: 'ack-twice' })]);
    sim.clearViolations();
    expect((await pending).content).toBe('one');
  });

  it('response-type: a response type that does not fit the interaction is refused', async () => {
    const pending = sim.slash('ping');
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    for (const type of [8, 7, 6, 1]) {
      const refused = await callback(sim, d, { type, data: { choices: [] } });
      expect(refused.status, `type ${type}`).toBe(400);
    }
    expect(sim.violations().map((violation) => violation.rule)).toEqual(Array(4).fill('response-type'));
    sim.clearViolations();
    await callback(sim, d, { type: 4, data: { content: 'fine' } });
    await pending;
  });

  it('waits for a deferred reply to be edited through %40original, and serves GET @original', async () => {
    const pending = sim.slash('ping');
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    const deferred = await callback(sim, d, { type: 5, data: { flags: 64 } }, '?with_response=true');
    expect(deferred.body).toMatchObject({
      interaction: { id: d.id, response_message_loading: true, response_message_ephemeral: true },
      resource: { type: 5, message: { flags: 64 | 128 } },
    });
    const original = `/webhooks/${sim.applicationId}/${d.token}/messages/%40original`;
    await new Promise((resolve) => setTimeout(resolve, 60));
    const edit = await api(sim, 'PATCH', original, { content: 'Thought about it.' }, { auth: false });
    expect(edit.body).toMatchObject({ content: 'Thought about it.', flags: 64 });
    expect((await api(sim, 'GET', original, undefined, { auth: false })).body.content).toBe(
      'Thought about it.',
    );
    expect(await pending).toMatchObject({
      type: 'deferred-reply',
      content: 'Thought about it.',
      ephemeral: true,
    });
  });

  it('turns the first follow-up after a deferral into the reply', async () => {
    const pending = sim.slash('ping');
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    await callback(sim, d, { type: 5 });
    const first = await api(
      sim,
      'POST',
      `/webhooks/${sim.applicationId}/${d.token}?wait=true`,
      { content: 'first' },
      { auth: false },
    );
    await api(
      sim,
      'POST',
      `/webhooks/${sim.applicationId}/${d.token}?wait=true`,
      { content: 'second' },
      { auth: false },
    );
    const result = await pending;
    expect(result).toMatchObject({ type: 'deferred-reply', content: 'first', messageId: first.body.id });
    expect(result.followUps.map((message) => message.content)).toEqual(['second']);
  });

  it('shows a modal', async () => {
    const pending = sim.slash('ping');
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    const modal = {
      custom_id: 'feedback',
      title: 'Feedback',
      components: [
        { type: 1, components: [{ type: 4, custom_id: 'text', label: 'Your feedback', style: 2 }] },
      ],
    };
    expect((await callback(sim, d, { type: 9, data: modal })).status).toBe(204);
    const shown = await pending;
    expect(shown).toMatchObject({ type: 'modal', modal, messageId: null });

    await expect(sim.submitModal(shown, {})).rejects.toThrow(/text is required/);
    const submitting = sim.submitModal(shown, { text: 'Lovely' });
    const submit = (await bot.waitFor('INTERACTION_CREATE')).d;
    expect(submit).toMatchObject({
      type: 5,
      member: { user: { id: sim.user.id } },
      data: {
        custom_id: 'feedback',
        components: [{ type: 1, components: [{ type: 4, custom_id: 'text', value: 'Lovely' }] }],
      },
    });
    await callback(sim, submit, { type: 4, data: { content: 'Thanks!', flags: 64 } });
    expect(await submitting).toMatchObject({ type: 'reply', content: 'Thanks!', ephemeral: true });
  });

  it('works in DMs with global commands only', async () => {
    await expect(sim.slash('ping', null, {}, { dm: true })).rejects.toThrow(/globally/);
    await registerCommands(sim, [{ name: 'help', description: 'Help' }], null);
    const pending = sim.slash('help', null, {}, { dm: true });
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    expect(d).toMatchObject({
      user: { id: sim.user.id },
      channel: { type: 1, recipients: [{ id: sim.user.id }] },
      context: 1,
    });
    expect(d.guild_id).toBeUndefined();
    expect(d.member).toBeUndefined();
    await callback(sim, d, { type: 4, data: { content: 'Here to help.' } });
    expect(await pending).toMatchObject({ type: 'reply', content: 'Here to help.' });
    expect((await pending).raw.message?.channel_id).toBe(sim.dmChannel().id);
  });

  it('modal: an invalid modal is refused', async () => {
    const pending = sim.slash('ping');
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    const refused = await callback(sim, d, {
      type: 9,
      data: { custom_id: 'm', title: 't'.repeat(46), components: [] },
    });
    expect(refused.status).toBe(400);
    expect(sim.violations().map((violation) => violation.rule)).toEqual(['modal', 'modal']);
    sim.clearViolations();
    await callback(sim, d, { type: 4, data: { content: 'ok' } });
    await pending;
  });

  it('clicks a button on an ephemeral reply, sending the message as it was sent, and shows the update', async () => {
    const pending = sim.slash('ping');
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    const button = { type: 2, style: 1, label: 'More', custom_id: 'more' };
    await callback(sim, d, {
      type: 4,
      data: { content: 'Pick', flags: 64, components: [{ type: 1, components: [button] }] },
    });
    const reply = await pending;
    await expect(sim.clickButton(reply, 'more', { user: sim.otherUser })).rejects.toThrow(/ephemeral/);
    await expect(sim.clickButton(reply, 'missing')).rejects.toThrow(/no component with custom_id "missing"/);

    const clicking = sim.clickButton(reply, 'more');
    const click = (await bot.waitFor('INTERACTION_CREATE')).d;
    expect(click).toMatchObject({
      type: 3,
      data: { custom_id: 'more', component_type: 2 },
      message: {
        id: reply.messageId,
        flags: 64,
        interaction_metadata: { id: d.id, type: 2 },
        components: [{ type: 1 }],
      },
    });
    await callback(sim, click, { type: 7, data: { content: 'More!', components: [] } });
    expect(await clicking).toMatchObject({
      type: 'update',
      messageId: reply.messageId,
      content: 'More!',
      ephemeral: true,
    });
  });

  it('chooses select options, refusing values the menu does not offer', async () => {
    const pending = sim.slash('ping');
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    const select = {
      type: 3,
      custom_id: 'lang',
      options: [
        { label: 'English', value: 'en' },
        { label: 'French', value: 'fr' },
      ],
    };
    await callback(sim, d, {
      type: 4,
      data: { content: 'Language?', components: [{ type: 1, components: [select] }] },
    });
    const reply = await pending;
    await expect(sim.chooseOption(reply, 'lang', ['de'])).rejects.toThrow(/no option/);

    const choosing = sim.chooseOption(reply, 'lang', ['fr']);
    const choice = (await bot.waitFor('INTERACTION_CREATE')).d;
    expect(choice.data).toEqual({ custom_id: 'lang', component_type: 3, values: ['fr'] });
    await callback(sim, choice, { type: 6 });
    await api(
      sim,
      'PATCH',
      `/webhooks/${sim.applicationId}/${choice.token}/messages/@original`,
      { content: 'Français' },
      { auth: false },
    );
    expect(await choosing).toMatchObject({
      type: 'deferred-update',
      messageId: reply.messageId,
      content: 'Français',
    });
  });

  it('runs a message context menu on a user message', async () => {
    const target = sim.postMessage('What does oxytocin do?');
    const pending = sim.messageContextMenu('Explain', target);
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    expect(d.data).toMatchObject({
      type: 3,
      name: 'Explain',
      target_id: target.id,
      resolved: { messages: { [target.id]: { content: 'What does oxytocin do?' } } },
    });
    await callback(sim, d, { type: 4, data: { content: 'It is a hormone.' } });
    expect((await pending).raw.message?.type).toBe(23);
  });

  it('refuses invocations a Discord user could not make', async () => {
    await expect(sim.slash('nope')).rejects.toThrow(/not registered/);
    await expect(sim.slash('oxytocin', 'ask', {})).rejects.toThrow(/missing required option\(s\): question/);
    await expect(sim.slash('oxytocin', 'ask', { question: 'q', colour: 'red' })).rejects.toThrow(
      /no option "colour"/,
    );
    await expect(sim.slash('oxytocin', 'ask', { question: 'q', depth: 9 })).rejects.toThrow(/1\.\.3/);
    await expect(sim.slash('oxytocin', null)).rejects.toThrow(/needs a subcommand/);
  });

  describe('autocomplete', () => {
    const choices = (
      count: number,
      make = (index: number) => ({ name: `n${index}`, value: `v${index}` }),
    ) => ({
      type: 8,
      data: { choices: Array.from({ length: count }, (_, index) => make(index)) },
    });

    it('sends the focused option and shows the choices', async () => {
      const pending = sim.autocomplete('oxytocin', 'ask', 'topic', 'bond', { question: 'q' });
      const { d } = await bot.waitFor('INTERACTION_CREATE');
      expect(d.type).toBe(4);
      expect(d.data.options[0].options).toEqual([
        { name: 'question', type: 3, value: 'q' },
        { name: 'topic', type: 3, value: 'bond', focused: true },
      ]);
      await callback(sim, d, choices(25));
      const result = await pending;
      expect(result.responded).toBe(true);
      expect(result.choices).toHaveLength(25);
    });

    it.each([
      ['autocomplete-choices', choices(26)],
      ['autocomplete-choice-name', choices(1, () => ({ name: 'n'.repeat(101), value: 'v' }))],
      ['autocomplete-choice-value', choices(1, () => ({ name: 'n', value: '' }))],
      ['autocomplete-choice-value', choices(1, () => ({ name: 'n', value: 'v'.repeat(101) }))],
      ['autocomplete-deferred', { type: 5 }],
    ])('%s: refused with 400 and recorded', async (rule, body) => {
      const pending = sim.autocomplete('oxytocin', 'ask', 'topic', 'b');
      const { d } = await bot.waitFor('INTERACTION_CREATE');
      const refused = await callback(sim, d, body);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe(50035);
      expect(sim.violations()).toEqual([expect.objectContaining({ route: CALLBACK_ROUTE, rule })]);
      sim.clearViolations();
      await callback(sim, d, choices(0));
      expect((await pending).choices).toEqual([]);
    });
  });
});

describe('interaction deadlines', () => {
  let sim: Simulator;
  let bot: RawBot;

  beforeAll(async () => {
    ({ sim, bot } = await setup({ ackDeadlineMs: 150, tokenLifetimeMs: 250, responseTimeoutMs: 350 }));
  });
  afterAll(async () => {
    bot.close();
    await sim.stop();
  });
  beforeEach(() => sim.clearViolations());

  it('ack-late: the user sees no response after the deadline, and a late callback fails with 10062', async () => {
    const pending = sim.slash('ping');
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    const result = await pending;
    expect(result).toMatchObject({ type: 'none', messageId: null, timedOut: false });
    const late = await callback(sim, d, { type: 4, data: { content: 'too late' } });
    expect(late.status).toBe(404);
    expect(late.body).toEqual({ code: 10062, message: 'Unknown interaction' });
    expect(sim.violations()).toEqual([expect.objectContaining({ route: CALLBACK_ROUTE, rule: 'ack-late' })]);
  });

  it('token-expired: follow-ups and edits fail with 50027 once the token has expired', async () => {
    const pending = sim.slash('ping');
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    await callback(sim, d, { type: 5 });
    const result = await pending;
    expect(result).toMatchObject({ type: 'deferred-reply', content: '', timedOut: true });
    // The wait ended at responseTimeoutMs (350 ms), past the token lifetime (250 ms).
    const base = `/webhooks/${sim.applicationId}/${d.token}`;
    const followUp = await api(sim, 'POST', base, { content: 'finally' }, { auth: false });
    expect(followUp.status).toBe(401);
    expect(followUp.body).toEqual({ code: 50027, message: 'Invalid Webhook Token' });
    const edit = await api(
      sim,
      'PATCH',
      `${base}/messages/@original`,
      { content: 'finally' },
      { auth: false },
    );
    expect(edit.status).toBe(401);
    expect(sim.violations().map((violation) => [violation.route, violation.rule])).toEqual([
      ['POST /webhooks/:application/:token', 'token-expired'],
      ['PATCH /webhooks/:application/:token/messages/:message', 'token-expired'],
    ]);
  });

  it('unknown-interaction: a callback for an unknown interaction fails with 10062', async () => {
    const response = await callback(
      sim,
      { id: '123456789012345678', token: 'nope' },
      { type: 4, data: { content: 'x' } },
    );
    expect(response.status).toBe(404);
    expect(sim.violations().map((violation) => violation.rule)).toEqual(['unknown-interaction']);
  });
});
