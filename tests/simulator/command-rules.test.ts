import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/index.ts';
import { commandSize } from '../../src/simulator/rules/index.ts';
import { api, startTestSim } from './helpers.ts';

const option = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 3,
  name,
  description: 'An option',
  ...extra,
});
const sub = (name: string, options: unknown[] = []) => ({
  type: 1,
  name,
  description: 'A subcommand',
  options,
});
const group = (name: string, options: unknown[]) => ({ type: 2, name, description: 'A group', options });
const command = (extra: Record<string, unknown> = {}) => ({
  name: 'oxytocin',
  description: 'Ask about oxytocin',
  ...extra,
});

interface RuleCase {
  rule: string;
  title: string;
  body: unknown[];
}

const cases: RuleCase[] = [
  { rule: 'command-name', title: 'upper-case name', body: [command({ name: 'Oxytocin' })] },
  { rule: 'command-name', title: 'space in name', body: [command({ name: 'ask me' })] },
  { rule: 'command-name', title: 'name over 32 characters', body: [command({ name: 'a'.repeat(33) })] },
  { rule: 'command-name', title: 'bad option name', body: [command({ options: [option('Question')] })] },
  {
    rule: 'command-name',
    title: 'bad localized name',
    body: [command({ name_localizations: { fr: 'Ocytocine' } })],
  },
  { rule: 'command-description', title: 'empty description', body: [command({ description: '' })] },
  {
    rule: 'command-description',
    title: 'description over 100',
    body: [command({ description: 'd'.repeat(101) })],
  },
  {
    rule: 'command-description',
    title: 'context menu with a description',
    body: [{ type: 3, name: 'Explain this', description: 'Not allowed' }],
  },
  {
    rule: 'command-options',
    title: 'more than 25 options',
    body: [command({ options: Array.from({ length: 26 }, (_, index) => option(`o${index}`)) })],
  },
  {
    rule: 'command-options',
    title: 'duplicate option names',
    body: [command({ options: [option('q'), option('q')] })],
  },
  {
    rule: 'command-option-order',
    title: 'required after optional',
    body: [command({ options: [option('a'), option('b', { required: true })] })],
  },
  {
    rule: 'command-choices',
    title: 'more than 25 choices',
    body: [
      command({
        options: [
          option('q', {
            choices: Array.from({ length: 26 }, (_, index) => ({ name: `c${index}`, value: `c${index}` })),
          }),
        ],
      }),
    ],
  },
  {
    rule: 'command-choices',
    title: 'choice name over 100',
    body: [command({ options: [option('q', { choices: [{ name: 'n'.repeat(101), value: 'v' }] })] })],
  },
  {
    rule: 'command-choices',
    title: 'choices and autocomplete together',
    body: [command({ options: [option('q', { autocomplete: true, choices: [{ name: 'a', value: 'a' }] })] })],
  },
  {
    rule: 'command-depth',
    title: 'a group inside a group',
    body: [command({ options: [group('outer', [group('inner', [sub('leaf')])])] })],
  },
  {
    rule: 'command-depth',
    title: 'a subcommand inside a subcommand',
    body: [command({ options: [sub('outer', [sub('inner')])] })],
  },
  {
    rule: 'command-depth',
    title: 'a group holding a plain option',
    body: [command({ options: [group('g', [option('q')])] })],
  },
  {
    rule: 'command-depth',
    title: 'subcommands mixed with options',
    body: [command({ options: [sub('ask'), option('q')] })],
  },
  {
    rule: 'command-size',
    title: 'more than 8000 characters',
    body: [
      command({
        options: Array.from({ length: 25 }, (_, index) =>
          option(`o${index}`, {
            description: 'd'.repeat(100),
            choices: Array.from({ length: 3 }, (_, c) => ({ name: 'n'.repeat(100), value: `${c}` })),
          }),
        ),
      }),
    ],
  },
  { rule: 'command-duplicate', title: 'two commands with one name', body: [command(), command()] },
];

describe('command registration rules', () => {
  let sim: Simulator;
  const put = (body: unknown) => api(sim, 'PUT', `/applications/${sim.applicationId}/commands`, body);

  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(async () => {
    await sim.stop();
  });
  beforeEach(() => {
    sim.clearViolations();
  });

  it.each(cases)('$rule: $title is refused with 400 and recorded', async ({ rule, body }) => {
    const response = await put(body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
    expect(Object.keys(response.body.errors)).toEqual([expect.stringMatching(/^\d+$/)]);
    expect(sim.violations().map((violation) => violation.rule)).toContain(rule);
    expect(sim.violations()[0]?.route).toBe('PUT /applications/:application/commands');
    expect(sim.commands()).toEqual([]);
  });

  it('accepts a valid set with one level of groups, unicode names and context menus, and stores it', async () => {
    const body = [
      command({
        options: [
          sub('ask', [
            option('question', { required: true, max_length: 500 }),
            option('lang', { choices: [{ name: 'English', value: 'en' }] }),
          ]),
          group('admin', [sub('reload')]),
        ],
      }),
      command({ name: 'नमस्ते', description: 'Unicode names are fine' }),
      command({ name: "l'ocytocine", description: 'So are apostrophes' }),
      { type: 3, name: 'Ask Oxytocin about this' },
    ];
    const response = await put(body);
    expect(response.status).toBe(200);
    expect(sim.violations()).toEqual([]);
    const stored = sim.commands();
    expect(stored.map((item) => item.name)).toEqual([
      'oxytocin',
      'नमस्ते',
      "l'ocytocine",
      'Ask Oxytocin about this',
    ]);
    expect(stored[0]).toMatchObject({ id: expect.any(String), application_id: sim.applicationId, type: 1 });

    const again = await put(body);
    expect(again.body.map((item: { id: string }) => item.id)).toEqual(stored.map((item) => item.id));
  });

  it('keeps guild commands apart from global ones', async () => {
    const response = await api(
      sim,
      'PUT',
      `/applications/${sim.applicationId}/guilds/${sim.guild.id}/commands`,
      [command()],
    );
    expect(response.status).toBe(200);
    expect(sim.commands(sim.guild.id)).toEqual([
      expect.objectContaining({ name: 'oxytocin', guild_id: sim.guild.id }),
    ]);
  });

  it('validates single creates too (POST)', async () => {
    const response = await api(
      sim,
      'POST',
      `/applications/${sim.applicationId}/commands`,
      command({ name: 'BAD' }),
    );
    expect(response.status).toBe(400);
    expect(sim.violations().map((violation) => violation.rule)).toEqual(['command-name']);
  });

  it('counts the size with the longest localization of each field', () => {
    const size = commandSize({
      name: 'ab',
      name_localizations: { fr: 'abcd' },
      description: 'xyz',
      options: [{ name: 'q', description: 'd' }],
    });
    expect(size).toBe(4 + 3 + 1 + 1);
  });
});
