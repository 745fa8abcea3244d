// A profile's life, as pure functions: each takes the stored record and returns the next one with
// the events it causes, or throws an HttpError that says why not. No I/O, no clock (`now` is
// passed in), so the routes stay thin and the rules can be read in one place.
//
//   pending ──verify──► active ◄──pause/resume──► paused
//      │                  │                          │
//      └──────────────────┴──withdraw──► withdrawn ◄─┘        any ──erase──► (tombstone)
import { createHash } from 'node:crypto';
import type { Answers, MatchingAttributes, Questionnaire, Role } from '@belong/contracts';
import { defineErrors, type EventInput } from '@belong/kit';
import type { ConsentGiven } from '../questionnaires/answers.ts';
import type { PublishedQuestionnaire } from '../questionnaires/store.ts';
import type { ConsentRecord, Profile, ProfileStatus } from './schemas.ts';

export const profileErrors = defineErrors('PROFILE', {
  PROFILE_NOT_FOUND: { status: 404, title: 'Profile not found' },
  PROGRAMME_NOT_FOUND: { status: 404, title: 'Programme not found' },
  PROGRAMME_NOT_OPEN: { status: 409, title: 'Programme not taking sign-ups' },
  QUESTIONNAIRE_NOT_FOUND: { status: 400, title: 'Unknown questionnaire version' },
  INVALID_ANSWERS: { status: 400, title: 'Some answers need another look' },
  DUPLICATE: { status: 409, title: 'Already signed up' },
  INVALID_TRANSITION: { status: 409, title: 'Not possible in the profile’s current state' },
  IDEMPOTENCY_MISMATCH: { status: 409, title: 'Idempotency key reused with a different request' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: 'Request with this idempotency key in progress' },
});

/** A live profile as stored: the resource plus the keys its indexes use. */
export interface LiveRecord extends Profile {
  /** Lower-cased email. */
  emailKey: string;
  /**
   * Unique per programme, role and email while the person takes part; `withdrawn:<id>` once they
   * leave, so they can sign up again.
   */
  uniqueKey: string;
}

/** What remains after erasure: no personal data, only what stops the id being reused. */
export interface ErasedRecord {
  id: string;
  programmeId: string;
  role: Role;
  status: 'erased';
  erasedAt: string;
  uniqueKey: string;
}

export type ProfileRecord = LiveRecord | ErasedRecord;

export const isLive = (record: ProfileRecord | null | undefined): record is LiveRecord =>
  record != null && record.status !== 'erased';

export const emailKeyOf = (email: string) => email.trim().toLowerCase();
export const uniqueKeyOf = (programmeId: string, role: Role, email: string) =>
  `${programmeId}:${role}:${emailKeyOf(email)}`;
export const emailHashOf = (email: string) => createHash('sha256').update(emailKeyOf(email)).digest('hex');

/** The resource a client sees (the index keys stay inside). */
export function toProfile(record: LiveRecord): Profile {
  const { emailKey, uniqueKey, ...profile } = record;
  return profile;
}

export interface Transition {
  state: ProfileRecord;
  events: EventInput[];
}

function cannot(action: string, status: ProfileStatus, hint: string): never {
  throw profileErrors.INVALID_TRANSITION(`A ${status} profile cannot ${action}: ${hint}`);
}

function consentRecord(given: ConsentGiven, published: PublishedQuestionnaire, now: Date): ConsentRecord {
  const { key, role, version } = published.definition;
  return {
    questionId: given.questionId,
    statement: given.statement,
    givenAt: now.toISOString(),
    questionnaire: { key, role, version },
  };
}

export interface NewProfileInput {
  id: string;
  programmeId: string;
  role: Role;
  displayName: string;
  email: string;
  published: PublishedQuestionnaire;
  answers: Answers;
  attributes: MatchingAttributes;
  consent: readonly ConsentGiven[];
  verification: { url: string; expiresAt: string };
  now: Date;
}

export function newProfile(input: NewProfileInput): { state: LiveRecord; events: EventInput[] } {
  const now = input.now.toISOString();
  const email = input.email.trim();
  const { key, role, version } = input.published.definition;
  const state: LiveRecord = {
    id: input.id,
    programmeId: input.programmeId,
    role: input.role,
    status: 'pending',
    displayName: input.displayName.trim(),
    email,
    questionnaire: { key, role, version, programmeVersion: input.published.version },
    answers: input.answers,
    attributes: input.attributes,
    consent: input.consent.map((given) => consentRecord(given, input.published, input.now)),
    createdAt: now,
    updatedAt: now,
    verifiedAt: null,
    withdrawnAt: null,
    withdrawalReason: null,
    emailKey: emailKeyOf(email),
    uniqueKey: uniqueKeyOf(input.programmeId, input.role, email),
  };
  return { state, events: [submittedEvent(state, input.verification, now)] };
}

export function submittedEvent(
  state: LiveRecord,
  verification: { url: string; expiresAt: string },
  submittedAt: string,
): EventInput {
  return {
    type: 'belong.profile.submitted.v1',
    data: {
      profileId: state.id,
      programmeId: state.programmeId,
      role: state.role,
      displayName: state.displayName,
      email: state.email,
      submittedAt,
      verification,
    },
  };
}

/** pending → active. Already active or paused: nothing to do (a second link, or a retry). */
export function verify(record: LiveRecord, now: Date): Transition | null {
  if (record.status === 'active' || record.status === 'paused') return null;
  if (record.status === 'withdrawn') cannot('be confirmed', record.status, 'sign up again to take part');
  if (!record.attributes) throw new Error(`pending profile ${record.id} has no attributes`);
  const at = now.toISOString();
  const state: LiveRecord = { ...record, status: 'active', verifiedAt: at, updatedAt: at };
  return {
    state,
    events: [
      {
        type: 'belong.profile.verified.v1',
        data: {
          profileId: state.id,
          programmeId: state.programmeId,
          role: state.role,
          displayName: state.displayName,
          email: state.email,
          verifiedAt: at,
          attributes: record.attributes,
        },
      },
    ],
  };
}

function updatedEvent(state: LiveRecord, changed: string[], at: string): EventInput[] {
  // Matching knows a person from their verification on; before that there is nothing to update.
  if ((state.status !== 'active' && state.status !== 'paused') || !state.attributes) return [];
  return [
    {
      type: 'belong.profile.updated.v1',
      data: {
        profileId: state.id,
        programmeId: state.programmeId,
        role: state.role,
        status: state.status,
        displayName: state.displayName,
        email: state.email,
        attributes: state.attributes,
        changed,
        updatedAt: at,
      },
    },
  ];
}

export function pause(record: LiveRecord, now: Date): Transition | null {
  if (record.status === 'paused') return null;
  if (record.status !== 'active') {
    cannot('be paused', record.status, 'only an active profile can pause');
  }
  const at = now.toISOString();
  const state: LiveRecord = { ...record, status: 'paused', updatedAt: at };
  return { state, events: updatedEvent(state, ['status'], at) };
}

export function resume(record: LiveRecord, now: Date): Transition | null {
  if (record.status === 'active') return null;
  if (record.status !== 'paused') {
    cannot('be resumed', record.status, 'only a paused profile can resume');
  }
  const at = now.toISOString();
  const state: LiveRecord = { ...record, status: 'active', updatedAt: at };
  return { state, events: updatedEvent(state, ['status'], at) };
}

/** Leaves the programme: answers and attributes are deleted (the consent statement promises it). */
export function withdraw(record: LiveRecord, reason: string | undefined, now: Date): Transition | null {
  if (record.status === 'withdrawn') return null;
  const at = now.toISOString();
  const state: LiveRecord = {
    ...record,
    status: 'withdrawn',
    answers: {},
    attributes: null,
    withdrawnAt: at,
    withdrawalReason: reason?.trim() || null,
    updatedAt: at,
    uniqueKey: `withdrawn:${record.id}`,
  };
  return {
    state,
    events: [
      {
        type: 'belong.profile.withdrawn.v1',
        data: {
          profileId: state.id,
          programmeId: state.programmeId,
          role: state.role,
          reason: state.withdrawalReason,
          withdrawnAt: at,
        },
      },
    ],
  };
}

/** Erasure: everything personal goes; the tombstone keeps the id, programme and role only. */
export function erase(record: LiveRecord, now: Date): Transition {
  const at = now.toISOString();
  const state: ErasedRecord = {
    id: record.id,
    programmeId: record.programmeId,
    role: record.role,
    status: 'erased',
    erasedAt: at,
    uniqueKey: `erased:${record.id}`,
  };
  return {
    state,
    events: [
      {
        type: 'belong.profile.erased.v1',
        data: {
          profileId: record.id,
          programmeId: record.programmeId,
          emailHash: emailHashOf(record.email),
          erasedAt: at,
        },
      },
    ],
  };
}

export interface AnswersUpdate {
  displayName?: string | undefined;
  published: PublishedQuestionnaire;
  answers: Answers;
  attributes: MatchingAttributes;
  consent: readonly ConsentGiven[];
}

/** Names of the attributes that differ, as `attributes.<name>`. */
function changedAttributes(before: MatchingAttributes | null, after: MatchingAttributes): string[] {
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...names]
    .filter(
      (name) =>
        JSON.stringify((before as Record<string, unknown> | null)?.[name]) !==
        JSON.stringify((after as Record<string, unknown>)[name]),
    )
    .sort()
    .map((name) => `attributes.${name}`);
}

/** New answers (already validated against `published`) and maybe a new name. */
export function update(record: LiveRecord, change: AnswersUpdate, now: Date): Transition | null {
  if (record.status === 'withdrawn') {
    cannot('be changed', record.status, 'sign up again to take part');
  }
  const at = now.toISOString();
  const { key, role, version } = change.published.definition;
  const sameVersion = record.questionnaire.programmeVersion === change.published.version;
  // Consent already given to these exact words keeps its time; new words are a new consent.
  const kept = new Map(record.consent.map((c) => [`${c.questionId}\n${c.statement}`, c]));
  const consent = change.consent.map(
    (given) =>
      kept.get(`${given.questionId}\n${given.statement}`) ?? consentRecord(given, change.published, now),
  );
  const displayName = change.displayName?.trim() ?? record.displayName;
  const state: LiveRecord = {
    ...record,
    displayName,
    questionnaire: sameVersion
      ? record.questionnaire
      : { key, role, version, programmeVersion: change.published.version },
    answers: change.answers,
    attributes: change.attributes,
    consent,
  };
  const changed = [
    ...(displayName === record.displayName ? [] : ['displayName']),
    ...(sameVersion ? [] : ['questionnaire']),
    ...(JSON.stringify(change.answers) === JSON.stringify(record.answers) ? [] : ['answers']),
    ...changedAttributes(record.attributes, change.attributes),
  ];
  if (changed.length === 0) return null;
  state.updatedAt = at;
  return { state, events: updatedEvent(state, changed, at) };
}

/** The answers a PATCH leads to: merged into the stored ones, or (new version) replacing them. */
export function mergeAnswers(
  current: Answers,
  patch: Record<string, unknown> | undefined,
  replace: boolean,
): Record<string, unknown> {
  const base: Record<string, unknown> = replace ? {} : { ...current };
  for (const [id, value] of Object.entries(patch ?? {})) {
    if (value === null) delete base[id];
    else base[id] = value;
  }
  return base;
}

/** Each answer beside the question it answers, for the export. */
export function answersWithQuestions(questionnaire: Questionnaire, answers: Answers) {
  return questionnaire.sections
    .flatMap((section) => section.questions)
    .flatMap((question) => {
      const answer = answers[question.id];
      return answer === undefined ? [] : [{ questionId: question.id, question: question.label, answer }];
    });
}
