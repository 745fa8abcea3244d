// The whole journey a mentee and a mentor make, in headless Chromium against the three real
// services (real Kafka, FerretDB, Redis and SMTP): the questionnaire (with a mistake first),
// the confirmation email and its page, the match emails, both answers through the email links,
// and the introduction with contact details. Every page is checked with axe-core (no serious or
// critical violations) and photographed into .belong/artifacts/e2e/.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DEMO_SLUG, seedDemo } from '@belong/demo';
import { demoMentors } from '@belong/demo/mentors';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type System, startSystem } from '../src/system.ts';

const artifacts = join(import.meta.dirname, '..', '..', '..', '.belong', 'artifacts', 'e2e');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let system: System;
let browser: Browser;
let page: Page;
let shot = 0;
const timings: Record<string, number> = {};

interface Mail {
  subject: string;
  text: string;
  to: { address: string }[];
}

/** Waits (long poll on the dev mailbox) for the email to `to` whose subject contains `subject`. */
async function mail(to: string, subject: string): Promise<Mail> {
  const query = new URLSearchParams({ to, subject, count: '1', timeout: '30000' });
  const response = await fetch(`${system.ns.servers.mailboxUrl}/api/wait?${query}`);
  if (!response.ok) throw new Error(`no email "${subject}…" to ${to} within 30 s (${response.status})`);
  const { items } = (await response.json()) as { items: Mail[] };
  const [found] = items;
  if (!found) throw new Error(`no email "${subject}…" to ${to}`);
  return found;
}

const linkIn = (text: string, pattern: RegExp): string => {
  const found = text.match(pattern)?.[0];
  if (!found) throw new Error(`no link matching ${pattern} in:\n${text}`);
  return found;
};

/** axe-core on the page as it is: no serious or critical violation; then a screenshot. */
async function check(name: string): Promise<void> {
  await page.addScriptTag({ path: axePath });
  const result = (await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }
    ).axe;
    return axe.run((globalThis as unknown as { document: unknown }).document, {
      resultTypes: ['violations'],
    });
  })) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect([name, serious]).toEqual([name, []]);
  shot++;
  await page.screenshot({
    path: join(artifacts, `${String(shot).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  system = await startSystem('e2e journey');
  await seedDemo({
    profileUrl: system.urls.profile,
    matchingUrl: system.urls.matching,
    notificationUrl: system.urls.notification,
    adminApiKey: system.adminApiKey,
    signingSecret: system.signingSecret,
    mentorEmailDomain: system.ns.emailDomain,
  });
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  // The build machines' network is closed: without these, Chromium keeps reaching out (and
  // failing) for updates, sync and background services.
  browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  // axe is injected as a script: the pages' CSP (rightly) allows none, so the test bypasses it.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 420, height: 900 } });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
}, 60_000);

it('a mentee signs up, confirms, is matched, both accept through the email links, and both get the introduction', async () => {
  const menteeEmail = system.ns.email('priya.shah');

  // 1. The programme's page and its questionnaire.
  await page.goto(`${system.urls.profile}/join/${DEMO_SLUG}`);
  await check('programme');
  await page.getByRole('link', { name: /would like a mentor/i }).click();
  expect(await page.locator('h1').count()).toBe(1);
  await check('questionnaire');

  await page.fill('[name="displayName"]', 'Priya <Shah>');
  await page.fill('[name="email"]', menteeEmail);
  await page.fill('[name="q.organisation"]', 'Leeds Teaching Hospitals NHS Trust');
  await page.check('[name="q.sector"][value="nhs-acute"]');
  await page.check('[name="q.career-stage"][value="early-career"]');
  await page.selectOption('[name="q.growth-areas.1"]', 'evidence-synthesis');
  await page.selectOption('[name="q.growth-areas.2"]', 'literature-searching');
  await page.fill(
    '[name="q.hopes"]',
    'I am the only librarian for our research team and want to get confident with systematic review searching.',
  );
  await page.check('[name="q.meeting-format"][value="online"]');
  await page.selectOption('[name="q.region"]', 'yorkshire-humber');
  await page.selectOption('[name="q.time-zone"]', 'Europe/London');
  await page.check('[name="q.languages"][value="en"]');
  await page.check('[name="q.hours-per-month"][value="about-2"]');
  // A mistake first: no consent. The page comes back with the error and every answer kept.
  await page.getByRole('button', { name: /send|submit|sign up/i }).click();
  expect(await page.locator('[name="q.hopes"]').inputValue()).toMatch(/systematic review searching/);
  expect(await page.content()).toContain('You need to agree to this to take part.');
  await check('questionnaire-with-error');

  await page.check('[name="q.consent"]');
  const submittedAt = Date.now();
  await page.getByRole('button', { name: /send|submit|sign up/i }).click();
  await page.waitForURL(/check-email/);
  await check('check-your-email');

  // 2. The confirmation email, its page, the button.
  const confirmation = await mail(menteeEmail, 'confirm your email address');
  timings.verificationEmailMs = Date.now() - submittedAt;
  await page.goto(linkIn(confirmation?.text ?? '', /http:\/\/\S+\/verify\?token=[\w.-]+/));
  await check('confirm-address');
  const confirmedAt = Date.now();
  await page.getByRole('button', { name: /this is my address/i }).click();
  expect(await page.locator('h1').textContent()).toContain('you are in');
  await check('address-confirmed');

  // 3. The match email to the mentee names a demo mentor; that mentor gets theirs.
  const proposal = await mail(menteeEmail, 'We have suggested a mentor for you');
  timings.matchEmailAfterConfirmMs = Date.now() - confirmedAt;
  timings.matchEmailAfterSubmitMs = Date.now() - submittedAt;
  expect(proposal?.subject).toMatch(/We have suggested a mentor for you: /);
  const mentorName = proposal?.subject.replace(/^.*: /, '') ?? '';
  const mentor = demoMentors(system.ns.emailDomain).find((m) => m.displayName === mentorName);
  if (!mentor) throw new Error(`the proposal names "${mentorName}", who is not a demo mentor`);
  const mentorProposal = await mail(mentor.email, 'Would you mentor');
  expect(mentorProposal?.subject).toBe('Would you mentor Priya <Shah>?');
  expect(proposal?.text).not.toContain(mentor.email);

  // 4. Both accept through their links (GET shows the page, the button answers).
  await page.goto(linkIn(proposal?.text ?? '', /http:\/\/\S+\/respond\?answer=accept&token=[\w.-]+/));
  await check('mentee-answers-match');
  await page.getByRole('button', { name: /Yes, I would like to work with/ }).click();
  expect(await page.locator('h1').textContent()).toContain('Thank you');
  await page.goto(linkIn(mentorProposal?.text ?? '', /http:\/\/\S+\/respond\?answer=accept&token=[\w.-]+/));
  await check('mentor-answers-match');
  await page.getByRole('button', { name: /Yes, I would like to work with/ }).click();
  expect(await page.locator('.card').first().textContent()).toContain('You have both said yes');
  await check('both-said-yes');

  // 5. The introduction, with each other's address, reaches both.
  const introduction = await mail(menteeEmail, 'You are matched');
  expect(introduction?.text).toContain(mentor.email);
  const mentorIntroduction = await mail(mentor.email, 'You are matched');
  expect(mentorIntroduction?.text).toContain(menteeEmail);

  // 6. The person's own pages from the email footer, and the email choices page.
  await page.goto(linkIn(introduction?.text ?? '', /http:\/\/\S+\/me\?token=[\w.-]+/));
  await check('my-profile');
  const profilePage = page.url();
  for (const [link, name] of [
    [/Change your name or answers/, 'my-profile-edit'],
    [/Withdraw from the programme/, 'my-profile-withdraw'],
    [/Erase your data/, 'my-profile-erase'],
  ] as const) {
    await page.goto(profilePage);
    await page.getByRole('link', { name: link }).click();
    await check(name);
  }
  await page.goto(linkIn(introduction?.text ?? '', /http:\/\/\S+\/unsubscribe\?token=[\w.-]+/));
  await check('email-choices');

  // 7. The coordinator's pages.
  await page.goto(`${system.urls.matching}/coordinator`);
  await check('coordinator-sign-in');
  await page.fill('[name="key"]', system.adminApiKey);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page
    .getByRole('link', { name: /Health Libraries Mentoring/ })
    .first()
    .click();
  await check('coordinator-programme');
  await page.getByRole('button', { name: /Work out a round/ }).click();
  await page.waitForURL(/\/coordinator\/rounds\//);
  expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(2);
  await check('coordinator-round-report');
  console.log(`e2e timings: ${JSON.stringify(timings)}; screenshots in ${artifacts}`);
}, 180_000);
