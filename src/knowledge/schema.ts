import { z } from 'zod';
import { EVIDENCE_LEVELS } from './types.ts';

/** Limits that keep every entry within Discord's embed, select-menu and autocomplete limits. */
export const LIMITS = {
  titleMax: 100,
  questionMin: 3,
  questionMax: 100,
  questionsMin: 3,
  trainingMin: 3,
  trainingMax: 300,
  bodyMin: 250,
  bodyMax: 1200,
  urgentMin: 20,
  urgentMax: 300,
  aboutMax: 3000,
} as const;

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const entryFrontMatterSchema = z.strictObject({
  id: z.string().regex(kebab, 'must be kebab-case (a-z, 0-9 and single hyphens)'),
  title: text(LIMITS.titleMax),
  category: z.string().min(1),
  questions: z
    .array(
      z
        .string()
        .trim()
        .min(LIMITS.questionMin, `must be at least ${LIMITS.questionMin} characters`)
        .max(LIMITS.questionMax, `must be at most ${LIMITS.questionMax} characters`),
    )
    .min(LIMITS.questionsMin, `needs at least ${LIMITS.questionsMin} alternate questions`),
  keywords: z.array(z.string().trim().min(1)).default([]),
  evidence: z.enum(EVIDENCE_LEVELS, { error: `must be one of: ${EVIDENCE_LEVELS.join(', ')}` }),
  citations: z.array(z.string().min(1)).min(1, 'needs at least one citation'),
  /** What to do now, for someone who has already taken something or has symptoms; shown above the answer. */
  urgent: z
    .string()
    .trim()
    .min(LIMITS.urgentMin, `must be at least ${LIMITS.urgentMin} characters`)
    .max(LIMITS.urgentMax, `must be at most ${LIMITS.urgentMax} characters`)
    .optional(),
  related: z.array(z.string()).default([]),
  // YAML reads an unquoted 2026-11-26 as a Date; accept both forms.
  reviewed: z.union([z.date(), z.string()]).transform((v, ctx) => {
    const iso = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(Date.parse(iso))) {
      ctx.addIssue({ code: 'custom', message: 'must be a date written YYYY-MM-DD' });
      return z.NEVER;
    }
    return iso;
  }),
});

export const referenceSchema = z.strictObject({
  authors: z.string().min(1).nullable(),
  year: z.number().int().min(1800).max(2100).nullable(),
  title: z.string().min(1),
  venue: z.string().min(1),
  volume_pages: z.string().optional(),
  doi: z
    .string()
    .regex(/^10\.\d{4,9}\/\S+$/, 'must look like 10.xxxx/yyyy')
    .optional(),
  pmid: z.coerce
    .string()
    .regex(/^\d{1,9}$/, 'must be digits')
    .optional(),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .refine(
      (u) => !isMachineUrl(u),
      'must be a page people can read, not an API endpoint or a raw JSON/XML file',
    ),
  kind: z.string().optional(),
  verified: z.string().min(1, 'must say where the DOI or PMID was checked'),
});

/** An API endpoint or a raw data file: a reader clicking the citation would get JSON or XML, not a page. */
export function isMachineUrl(url: string): boolean {
  if (!URL.canParse(url)) return false; // the url check itself reports it
  const { hostname, pathname, search } = new URL(url);
  return (
    /^api\./.test(hostname) ||
    /(^|\/)(api|services|rest|eutils)(\/|$)/i.test(pathname) ||
    /\.(json|xml)$/i.test(pathname) ||
    /[?&](format|rettype|retmode)=(json|xml)\b/i.test(search)
  );
}

export const referencesFileSchema = z.record(
  z.string().regex(/^[a-z0-9_]+$/, 'keys use a-z, 0-9 and _ only'),
  referenceSchema,
);

export const categoriesFileSchema = z.record(
  z.string().regex(kebab, 'must be kebab-case'),
  z.strictObject({ name: text(80), description: text(200) }),
);

export const synonymsFileSchema = z.array(
  z.array(z.string().trim().min(1)).min(2, 'a group needs at least two words'),
);

/** `training/<id>.yaml`: a list of phrasings the matcher learns from (up to 300 characters: stories fit). */
export const trainingFileSchema = z.array(
  z
    .string()
    .trim()
    .min(LIMITS.trainingMin, `must be at least ${LIMITS.trainingMin} characters`)
    .max(LIMITS.trainingMax, `must be at most ${LIMITS.trainingMax} characters`),
  { error: 'must be a list of phrasings, one "- ..." line each' },
);

export type EntryFrontMatter = z.infer<typeof entryFrontMatterSchema>;
