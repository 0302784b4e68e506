/**
 * Custom ids of buttons and select menus. They carry everything their handler needs (no server-side state), so
 * a button keeps working after a restart. Format: `<version>:<action>[:<arg>...]`, at most 100 characters.
 */
export const CUSTOM_ID_VERSION = 'o1';

export type ComponentAction =
  | { action: 'sources'; entryId: string }
  | { action: 'share'; entryId: string }
  | { action: 'feedback'; entryId: string; helpful: boolean; confidence: number }
  | { action: 'related'; entryId: string }
  | { action: 'pick' }
  /** A "did you mean" pick that posts the answer for this user (`for:`). */
  | { action: 'pick-for'; userId: string }
  /** A "did you mean" pick that posts the answer as a reply to this message, in the menu's channel. */
  | { action: 'pick-reply'; messageId: string }
  | { action: 'category' }
  | { action: 'page'; categoryId: string; page: number }
  /** A page of the /oxytocin-admin report; `toward` keeps Previous and Next distinct on a one-page report. */
  | { action: 'report'; days: number; page: number; toward: 'p' | 'n' };

const CODES = {
  sources: 'src',
  share: 'shr',
  feedback: 'fb',
  related: 'rel',
  pick: 'pick',
  'pick-for': 'pkf',
  'pick-reply': 'pkr',
  category: 'cat',
  page: 'pg',
  report: 'arp',
} as const;

export function encodeCustomId(a: ComponentAction): string {
  const code = CODES[a.action];
  let parts: (string | number)[];
  switch (a.action) {
    case 'feedback':
      parts = [code, a.entryId, a.helpful ? 'y' : 'n', Math.round(a.confidence * 100)];
      break;
    case 'page':
      parts = [code, a.categoryId, a.page];
      break;
    case 'report':
      parts = [code, a.days, Math.max(0, a.page), a.toward];
      break;
    case 'sources':
    case 'share':
    case 'related':
      parts = [code, a.entryId];
      break;
    case 'pick-for':
      parts = [code, a.userId];
      break;
    case 'pick-reply':
      parts = [code, a.messageId];
      break;
    default:
      parts = [code];
  }
  const id = [CUSTOM_ID_VERSION, ...parts].join(':');
  return id.slice(0, 100);
}

/** Parses a custom id of ours; undefined for anything else (another version, another bot's, garbage). */
export function decodeCustomId(customId: string): ComponentAction | undefined {
  const [version, code, ...args] = customId.split(':');
  if (version !== CUSTOM_ID_VERSION) return undefined;
  const [a0 = '', a1 = '', a2 = ''] = args;
  switch (code) {
    case 'src':
      return a0 ? { action: 'sources', entryId: a0 } : undefined;
    case 'shr':
      return a0 ? { action: 'share', entryId: a0 } : undefined;
    case 'rel':
      return a0 ? { action: 'related', entryId: a0 } : undefined;
    case 'fb':
      return a0 && (a1 === 'y' || a1 === 'n')
        ? { action: 'feedback', entryId: a0, helpful: a1 === 'y', confidence: clamp01(Number(a2) / 100) }
        : undefined;
    case 'pick':
      return { action: 'pick' };
    case 'pkf':
      return SNOWFLAKE.test(a0) ? { action: 'pick-for', userId: a0 } : undefined;
    case 'pkr':
      return SNOWFLAKE.test(a0) ? { action: 'pick-reply', messageId: a0 } : undefined;
    case 'cat':
      return { action: 'category' };
    case 'pg':
      return a0 && /^\d+$/.test(a1) ? { action: 'page', categoryId: a0, page: Number(a1) } : undefined;
    case 'arp':
      return /^\d{1,3}$/.test(a0) && /^\d{1,5}$/.test(a1) && (a2 === 'p' || a2 === 'n')
        ? { action: 'report', days: Number(a0), page: Number(a1), toward: a2 }
        : undefined;
    default:
      return undefined;
  }
}

const SNOWFLAKE = /^\d{17,20}$/;

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0;
}
