import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { tenderQuestions } from '../../db/schema/procurement';
import { tenderPath } from './notices.server';
import { mayAnswerQuestion, questionsOpen } from './permissions';
import { requireTender, type Tender } from './tenders.server';
import { notFound, requireOrgMember, requireUnionRole, type Viewer } from '~/accounts/auth.server';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { enforce } from '~/lib/permission';
import { notify } from '~/notifications/notify.server';
import { staffWithRole } from '~/unions/unions.server';
import './audit-subjects.server';

/** An organization asks during the question period; nobody but its own members sees who asked. */
export function askQuestion(viewer: Viewer, tenderId: number, organizationId: number, question: string) {
  requireOrgMember(viewer, organizationId);
  const tender = requireTender(tenderId);
  if (!questionsOpen(tender, now())) throw new UserError('procurement.errors.questionsClosed', 409);
  transaction((tx) => {
    const row = tx
      .insert(tenderQuestions)
      .values({ tenderId, organizationId, askedBy: viewer.id, question, createdAt: now() })
      .returning()
      .get();
    audit(tx, {
      actorId: viewer.id,
      action: 'question.ask',
      subjectType: 'tender',
      subjectId: tenderId,
      data: { questionId: row.id },
    });
    for (const userId of staffWithRole(tx, tender.unionId, 'commissioner'))
      notify(
        tx,
        userId,
        'question_asked',
        { title: tender.title, path: `/tenders/${tenderId}/manage` },
        { sealedTenderId: tenderId },
      );
  });
}

/** The answer is published to everyone, with the question but without the asker. */
export function answerQuestion(viewer: Viewer, tenderId: number, questionId: number, answer: string) {
  const tender = requireTender(tenderId);
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  const question = db
    .select()
    .from(tenderQuestions)
    .where(and(eq(tenderQuestions.id, questionId), eq(tenderQuestions.tenderId, tenderId)))
    .get();
  if (!question) notFound();
  enforce(mayAnswerQuestion(viewer, tender));
  transaction((tx) => {
    tx.update(tenderQuestions)
      .set({ answer, answeredAt: now(), answeredBy: viewer.id })
      .where(eq(tenderQuestions.id, questionId))
      .run();
    audit(tx, {
      actorId: viewer.id,
      action: 'question.answer',
      subjectType: 'tender',
      subjectId: tenderId,
      data: { questionId },
    });
    if (question.askedBy)
      notify(
        tx,
        question.askedBy,
        'question_answered',
        { title: tender.title, path: tenderPath(tenderId) },
        { sealedTenderId: tenderId },
      );
  });
}

/** Published answers, for everyone: no organization, no person. */
export function publishedAnswers(tenderId: number) {
  return db
    .select({
      id: tenderQuestions.id,
      question: tenderQuestions.question,
      answer: tenderQuestions.answer,
      answeredAt: tenderQuestions.answeredAt,
    })
    .from(tenderQuestions)
    .where(and(eq(tenderQuestions.tenderId, tenderId), isNotNull(tenderQuestions.answer)))
    .orderBy(asc(tenderQuestions.answeredAt))
    .all();
}

/** Questions still waiting, for the commissioner to answer: the asker is not shown to them either. */
export function unansweredQuestions(viewer: Viewer, tender: Tender) {
  requireUnionRole(viewer, tender.unionId, ['commissioner']);
  return db
    .select({ id: tenderQuestions.id, question: tenderQuestions.question, createdAt: tenderQuestions.createdAt })
    .from(tenderQuestions)
    .where(and(eq(tenderQuestions.tenderId, tender.id), isNull(tenderQuestions.answer)))
    .orderBy(asc(tenderQuestions.id))
    .all();
}

/** The organization's own questions, answered or not. */
export function ownQuestions(viewer: Viewer, tenderId: number, organizationId: number) {
  requireOrgMember(viewer, organizationId);
  return db
    .select({ id: tenderQuestions.id, question: tenderQuestions.question, answer: tenderQuestions.answer })
    .from(tenderQuestions)
    .where(and(eq(tenderQuestions.tenderId, tenderId), eq(tenderQuestions.organizationId, organizationId)))
    .orderBy(asc(tenderQuestions.id))
    .all();
}
