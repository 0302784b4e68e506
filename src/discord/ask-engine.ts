import type { AskResult } from '../engine/types.ts';
import type { QuestionSource } from '../store/types.ts';
import type { BotContext } from './context.ts';

/** Asks the engine and logs the outcome (never the user): the one place every Discord entry point asks. */
export function askEngine(ctx: BotContext, question: string, source: QuestionSource): AskResult {
  const result = ctx.engine.ask(question);
  ctx.logger.info(
    {
      event: 'ask',
      source,
      status: result.status,
      entryId: result.answer?.id,
      confidence: result.confidence,
    },
    'question answered',
  );
  return result;
}
