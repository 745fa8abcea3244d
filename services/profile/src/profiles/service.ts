// What the profile routes do, apart from HTTP: load, check, change through the aggregate store,
// and say why not in words a person understands. Every check runs before the one write, so a
// refused request changes nothing.
import type { Answers, Role } from '@belong/contracts';
import { AggregateExistsError, type KitApp, type TokenPrincipal } from '@belong/kit';
import { createProgrammeRepository } from '../programmes/repository.ts';
import { toProblemFieldErrors, validateAnswers } from '../questionnaires/answers.ts';
import { createQuestionnaireStore, type PublishedQuestionnaire } from '../questionnaires/store.ts';
import {
  answersWithQuestions,
  emailKeyOf,
  erase,
  isLive,
  type LiveRecord,
  mergeAnswers,
  newProfile,
  type ProfileRecord,
  pause,
  profileErrors,
  resume,
  submittedEvent,
  type Transition,
  toProfile,
  update,
  verify,
  withdraw,
} from './domain.ts';
import { createProfileRepository, DuplicateProfileError, type SearchOptions } from './repository.ts';
import type { Profile, ProfileExport, SubmitProfileBody, UpdateProfileBody } from './schemas.ts';

export interface ProfileServiceOptions {
  /** Where the verification link points; the token is appended as `?token=`. */
  verifyUrl: string;
  verificationTtlSeconds: number;
  manageTokenTtlSeconds: number;
  /** A person can ask for a new verification link once per this many seconds. */
  resendIntervalSeconds: number;
  redis: KitApp['redis'];
  redisKeyPrefix: string;
  now?: () => Date;
}

/** Who may act on a profile: any programme (admin key, or the person's own link), or one. */
export type Access = { programmeId: string | null };

const roleWords: Record<Role, string> = { mentee: 'mentee', mentor: 'mentor' };

export type ProfileService = ReturnType<typeof createProfileService>;

export function createProfileService(app: KitApp, options: ProfileServiceOptions) {
  const repo = createProfileRepository(app);
  const programmes = createProgrammeRepository(app);
  const questionnaires = createQuestionnaireStore(app.mongo);
  const now = options.now ?? (() => new Date());

  const notFound = (id: string) => profileErrors.PROFILE_NOT_FOUND(`No profile ${id}`);

  /** A key bound to another programme sees nothing: 404, so it cannot learn which ids exist. */
  function visible(record: ProfileRecord | null, access: Access, id: string): LiveRecord {
    if (!isLive(record)) throw notFound(id);
    if (access.programmeId !== null && access.programmeId !== record.programmeId) throw notFound(id);
    return record;
  }

  async function questionnaireFor(
    programmeId: string,
    role: Role,
    version: number | undefined,
  ): Promise<PublishedQuestionnaire> {
    if (version === undefined) return questionnaires.current(programmeId, role);
    const published = await questionnaires.get(programmeId, role, version);
    if (!published) {
      const message = `The ${roleWords[role]} questionnaire of this programme has no version ${version}`;
      throw profileErrors.QUESTIONNAIRE_NOT_FOUND(message, {
        errors: [{ in: 'body', pointer: '/questionnaireVersion', message }],
      });
    }
    return published;
  }

  function checkAnswers(published: PublishedQuestionnaire, answers: Record<string, unknown>) {
    const result = validateAnswers(published.definition, answers);
    if (!result.ok) {
      const count = result.errors.length;
      throw profileErrors.INVALID_ANSWERS(
        `${count} answer${count === 1 ? ' needs' : 's need'} another look; nothing was saved`,
        { errors: toProblemFieldErrors(result.errors) },
      );
    }
    return result;
  }

  function verificationLink(profileId: string) {
    const token = app.tokens.issue({
      profileId,
      action: 'verify-email',
      ttlSeconds: options.verificationTtlSeconds,
    });
    const url = new URL(options.verifyUrl);
    url.searchParams.set('token', token);
    const expiresAt = new Date(now().getTime() + options.verificationTtlSeconds * 1000).toISOString();
    return { url: url.toString(), expiresAt };
  }

  /** Applies a transition under the aggregate's lease; null transition = nothing to write. */
  async function transition(
    id: string,
    access: Access,
    step: (record: LiveRecord) => Transition | null | Promise<Transition | null>,
  ): Promise<LiveRecord> {
    const written = await repo.store.mutate(id, async (current) => {
      const record = visible(current?.state ?? null, access, id);
      const next = await step(record);
      return next ? { state: next.state, events: next.events } : null;
    });
    return visible(written?.state ?? null, access, id);
  }

  return {
    repo,

    async ensureIndexes() {
      await repo.ensureIndexes();
    },

    /** Validates everything, then inserts the pending profile and its `profile.submitted`. */
    async submit(programmeId: string, body: SubmitProfileBody, id: string): Promise<Profile> {
      const programme = await programmes.get(programmeId);
      if (!programme) throw profileErrors.PROGRAMME_NOT_FOUND(`No programme ${programmeId}`);
      if (programme.status !== 'open') {
        throw profileErrors.PROGRAMME_NOT_OPEN(
          programme.status === 'draft'
            ? `${programme.name} is not open for sign-ups yet`
            : `${programme.name} is closed to new sign-ups; ask ${programme.coordinator.name} (${programme.coordinator.email}) about the next one`,
        );
      }
      const published = await questionnaireFor(programmeId, body.role, body.questionnaireVersion);
      const result = checkAnswers(published, body.answers);
      const { state, events } = newProfile({
        id,
        programmeId,
        role: body.role,
        displayName: body.displayName,
        email: body.email,
        published,
        answers: result.answers,
        attributes: result.attributes,
        consent: result.consent,
        verification: verificationLink(id),
        now: now(),
      });
      try {
        await repo.create(state, events);
      } catch (error) {
        if (error instanceof DuplicateProfileError) {
          throw profileErrors.DUPLICATE(
            `This email address already has a ${roleWords[body.role]} profile in ${programme.name}. ` +
              'If you have not confirmed it yet, ask for a new confirmation link.',
            { errors: [{ in: 'body', pointer: '/email', message: 'Already signed up with this address' }] },
          );
        }
        if (error instanceof AggregateExistsError) {
          // The same id with the same person: an idempotent retry whose first attempt created it.
          const existing = await repo.get(id);
          if (isLive(existing)) return toProfile(existing);
        }
        throw error;
      }
      return toProfile(state);
    },

    /** A new verification link for a pending profile, at most once per interval; silent otherwise. */
    async resendVerification(programmeId: string, role: Role, email: string): Promise<boolean> {
      const found = await repo.findLive(programmeId, role, emailKeyOf(email));
      if (found?.status !== 'pending') return false;
      const gate = await options.redis.set(
        `${options.redisKeyPrefix}profile-resend:${found.id}`,
        '1',
        'EX',
        options.resendIntervalSeconds,
        'NX',
      );
      if (gate !== 'OK') return false;
      const written = await repo.store.mutate(found.id, (current) => {
        const record = current?.state;
        if (!isLive(record) || record.status !== 'pending') return null;
        return {
          state: record,
          events: [submittedEvent(record, verificationLink(record.id), now().toISOString())],
        };
      });
      return isLive(written?.state) && written.state.status === 'pending';
    },

    /**
     * Confirms the address behind a single-use link. The link is burnt first (a second use is a
     * 409), and given back if the change then fails, so the person can simply try again.
     */
    async verify(principal: TokenPrincipal): Promise<LiveRecord> {
      await app.tokens.consumeOnce(principal);
      try {
        return await transition(principal.profileId, { programmeId: null }, (record) =>
          verify(record, now()),
        );
      } catch (error) {
        await app.tokens.releaseOnce(principal).catch(() => undefined);
        throw error;
      }
    },

    manageToken(profileId: string) {
      const token = app.tokens.issue({
        profileId,
        action: 'manage-profile',
        ttlSeconds: options.manageTokenTtlSeconds,
      });
      const expiresAt = new Date(now().getTime() + options.manageTokenTtlSeconds * 1000).toISOString();
      return { token, expiresAt };
    },

    async get(id: string, access: Access): Promise<LiveRecord> {
      return visible(await repo.get(id), access, id);
    },

    async update(id: string, access: Access, body: UpdateProfileBody): Promise<LiveRecord> {
      return transition(id, access, async (record) => {
        if (record.status === 'withdrawn') {
          throw profileErrors.INVALID_TRANSITION(
            'A withdrawn profile cannot be changed: sign up again to take part',
          );
        }
        const version = body.questionnaireVersion ?? record.questionnaire.programmeVersion;
        const published = await questionnaireFor(record.programmeId, record.role, version);
        const moving = version !== record.questionnaire.programmeVersion;
        const merged = mergeAnswers(record.answers, body.answers, moving);
        const result = checkAnswers(published, merged);
        return update(
          record,
          {
            displayName: body.displayName,
            published,
            answers: result.answers,
            attributes: result.attributes,
            consent: result.consent,
          },
          now(),
        );
      });
    },

    pause: (id: string, access: Access) => transition(id, access, (record) => pause(record, now())),
    resume: (id: string, access: Access) => transition(id, access, (record) => resume(record, now())),
    withdraw: (id: string, access: Access, reason: string | undefined) =>
      transition(id, access, (record) => withdraw(record, reason, now())),

    /**
     * Erasure: the profile becomes a tombstone without personal data and `profile.erased` tells
     * the other services to do the same. Idempotency records may hold a copy of the profile (a
     * replayable response): they go too. Erasing an erased profile again changes nothing.
     */
    async erase(id: string, access: Access): Promise<{ erasedAt: string }> {
      let erasedAt: string | undefined;
      const written = await repo.store.mutate(id, (current) => {
        const record = current?.state ?? null;
        if (record?.status === 'erased') {
          if (access.programmeId !== null && access.programmeId !== record.programmeId) throw notFound(id);
          erasedAt = record.erasedAt;
          return null;
        }
        const live = visible(record, access, id);
        const next = erase(live, now());
        return { state: next.state, events: next.events };
      });
      if (written?.state.status !== 'erased') throw notFound(id);
      await app.mongo
        .collection('idempotency_keys')
        .deleteMany({ resourceId: id })
        .catch((error: unknown) => {
          app.log.error(
            { err: error, profileId: id },
            'could not delete idempotency records of an erased profile',
          );
        });
      return { erasedAt: erasedAt ?? written.state.erasedAt };
    },

    async export(id: string, access: Access): Promise<ProfileExport> {
      const record = visible(await repo.get(id), access, id);
      const [published, programme] = await Promise.all([
        questionnaires.get(record.programmeId, record.role, record.questionnaire.programmeVersion),
        programmes.get(record.programmeId),
      ]);
      const answers: Answers = record.answers;
      const coordinator = programme
        ? `${programme.coordinator.name} (${programme.coordinator.email})`
        : 'the programme coordinator';
      return {
        exportedAt: now().toISOString(),
        profile: toProfile(record),
        questionnaire: {
          title: published?.definition.title ?? record.questionnaire.key,
          answers: published ? answersWithQuestions(published.definition, answers) : [],
        },
        notes: [
          'This is everything the profile service holds about you: your profile, your answers with the questions they answer, and each consent you gave with its time and questionnaire version.',
          `Your matches are held by Belong's matching service and the emails we sent you by its notification service; ask ${coordinator} for them.`,
          'Erasing your profile deletes all of this and tells the other services to delete what they hold.',
        ],
      };
    },

    async search(options: SearchOptions): Promise<LiveRecord[]> {
      return repo.search(options);
    },
  };
}
