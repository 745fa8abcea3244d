// What matching does with the profile service's events: keep its programmes and its candidate
// pool current, propose a match when a mentee is verified in an instant-mode programme, and end
// a person's matches when they leave. Handlers are idempotent (a redelivered event finds the
// same state, and places make a second proposal impossible); the kit adds dedupe, retries and
// the dead-letter topic.
import { ConsumerGroups, Topics } from '@belong/contracts';
import type { KitApp } from '@belong/kit';
import type { MatchService } from '../matches/service.ts';

export function registerConsumers(app: KitApp, matches: MatchService): void {
  const { pool } = matches;

  app.events.consume({
    groupId: ConsumerGroups.matchingProgrammes,
    topics: [Topics.programme],
    handlers: {
      'belong.programme.changed.v1': async (event) => {
        await pool.applyProgramme(event.data);
      },
    },
  });

  /**
   * Someone now free to be matched, in instant mode: a mentee gets a proposal; a mentor's places
   * go to mentees who were waiting.
   */
  async function matchIfInstant(personId: string): Promise<void> {
    const person = await pool.person(personId);
    if (person?.status !== 'active') return;
    const programme = await pool.programme(person.programmeId);
    // The programme's event travels on another topic and may come later: retry until it is known.
    if (!programme) throw new Error(`programme ${person.programmeId} not known yet`);
    if (programme.matchingMode !== 'instant') return;
    if (person.role === 'mentor') {
      await matches.matchWaiting(person.programmeId);
      return;
    }
    const result = await matches.proposeInstant(personId);
    if ('unmatched' in result) {
      app.log.info({ menteeId: personId, reason: result.unmatched }, 'mentee not matched yet');
    }
  }

  app.events.consume({
    groupId: ConsumerGroups.matchingProfiles,
    topics: [Topics.profile],
    handlers: {
      'belong.profile.verified.v1': async (event) => {
        const d = event.data;
        await pool.upsertPerson({
          id: d.profileId,
          programmeId: d.programmeId,
          role: d.role,
          status: 'active',
          displayName: d.displayName,
          email: d.email.toLowerCase(),
          attributes: d.attributes,
          verifiedAt: d.verifiedAt,
          asOf: event.time,
        });
        await matchIfInstant(d.profileId);
      },

      'belong.profile.updated.v1': async (event) => {
        const d = event.data;
        const known = await pool.person(d.profileId);
        await pool.upsertPerson({
          id: d.profileId,
          programmeId: d.programmeId,
          role: d.role,
          status: d.status,
          displayName: d.displayName,
          email: d.email.toLowerCase(),
          attributes: d.attributes,
          verifiedAt: known?.verifiedAt ?? event.time,
          asOf: event.time,
        });
        // Back from a pause (a proposal still open stays as it is), or a mentor with more room.
        const resumed = d.status === 'active' && known?.status === 'paused';
        const moreRoom =
          d.role === 'mentor' && (d.attributes.capacity ?? 1) > (known?.attributes.capacity ?? 1);
        if (resumed || (d.status === 'active' && moreRoom)) await matchIfInstant(d.profileId);
      },

      'belong.profile.withdrawn.v1': async (event) => {
        const d = event.data;
        await pool.setStatus(d.profileId, 'withdrawn', event.time);
        const ended = await matches.endAllFor(d.profileId, 'withdrew from the programme');
        app.log.info({ profileId: d.profileId, ended }, 'person withdrawn from the pool');
      },

      'belong.profile.erased.v1': async (event) => {
        const d = event.data;
        const ended = await matches.endAllFor(d.profileId, 'erased', { redact: true });
        await pool.deletePerson(d.profileId);
        await matches.places.forgetPerson(d.profileId);
        app.log.info({ profileId: d.profileId, ended }, 'person erased from the pool and their matches');
      },
    },
  });
}
