import { Browser, expect, Locator, Page, test, TestInfo } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, approvedMentor, expectAccessible, linkInEmail, PASSWORD, signIn, signUp, uniqueEmail } from './helpers';

/** A signed-in page of its own for `email`, whose address is then confirmed from her inbox. */
async function confirmed(browser: Browser, info: TestInfo, email: string, page?: Page): Promise<Page> {
  if (!page) {
    const context = await browser.newContext({ ...info.project.use });
    page = await context.newPage();
    await signIn(page, email, PASSWORD);
  }
  await page.goto(await linkInEmail(email, /\/confirm\/[A-Za-z0-9_-]+/));
  await expect(page.getByText('Email address confirmed')).toBeVisible();
  return page;
}

/** Picks a mentor by name in a pair's (or a left-out mentee's) "Another mentor" list. */
async function chooseMentor(scope: Locator, name: string) {
  const select = scope.getByLabel('Another mentor');
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value!);
}

test('an administrator proposes pairs for a cohort, edits the draft and publishes it', async ({ page, browser }, info) => {
  const stamp = `${info.project.name} ${Date.now().toString(36)}`;
  const mentorName = `Saltanat ${stamp}`;
  const menteeName = `Nazira ${stamp}`;
  // a mentor and a mentee in Naryn who both do data science, with confirmed addresses
  const mentor = await approvedMentor(browser, info, mentorName, 'Data pipelines for beginners.');
  await (await confirmed(browser, info, mentor.email)).context().close();
  const menteeEmail = uniqueEmail(info, 'nazira');
  const menteeContext = await browser.newContext({ ...info.project.use });
  const mentee = await menteeContext.newPage();
  await signUp(mentee, menteeEmail, menteeName, 'Mentee');
  await mentee.goto('/profile');
  await mentee.getByLabel(/^Age/).selectOption('under_18');
  await mentee.getByLabel('Where I am now').selectOption('school');
  await mentee.getByLabel('My goals').fill('Become a data engineer.');
  await mentee.getByLabel('Data science').check();
  await mentee.getByLabel('Kyrgyz', { exact: true }).selectOption('native');
  await mentee.getByLabel('Region').selectOption('naryn');
  await mentee.getByRole('button', { name: 'Save profile' }).click();
  await expect(mentee.getByRole('status')).toHaveText('Your profile is saved.');
  await confirmed(browser, info, menteeEmail, mentee);

  // the administrator asks for proposals for Naryn's mentees in software engineering
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('link', { name: 'Cohort matching' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cohort matching');
  await expectAccessible(page);
  // the learned ranking: the hand-set weights in use until a trained version is chosen;
  // training says plainly when there is not enough to learn from yet
  await expect(page.getByRole('heading', { name: 'Learned ranking' })).toBeVisible();
  await expect(page.getByText('Skills 45 · Language 15 · Place 15 · Career stage 15 · Time 10 · Goals and profile 0')).toBeVisible();
  await page.getByRole('button', { name: 'Train a new version' }).click();
  await expect(page.getByText(/not enough past pairs to learn from|is trained/)).toBeVisible();
  await page.getByLabel("Mentees' region").selectOption('naryn');
  await page.getByLabel('Field', { exact: true }).selectOption({ label: 'Software engineering' });
  await page.getByLabel(/^Most people matched/).check();
  await page.getByRole('button', { name: 'Propose pairs' }).click();
  await expect(page).toHaveURL(/\/admin\/matching\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Proposal of');
  await expect(page.getByText('Naryn region · Software engineering · Most people matched')).toBeVisible();
  await expectAccessible(page);

  // keep only this test's mentee: remove every other pair (other people's, from the demo data
  // and from tests running beside this one), then give her this mentor
  const hers = page.getByRole('link', { name: menteeName, exact: true });
  const others = page.getByTestId('pair').filter({ hasNot: hers });
  for (let n = await others.count(); n > 0; n--) {
    await others.first().getByRole('button', { name: 'Remove pair' }).click();
    await expect(others).toHaveCount(n - 1);
  }
  const mine = page.getByTestId('pair').filter({ has: hers });
  if ((await mine.count()) === 0) {
    const left = page.getByTestId('unmatched').filter({ has: hers });
    await chooseMentor(left, mentorName);
    await left.getByRole('button', { name: 'Pair', exact: true }).click();
  } else if ((await mine.getByRole('link', { name: mentorName, exact: true }).count()) === 0) {
    await chooseMentor(mine, mentorName);
    await mine.getByRole('button', { name: 'Change mentor' }).click();
  }
  await expect(page.getByTestId('pair')).toHaveCount(1);
  // (the pair's text also lists other mentors: her mentor is the pair's link)
  await expect(mine.getByRole('link', { name: mentorName, exact: true })).toBeVisible();
  await expect(mine).toContainText('Under 18');
  await expect(mine).toContainText(/Fit \d+/);
  await expect(page.getByTestId('totals')).toContainText('1 pair, total fit');

  // publish, after a confirmation
  await page.getByText('Publish these pairs').click();
  await expect(page.getByText('This starts 1 mentorship')).toBeVisible();
  await page.getByRole('button', { name: 'Yes, start the mentorships' }).click();
  await expect(page.getByRole('status')).toHaveText('Published: 1 mentorship started.');
  await expect(page.getByText('Published', { exact: true })).toBeVisible();
  await expect(mine.getByRole('link', { name: 'Open the mentorship' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove pair' })).toHaveCount(0);
  await expectAccessible(page);

  // she is told, and the mentorship is there
  await mentee.goto('/notifications');
  await expect(mentee.getByText(`The programme matched you with a mentor: ${mentorName}.`)).toBeVisible();
  await mentee.goto('/mentorships');
  await expect(mentee.getByRole('link', { name: mentorName })).toBeVisible();
  await menteeContext.close();
});

test('only administrators reach cohort matching', async ({ page }, info) => {
  await signUp(page, uniqueEmail(info, 'curious'), 'Curious', 'Mentee');
  const res = await page.goto('/admin/matching');
  expect(res!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Cohort matching');
});
