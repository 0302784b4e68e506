import type { AskResult } from '../engine/types.ts';
import type { PickMenu, QuestionSource } from '../store/types.ts';
import type { BotContext } from './context.ts';

/**
 * Hands what happened to the recorder, after the reply has gone. Only what the issue lists is kept: never a
 * user id, user name or message id. The recorder only queues; it never throws and never waits.
 */
export function recordQuestion(
  ctx: BotContext,
  source: QuestionSource,
  guildId: string | null,
  question: string,
  result: AskResult,
): void {
  const from = ctx.transport === 'http' ? 'http' : source;
  ctx.metrics.questionAnswered(from, result.status, result.confidence);
  ctx.recorder.question(
    {
      at: new Date(),
      source: from,
      guildId,
      question,
      status: result.status,
      topEntryId: result.answer?.id ?? result.suggestions[0]?.id ?? null,
      confidence: result.confidence,
      suggestionIds: result.suggestions.map((s) => s.id),
    },
    ctx.server.recordQuestions,
  );
}

export function recordFeedback(
  ctx: BotContext,
  guildId: string | null,
  feedback: { entryId: string; helpful: boolean; confidence: number; question: string | undefined },
): void {
  ctx.metrics.feedbackGiven(feedback.helpful ? 'helpful' : 'not_helpful');
  ctx.recorder.feedback(
    {
      at: new Date(),
      guildId,
      entryId: feedback.entryId,
      helpful: feedback.helpful,
      confidence: feedback.confidence,
      question: feedback.question ?? null,
    },
    ctx.server.recordQuestions,
  );
}

export function recordPick(
  ctx: BotContext,
  guildId: string | null,
  pick: { menu: PickMenu; question: string | undefined; entryId: string },
): void {
  ctx.metrics.picked(pick.menu);
  if (!pick.question) return; // nothing to learn from a pick without the question that led to it
  ctx.recorder.pick(
    {
      at: new Date(),
      guildId,
      menu: pick.menu,
      question: pick.question,
      entryId: pick.entryId,
    },
    ctx.server.recordQuestions,
  );
}
