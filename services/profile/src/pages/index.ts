// The profile service's pages for people: a programme's landing page, its questionnaire, "check
// your email", and the self-service page the "Manage my profile" link in every email opens. They
// call the profile service directly (no HTTP to our own API), work without JavaScript, and keep
// the person's link token in the page (hidden fields and links), never in a cookie: the token is
// the person's only credential, and a form that carries it cannot be forged by another site.
import { acceptForms, type KitApp, sendPage } from '@belong/kit';
import { createProfileService, type ProfileServiceOptions } from '../profiles/service.ts';
import { createProgrammeRepository } from '../programmes/repository.ts';
import { createQuestionnaireStore } from '../questionnaires/store.ts';
import { joinRoutes } from './join.ts';
import { selfServiceRoutes } from './me.ts';
import type { PageTools } from './shared.ts';
import { messagePage } from './templates.ts';

/** A questionnaire with two long answers in another script needs more than the default 16 KiB. */
const FORM_LIMIT_BYTES = 128 * 1024;

/** The pages, with the same options as the profile routes (the service they call is the same). */
export function peoplePages(options: Omit<ProfileServiceOptions, 'redis'>) {
  return async function pages(instance: KitApp): Promise<void> {
    const app = instance;
    await acceptForms(app, { bodyLimit: FORM_LIMIT_BYTES });
    const service = createProfileService(app, { ...options, redis: app.redis });
    const programmes = createProgrammeRepository(app);
    const questionnaires = createQuestionnaireStore(app.mongo);

    const tools: PageTools = {
      app,
      service,
      programmes,
      questionnaires,
      options,
      context: (programme) =>
        programme ? { programme: programme.name, coordinator: programme.coordinator } : {},
      async questionnaireFor(programmeId, role, version) {
        if (version !== undefined) {
          const published = await questionnaires.get(programmeId, role, version);
          if (published) return published;
        }
        return questionnaires.current(programmeId, role);
      },
      problem(reply, status, heading, message, programme) {
        return sendPage(
          reply,
          messagePage({ title: heading, ...tools.context(programme), heading, message, tone: 'bad' }),
          status,
        );
      },
    };

    await joinRoutes(tools);
    await selfServiceRoutes(tools);
  };
}
