import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../commands/services.js';
import { fromZod, NotFoundError, ValidationError } from '../../platform/errors.js';
import { requireRole } from '../auth/actor.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const correctionBody = z
  .object({
    sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
    intent: z
      .enum([
        'complaint',
        'question',
        'praise',
        'thanks',
        'purchase_intent',
        'feature_request',
        'churn_risk',
        'other',
      ])
      .optional(),
    complaintType: z.string().trim().min(1).max(60).optional(),
  })
  .strict();

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw fromZod(r.error, what);
  return r.data;
}

/**
 * Triage corrections and model info: every correction an agent makes is stored as a training example
 * and folded into the workspace model at once.
 */
export function registerTriageRoutes(app: FastifyInstance, services: Services) {
  const db = services.db.kysely;

  app.post('/api/v1/messages/:id/triage', async (request) => {
    const actor = requireRole(request, 'agent');
    const { id } = parse(idParams, request.params, 'path');
    const body = parse(correctionBody, request.body ?? {}, 'body');
    if (!body.sentiment && !body.intent && !body.complaintType) {
      throw new ValidationError('give at least one of sentiment, intent, complaintType');
    }
    const message = await db
      .selectFrom('messages')
      .select(['id', 'text', 'sentiment', 'sentiment_score', 'intent', 'priority', 'triage_json'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!message) throw new NotFoundError(`message ${id}`);
    const now = services.clock.now();
    const userId = actor.userId;
    const fields: ['sentiment' | 'intent' | 'complaintType', string | undefined][] = [
      ['sentiment', body.sentiment],
      ['intent', body.intent],
      ['complaintType', body.complaintType],
    ];
    for (const [field, label] of fields) {
      if (!label) continue;
      await services.triage.recordCorrection(
        { text: message.text, field, label, messageId: id, userId },
        now,
      );
    }
    const previous = message.triage_json ? (JSON.parse(message.triage_json) as Record<string, unknown>) : {};
    const triage: Record<string, unknown> = {
      ...previous,
      ...(body.complaintType ? { complaintType: body.complaintType } : {}),
      correctedBy: userId,
      correctedAt: now,
    };
    const sentiment = body.sentiment ?? message.sentiment;
    const sentimentScore =
      body.sentiment && body.sentiment !== message.sentiment
        ? body.sentiment === 'negative'
          ? -1
          : body.sentiment === 'positive'
            ? 1
            : 0
        : message.sentiment_score;
    await db
      .updateTable('messages')
      .set({
        sentiment,
        sentiment_score: sentimentScore,
        intent: body.intent ?? message.intent,
        triage_json: JSON.stringify(triage),
      })
      .where('id', '=', id)
      .execute();
    return {
      message: {
        id,
        sentiment,
        sentimentScore,
        intent: body.intent ?? message.intent,
        priority: message.priority,
        triage: {
          urgency: (triage.urgency as string[] | undefined) ?? [],
          complaintType: (triage.complaintType as string | null | undefined) ?? null,
          explanation: (triage.explanation as string[] | undefined) ?? [],
          model: (triage.model as string | undefined) ?? services.triage.info().name,
        },
      },
    };
  });

  app.get('/api/v1/triage/model', async (request) => {
    requireRole(request, 'viewer');
    return { model: services.triage.info() };
  });
}
