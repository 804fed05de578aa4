import { Browser, expect, Page, test, TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  bishkekDate,
  expectAccessible,
  linkInEmail,
  signIn,
  signUp,
  uniqueEmail,
} from './helpers';

const ADMIN2_EMAIL = process.env.STEM4ALL_ADMIN2_EMAIL ?? 'admin2@e2e.example';
const ADMIN2_PASSWORD = process.env.STEM4ALL_ADMIN2_PASSWORD ?? 'e2e second admin password';

/** A mentee who confirmed her address (only confirmed accounts' reports count), in her own
 * browser context, member of the group at `groupUrl`. */
async function member(browser: Browser, info: TestInfo, name: string, groupUrl: string) {
  const context = await browser.newContext({ ...info.project.use });
  const page = await context.newPage();
  const email = uniqueEmail(info, name.toLowerCase());
  await signUp(page, email, name, 'Mentee');
  await page.goto(await linkInEmail(email, /\/confirm\/[A-Za-z0-9_-]+/));
  await expect(page.getByText('Email address confirmed')).toBeVisible();
  await page.goto(groupUrl);
  await page.getByRole('button', { name: 'Join the group' }).click();
  await expect(page.getByRole('status')).toContainText('Welcome to the group');
  return { context, page };
}

async function report(page: Page, words: string) {
  const post = page.getByTestId('group-post').filter({ hasText: words });
  await post.getByText('Report', { exact: true }).click();
  await post.getByLabel('Why are you reporting it?').selectOption('harassment');
  await post.getByRole('button', { name: 'Send the report' }).click();
  await expect(page.getByRole('status')).toContainText('Moderators will look at it');
}

test('three reports hide a post; an administrator removes it with a silence; the author appeals and another administrator decides', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const words = `Everyone in this group is useless ${Date.now().toString(36)}`;
  // the author starts a group and posts
  await signUp(page, uniqueEmail(info, 'author'), 'Aida', 'Mentee');
  await page.goto('/groups');
  const form = page.getByRole('region', { name: 'Start a group' });
  await form.getByLabel('Name').fill(`Robotics ${info.project.name} ${Date.now().toString(36)}`);
  await form.getByLabel('Where it meets').selectOption('naryn');
  await form.locator('select[name="language"]').selectOption('ru');
  await form.getByLabel('Member limit').fill('8');
  await form.getByRole('button', { name: 'Start the group' }).click();
  await expect(page).toHaveURL(/\/groups\/\d+$/);
  const groupUrl = page.url();
  await page.getByLabel('Your post').fill(words);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByTestId('group-post').filter({ hasText: words })).toHaveCount(1);

  // three members report it; after the third it is hidden for everyone
  const members = [];
  for (const name of ['Bermet', 'Cholpon', 'Dinara']) {
    const m = await member(browser, info, name, groupUrl);
    await report(m.page, words);
    members.push(m);
  }
  const last = members[2].page;
  await last.goto(groupUrl);
  await expect(last.getByText(words)).toHaveCount(0);
  await expect(last.getByTestId('group-post').first()).toContainText('Hidden by the moderators.');
  for (const m of members) await m.context.close();

  // an administrator reads the case as reported and removes it with a week's silence
  const adminContext = await browser.newContext({ ...info.project.use });
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
  await admin.goto('/admin/moderation');
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Moderation');
  const item = admin.getByTestId('case').filter({ hasText: words });
  await expect(item).toContainText('Hidden after three people reported it');
  await expect(item).toContainText('Harassment or bullying');
  await expectAccessible(admin);
  await item.locator('select[name="outcome"]').selectOption('removed');
  await item.locator('textarea[name="reason"]').fill('Insulting the other members.');
  await item.locator('select[name="sanction"]').selectOption('silence');
  await item.locator('input[name="until"]').fill(bishkekDate(7));
  await item.getByRole('button', { name: 'Decide' }).click();
  await expect(admin.getByRole('status')).toContainText('Decided. The author has been told.');
  await expect(admin.getByTestId('case').filter({ hasText: words })).toHaveCount(0);

  // the author is told, reads why in her case, cannot post, and appeals
  await page.goto('/notifications');
  await page.getByRole('link', { name: /An administrator decided about something you wrote/ }).first().click();
  await expect(page).toHaveURL(/\/moderation\/\d+$/);
  const caseUrl = page.url();
  await expect(page.getByTestId('case-state')).toHaveText('It was removed.');
  await expect(page.getByText('Insulting the other members.').first()).toBeVisible();
  await expect(page.getByText(/Silence .*, until/)).toBeVisible();
  await expectAccessible(page);
  await page.goto(groupUrl);
  await page.getByLabel('Your post').fill('Hello?');
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('while you are silenced');
  await page.goto(caseUrl);
  await page.getByRole('textbox', { name: /^Your appeal/ }).fill('I was upset after a hard week; I apologise to the group.');
  await page.getByRole('button', { name: 'Send the appeal' }).click();
  await expect(page.getByRole('status')).toContainText('Your appeal was sent.');
  await expect(page.getByTestId('appeal-state')).toContainText('waiting for another administrator');
  await expect(page.getByRole('button', { name: 'Send the appeal' })).toHaveCount(0);

  // the administrator who decided cannot decide the appeal; a second one reverses it
  // (a new load: only the fragment differs from where she is)
  await admin.goto('/admin/moderation');
  const mine = admin.getByTestId('appeal').filter({ hasText: words });
  await expect(mine).toContainText('another administrator decides the appeal');
  await adminContext.clearCookies();
  await signIn(admin, ADMIN2_EMAIL, ADMIN2_PASSWORD);
  await admin.goto('/admin/moderation#appeals');
  const appeal = admin.getByTestId('appeal').filter({ hasText: words });
  await appeal.locator('select[name="decision"]').selectOption('overturn');
  await appeal.locator('textarea[name="reason"]').fill('A first offence, and she apologised.');
  await appeal.getByRole('button', { name: 'Decide' }).click();
  await expect(admin.getByRole('status')).toContainText('The appeal is decided.');

  // the author reads the answer, and her words are back
  await page.goto(caseUrl);
  await expect(page.getByTestId('appeal-state')).toContainText('Your appeal was accepted');
  await page.goto(groupUrl);
  await expect(page.getByTestId('group-post').filter({ hasText: words })).toHaveCount(1);

  // every step is in the audit log
  await admin.goto('/admin/audit?action=moderation');
  await expect(admin.getByTestId('audit-entry').first()).toContainText('appeal overturned');
  await expectAccessible(admin);
  await adminContext.close();
});

test('the dashboard draws its charts with tables and each table downloads as CSV', async ({ page }) => {
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto('/admin/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme dashboard');
  await expect(page.getByTestId('dashboard-section')).toHaveCount(11);
  const regions = page.getByTestId('dashboard-section').filter({ hasText: 'Participants by region' });
  await expect(regions.locator('svg[role="img"]')).toHaveCount(1);
  await expect(regions.getByRole('rowheader', { name: 'Naryn region' })).toBeVisible();
  await expectAccessible(page);
  // the filters are a plain form
  await page.getByLabel('Region', { exact: true }).selectOption('naryn');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page).toHaveURL(/region=naryn/);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV (Participants by region)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('participants-region.csv');
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text.startsWith('\uFEFFRegion,Mentees,Mentors,Total\r\n')).toBe(true);
  expect(text).toContain('Naryn');
});
