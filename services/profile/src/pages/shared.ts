// What the page modules share: the services they call and small helpers.
import type { Role } from '@belong/contracts';
import type { HttpError, KitApp } from '@belong/kit';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { createProfileService, ProfileServiceOptions } from '../profiles/service.ts';
import type { createProgrammeRepository } from '../programmes/repository.ts';
import type { Programme } from '../programmes/schemas.ts';
import type { createQuestionnaireStore, PublishedQuestionnaire } from '../questionnaires/store.ts';

export interface PageTools {
  app: KitApp;
  service: ReturnType<typeof createProfileService>;
  programmes: ReturnType<typeof createProgrammeRepository>;
  questionnaires: ReturnType<typeof createQuestionnaireStore>;
  options: Omit<ProfileServiceOptions, 'redis'>;
  /** The programme's name and coordinator for the page's header and footer. */
  context(programme: Programme | null | undefined): {
    programme?: string | undefined;
    coordinator?: { name: string; email: string } | undefined;
  };
  /** The questionnaire version the form was given with, or the current one. */
  questionnaireFor(
    programmeId: string,
    role: Role,
    version: number | undefined,
  ): Promise<PublishedQuestionnaire>;
  problem(
    reply: FastifyReply,
    status: number,
    heading: string,
    message: string,
    programme?: Programme | null,
  ): FastifyReply;
}

export const isRole = (value: unknown): value is Role => value === 'mentee' || value === 'mentor';

/** The HttpError code of an error, if it is one. */
export const codeOf = (error: unknown): string | undefined => (error as HttpError | undefined)?.code;

/** Pages are not part of the API document. */
export const pageSchema = <T extends object>(extra: T) => ({ hide: true, ...extra });
export const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 4096 })) });
