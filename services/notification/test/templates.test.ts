// Every template renders HTML and text from the same context, escapes what people wrote, keeps
// subjects on one line, and says who wrote, why, and whether the email can be turned off.
import { describe, expect, it } from '@jest/globals';
import { renderEmail, type TemplateName, templateInfo, templateNames } from '../src/mail/templates.ts';

const hostile = '<script>alert(1)</script>\r\nBcc: evil@evil.test';

function context(name: TemplateName): Record<string, unknown> {
  return {
    recipient: { name: hostile, role: name === 'round-summary' ? 'coordinator' : 'mentee' },
    programme: {
      name: 'HLG <mentoring>',
      coordinator: { name: 'Amina "A" Yusuf', email: 'amina@hlg.example' },
    },
    other: { name: hostile, email: 'other@example.org' },
    reasons: ['You both <b>search</b> & appraise.'],
    summary: 'Strong on goals.',
    expiresAt: '2026-12-04T09:17:41.000Z',
    verify: { expiresAt: '2026-11-30T09:15:02.000Z' },
    declinedBy: 'them',
    endedBy: 'team',
    reason: 'Mentor on <long> leave.',
    mode: 'instant',
    round: { id: 'r_1', published: true },
    report: {
      mentees: 48,
      menteesMatched: 46,
      mentors: 30,
      mentorsUsed: 27,
      score: { min: 41.2, median: 71.8, mean: 69.4 },
      load: { min: 1, max: 3, mean: 1.7, stdev: 0.6 },
      blockingPairs: 2,
    },
    unmatched: [{ name: hostile, reason: 'No <Welsh> speaker.' }],
    links: {
      verify: 'https://profile.example/verify?token=v&x=1',
      accept: 'https://matching.example/matches/m1/respond?answer=accept&token=t',
      decline: 'https://matching.example/matches/m1/respond?answer=decline&token=t',
      manage: 'https://profile.example/me?token=m',
      unsubscribe: 'https://notify.example/unsubscribe?token=u',
    },
    optional: templateInfo[name].category !== null,
    timeZone: 'Europe/London',
  };
}

describe.each(templateNames)('template %s', (name) => {
  const email = renderEmail(name, context(name));

  it('has a one-line subject without control characters', () => {
    expect(email.subject.length).toBeGreaterThan(10);
    expect([...email.subject].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
  });

  it('escapes everything people wrote in the HTML part', () => {
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>search</b>');
    expect(email.html).not.toContain('<mentoring>');
    expect(email.html).toContain('HLG &lt;mentoring&gt;');
    expect(email.html).toContain('<html lang="en-GB">');
  });

  it('has a written plain-text part: no markup, the programme, the coordinator, why', () => {
    expect(email.text).not.toMatch(/<(p|a|div|h1|br|strong)\b/);
    expect(email.text).toContain('HLG <mentoring>');
    expect(email.text).toContain('amina@hlg.example');
    expect(email.text).toMatch(/You are getting this (email|reminder|summary) (because|to confirm)/);
    expect(email.text).not.toMatch(/\n{3,}/);
  });

  it('says whether it can be turned off', () => {
    if (templateInfo[name].category === null) {
      expect(email.text).toMatch(/cannot be turned off|last email you will get/);
    } else {
      expect(email.text).toContain('This is an optional email.');
      expect(email.text).toContain('https://notify.example/unsubscribe?token=u');
    }
  });
});

describe('details', () => {
  it('formats dates in British English in the person’s time zone', () => {
    const email = renderEmail('match-proposed-mentee', context('match-proposed-mentee'));
    expect(email.text).toContain('Friday 4 December 2026 at 09:17 GMT');
    const tokyo = renderEmail('match-proposed-mentee', {
      ...context('match-proposed-mentee'),
      timeZone: 'Asia/Tokyo',
    });
    expect(tokyo.text).toContain('Friday 4 December 2026 at 18:17');
  });

  it('puts links in both parts', () => {
    const email = renderEmail('match-proposed-mentor', context('match-proposed-mentor'));
    expect(email.text).toContain('https://matching.example/matches/m1/respond?answer=accept&token=t');
    expect(email.html).toContain(
      'href="https://matching.example/matches/m1/respond?answer&#x3D;accept&amp;token&#x3D;t"',
    );
  });

  it('shares contact details only in the introduction', () => {
    for (const name of templateNames) {
      const email = renderEmail(name, context(name));
      expect(email.text.includes('other@example.org')).toBe(name === 'match-introduction');
    }
  });
});
