import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpResult } from './errors.ts';
import type { UploadedFile } from './types.ts';

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
  /** The body was not valid JSON (Discord answers 50109). */
  invalid: boolean;
}

/** JSON bodies, and multipart bodies as discord.js sends them with files (`payload_json` + `files[n]`). */
export async function readBody(request: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [], invalid: false };
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return readMultipart(raw, type);
  try {
    return { body: JSON.parse(raw.toString('utf8')), files: [], invalid: false };
  } catch {
    return { body: undefined, files: [], invalid: true };
  }
}

async function readMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const files: UploadedFile[] = [];
  let body: unknown;
  let invalid = false;
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field !== 'payload_json') continue;
      try {
        body = JSON.parse(value);
      } catch {
        invalid = true;
      }
    } else {
      files.push({
        field,
        name: value.name,
        size: value.size,
        contentType: value.type || 'application/octet-stream',
      });
    }
  }
  return { body, files, invalid };
}

export function writeResult(response: ServerResponse, result: HttpResult): void {
  const headers: Record<string, string> = { ...result.headers };
  if (result.body === undefined) {
    response.writeHead(result.status, headers).end();
    return;
  }
  headers['Content-Type'] = 'application/json';
  response.writeHead(result.status, headers).end(JSON.stringify(result.body));
}
