// ┌──────────────────────────────────────────────────────────────────────────────────────────┐
// │ Changing a topic name, or what a topic is keyed by, needs a migration: consumers in       │
// │ production read these names and rely on per-key order. Add a new versioned topic instead. │
// └──────────────────────────────────────────────────────────────────────────────────────────┘

/** Versioned topics, each keyed by the aggregate id that must stay in order. */
export const Topics = {
  /** Programme settings, whole state per change; key: programmeId. Producer: profile. */
  programme: 'belong.programme.v1',
  /** Profile lifecycle; key: profileId. Producer: profile. */
  profile: 'belong.profile.v1',
  /** Match lifecycle and cohort rounds; key: menteeId (rounds: programmeId). Producer: matching. */
  match: 'belong.match.v1',
  /** Delivery outcomes; key: recipient profileId. Producer: notification. */
  notification: 'belong.notification.v1',
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

/** Every consumer group has its own dead-letter topic, so one group's poison stays its own. */
export function deadLetterTopic(groupId: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(groupId)) {
    throw new Error(`consumer group id "${groupId}" must be lower-case letters, digits, '.', '_' or '-'`);
  }
  return `belong.dlq.${groupId}.v1`;
}

/** Consumer group ids: one per service and purpose. Renaming one restarts it from the policy's offset. */
export const ConsumerGroups = {
  matchingProgrammes: 'belong.matching.programmes',
  matchingProfiles: 'belong.matching.profiles',
  notificationProgrammes: 'belong.notification.programmes',
  notificationProfiles: 'belong.notification.profiles',
  notificationMatches: 'belong.notification.matches',
  notificationWebhooks: 'belong.notification.webhooks',
  profileMatches: 'belong.profile.matches',
} as const;
