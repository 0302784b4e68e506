import type { APIEmbed } from 'discord.js';

/** What the simulator shows a user, reduced to what the terminal needs. */
export interface ViewLike {
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  ephemeral: boolean;
}

interface ComponentLike {
  type: number;
  label?: string;
  placeholder?: string;
  options?: { label: string }[];
  disabled?: boolean;
}

const WIDTH = 92;

/** Renders a bot message the way Discord shows it: content, embeds (bar on the left), buttons and menus. */
export function renderView(view: ViewLike, color = process.stdout.isTTY === true): string {
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[0m` : s);
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const lines: string[] = [];
  lines.push(dim(`Oxytocin Bot${view.ephemeral ? ' · only you can see this' : ''}`));
  if (view.content) lines.push(...wrap(plain(view.content), WIDTH));
  for (const embed of view.embeds) {
    const bar = color ? `\x1b[38;2;${rgb(embed.color)}m▌\x1b[0m ` : '| ';
    const body: string[] = [];
    if (embed.title) body.push(bold(embed.title));
    if (embed.description) body.push(...wrap(plain(embed.description), WIDTH - 2));
    for (const field of embed.fields ?? []) {
      body.push('', bold(field.name), ...wrap(plain(field.value), WIDTH - 2));
    }
    if (embed.footer?.text) body.push('', dim(embed.footer.text));
    lines.push(...body.map((l) => bar + l));
  }
  const rows = (view.components as { components?: ComponentLike[] }[]).map((row) =>
    (row.components ?? [])
      .map((c) =>
        c.type === 2
          ? `[ ${c.label ?? ''} ]${c.disabled ? dim(' (disabled)') : ''}`
          : `▾ ${c.placeholder ?? 'Choose'}: ${(c.options ?? [])
              .map((o) => o.label)
              .slice(0, 3)
              .join(' | ')}${(c.options?.length ?? 0) > 3 ? ' | …' : ''}`,
      )
      .join('  '),
  );
  for (const row of rows) if (row) lines.push(...wrap(row, WIDTH));
  return lines.join('\n');
}

/** Discord markdown to terminal text: links show their URL, emphasis markers go. */
function plain(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, '$1 <$2>')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|\s)\*([^*]+)\*/g, '$1$2')
    .replace(/^-# /gm, ''); // subtext: Discord shows the line small
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + word.length + 1 > width) {
        out.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    out.push(line);
  }
  return out;
}

function rgb(color: number | undefined): string {
  const c = color ?? 0x7f8c9a;
  return `${(c >> 16) & 255};${(c >> 8) & 255};${c & 255}`;
}
