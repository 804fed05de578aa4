import { Browser, expect, Page, test, TestInfo } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, expectAccessible, linkInEmail, PASSWORD, signIn, signUp, uniqueEmail } from './helpers';

function day(offset: number) {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

async function person(browser: Browser, info: TestInfo) {
  const context = await browser.newContext({ ...info.project.use });
  return context.newPage();
}

/** Opens the "Move on to" disclosure on the administrators' cycle page and confirms. */
async function advance(page: Page, phase: string) {
  await page.locator('summary', { hasText: `Move on to: ${phase}` }).click();
  await page.getByRole('button', { name: `Yes, move on to: ${phase}` }).click();
  await expect(page.getByTestId('phase')).toHaveText(phase);
}

async function screen(page: Page, name: string) {
  const item = () => page.getByTestId('admin-nomination').filter({ hasText: name });
  await item().getByRole('button', { name: 'Eligible' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await item().getByRole('button', { name: 'Shortlist as finalist' }).click();
  await expect(item()).toContainText('Finalist');
}

test('the award runs its whole cycle: nominate, accept, shortlist, vote, change the vote, score, publish', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const stamp = `${info.project.name} ${Date.now().toString(36)}`;
  const mentorName = `Asel ${stamp}`;
  const [orgA, orgB] = [`Tech Ayim ${stamp}`, `Kelechek ${stamp}`];

  // the administrator: a juror account, a cycle, the juror on "Best mentor", nominations open
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto('/admin/awards');
  await expectAccessible(page);
  const jurorEmail = uniqueEmail(info, 'juror');
  const jurorForm = page.locator('section', { has: page.getByRole('heading', { name: 'Create a juror account' }) });
  await jurorForm.getByLabel('Name shown to others').fill(`Jyldyz ${stamp}`);
  await jurorForm.getByLabel('Email').fill(jurorEmail);
  await jurorForm.getByLabel('First password').fill(PASSWORD);
  await jurorForm.getByRole('button', { name: 'Create juror account' }).click();
  await expect(page.getByRole('status')).toContainText('The juror account is ready.');
  const cycleForm = page.locator('section', { has: page.getByRole('heading', { name: 'New award cycle' }) });
  await cycleForm.getByLabel('Name').fill(`STEM4ALL Award ${stamp}`);
  await cycleForm.getByLabel('Nominations close on').fill(day(10));
  await cycleForm.getByLabel('Voting closes on').fill(day(20));
  await cycleForm.getByRole('button', { name: 'Create the cycle' }).click();
  await expect(page).toHaveURL(/\/admin\/awards\/\d+$/);
  const adminUrl = page.url();
  const cycleUrl = adminUrl.replace('/admin/awards/', '/awards/');
  const bestMentor = page.getByTestId('admin-category').filter({ hasText: 'Best mentor' }).first();
  await bestMentor.getByLabel("Juror's email address").fill(jurorEmail);
  await bestMentor.getByRole('button', { name: 'Add juror' }).click();
  await expect(page.getByTestId('juror')).toContainText(`Jyldyz ${stamp}`);
  await advance(page, 'Nominations open');
  await expectAccessible(page);

  // a mentor to be nominated, and the mentee who nominates her and two organisations
  const mentor = await person(browser, info);
  const mentorEmail = uniqueEmail(info, 'nominee');
  await signUp(mentor, mentorEmail, mentorName, 'Mentor');
  const mentee = await person(browser, info);
  const menteeEmail = uniqueEmail(info, 'voter');
  await signUp(mentee, menteeEmail, `Aigerim ${stamp}`, 'Mentee');
  await mentee.goto(cycleUrl);
  await expect(mentee.getByTestId('rule')).toHaveText('The jury decides; the public vote breaks ties.');
  await expectAccessible(mentee);
  const nominate = async (category: string, fields: { email?: string; org?: string }, reason: string) => {
    await mentee.getByLabel('Category').selectOption({ label: category });
    await mentee.getByLabel("Person's email address").fill(fields.email ?? '');
    await mentee.getByLabel('Organisation or project').fill(fields.org ?? '');
    await mentee.getByLabel('Why they deserve it').fill(reason);
    await mentee.getByRole('button', { name: 'Send nomination' }).click();
  };
  // bad input first: nobody nominates herself
  await nominate('Best mentor — For mentors on STEM4ALL', { email: menteeEmail }, 'Me!');
  await expect(mentee.getByText('You cannot nominate yourself.').first()).toBeVisible();
  await nominate('Best mentor — For mentors on STEM4ALL', { email: mentorEmail }, 'She taught 40 girls Python in At-Bashy.');
  await expect(mentee.getByTestId('made').filter({ hasText: mentorName })).toContainText('waiting for the nominee to accept');
  for (const org of [orgA, orgB]) {
    await nominate('Best community partner — For organisations and projects', { org }, `${org} opened a robotics club.`);
    await expect(mentee.getByTestId('made').filter({ hasText: org })).toBeVisible();
  }

  // the nominated mentor accepts; the nomination becomes public
  await mentor.goto(cycleUrl);
  await mentor.getByTestId('for-you').getByRole('button', { name: 'Accept the nomination' }).click();
  await expect(mentor.getByText('Your nomination is now public.')).toBeVisible();
  await expect(mentor.getByTestId('nomination').filter({ hasText: mentorName })).toBeVisible();

  // screening: eligible, shortlisted; voting opens
  await page.goto(adminUrl);
  await advance(page, 'Screening');
  for (const name of [mentorName, orgA, orgB]) await screen(page, name);
  await advance(page, 'Voting open');

  // the mentee confirms her address with the link from the email in her inbox
  await mentee.goto(cycleUrl);
  await expect(mentee.getByTestId('voter-notice')).toContainText('Confirm your email address to vote');
  const link = await linkInEmail(menteeEmail, /\/confirm\/[A-Za-z0-9_-]+/);
  await mentee.goto(link);
  await expect(mentee.getByText('Email address confirmed')).toBeVisible();

  // she votes, sees her receipt, and changes her vote in one category
  await mentee.goto(cycleUrl);
  await expectAccessible(mentee);
  await mentee.getByRole('button', { name: `Vote for ${mentorName}` }).click();
  await expect(mentee.getByRole('button', { name: `Your vote: ${mentorName}` })).toHaveAttribute('aria-pressed', 'true');
  const partners = mentee.locator('section[data-ballot]').filter({ hasText: 'Best community partner' });
  await partners.getByRole('button', { name: `Vote for ${orgA}` }).click();
  await expect(partners.getByRole('button', { name: `Your vote: ${orgA}` })).toBeVisible();
  const receipt = (await partners.getByTestId('receipt').locator('strong').innerText()).trim();
  await partners.getByRole('button', { name: `Vote for ${orgB}` }).click();
  await expect(partners.getByRole('button', { name: `Your vote: ${orgB}` })).toHaveAttribute('aria-pressed', 'true');
  await expect(partners.getByRole('button', { name: `Vote for ${orgA}` })).toHaveAttribute('aria-pressed', 'false');
  await expect(partners.getByTestId('receipt')).toContainText(receipt);
  await expect(mentee.getByText('counted votes')).toHaveCount(0);
  await mentee.goto(`/awards/receipt?code=${receipt}`);
  await expect(mentee.getByTestId('receipt-result')).toContainText('This vote counts in Best community partner');
  await expectAccessible(mentee);

  // the administrator sees the counts; voting closes; the jury reviews
  await page.goto(adminUrl);
  await expect(page.getByTestId('admin-nomination').filter({ hasText: orgB }).getByTestId('votes')).toContainText('1 counted votes');
  await expect(page.getByTestId('admin-nomination').filter({ hasText: orgA }).getByTestId('votes')).toContainText('0 counted votes');
  await advance(page, 'Voting closed');
  await advance(page, 'Jury review');

  const juror = await person(browser, info);
  await signIn(juror, jurorEmail, PASSWORD);
  await juror.goto('/jury');
  await expectAccessible(juror);
  const finalist = juror.getByTestId('jury-finalist').filter({ hasText: mentorName });
  await finalist.getByLabel('Impact: 40%').selectOption('5');
  await finalist.getByLabel('Innovation: 30%').selectOption('4');
  await finalist.getByLabel('Reach and inspiration: 30%').selectOption('4');
  await finalist.getByRole('button', { name: 'Save scores' }).click();
  await expect(juror.getByRole('status')).toHaveText('Saved.');
  await expect(juror.getByTestId('jury-finalist').filter({ hasText: mentorName }).getByTestId('jury-state')).toHaveText('Scored');

  // publishing freezes the results; the public page names the winner with her reason
  await page.goto(adminUrl);
  await advance(page, 'Results published');
  const visitor = await person(browser, info);
  await visitor.goto(`${cycleUrl}/results`);
  const winner = visitor.getByTestId('result-category').filter({ hasText: 'Best mentor' }).getByTestId('winner');
  await expect(winner).toContainText(mentorName);
  await expect(winner).toContainText('She taught 40 girls Python in At-Bashy.');
  await expect(winner).toContainText('jury 4.40 of 5 (1 jurors)');
  const community = visitor.getByTestId('result-category').filter({ hasText: 'Best community partner' });
  await expect(community.getByText('Community choice')).toHaveCount(1);
  await expect(community.locator('li').filter({ hasText: 'Community choice' })).toContainText(orgB);
  await expectAccessible(visitor);
});
