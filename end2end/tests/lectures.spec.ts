import { expect, Page, test } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, expectAccessible, signIn, signUp, uniqueEmail } from './helpers';

/** "YYYY-MM-DDTHH:MM" in Bishkek (UTC+6 all year) `minutes` from now, as a datetime-local input takes it. */
function bishkekIn(minutes: number) {
  return new Date(Date.now() + minutes * 60_000 + 6 * 3_600_000).toISOString().slice(0, 16);
}

async function publish(page: Page, title: string, startsIn: number, capacity: number) {
  await page.goto('/lectures');
  await page.getByRole('link', { name: 'Publish a lecture' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Publish a lecture');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Topic').selectOption('leadership');
  await page.getByLabel('Speaker').fill('Dr. Aizada Sadykova');
  await page.locator('select[name="language"]').selectOption('ru');
  await page.getByLabel('Start').fill(bishkekIn(startsIn));
  await page.getByLabel(/Length in minutes/).fill('60');
  await page.getByLabel('Places').fill(String(capacity));
  await page.getByLabel(/Online link/).fill('https://meet.example.org/leadership-e2e');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page).toHaveURL(/\/lectures\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  return page.url();
}

test('a mentee registers, sees the link from an hour before, and the waiting list promotes the next person', async ({ page, browser }, info) => {
  const stamp = `${info.project.name} ${Date.now().toString(36)}`;
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  const soon = await publish(page, `Лидерство ${stamp}`, 30, 1);
  await expectAccessible(page);
  const later = await publish(page, `Later ${stamp}`, 3 * 24 * 60, 50);

  // Aida registers for both: the link of the one starting in half an hour shows, the other's waits
  await page.context().clearCookies();
  await signUp(page, uniqueEmail(info, 'aida'), 'Aida', 'Mentee');
  await page.goto(later);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('status')).toContainText('You are registered');
  await expect(page.getByTestId('lecture-link-later')).toContainText('The online link appears here from');
  await expect(page.getByTestId('lecture-link')).toHaveCount(0);
  await page.goto(soon);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByTestId('lecture-my-place')).toHaveText('You are registered.');
  await expect(page.getByTestId('lecture-link')).toContainText('https://meet.example.org/leadership-e2e');
  await expect(page.getByTestId('lecture-places')).toContainText('1 of 1 place taken');
  await expectAccessible(page);
  await page.goto('/account');
  await expect(page.getByRole('region', { name: 'My lectures' }).getByTestId('lecture')).toHaveCount(2);

  // Bakyt, in Tokyo, finds it full and joins the waiting list
  const context = await browser.newContext({ ...info.project.use });
  const him = await context.newPage();
  await signUp(him, uniqueEmail(info, 'bakyt'), 'Bakyt', 'Mentee');
  await him.getByLabel('Time zone', { exact: true }).selectOption('Asia/Tokyo');
  await him.getByRole('button', { name: 'Save time zone' }).click();
  await expect(him.getByRole('status')).toContainText('Your time zone is saved');
  await him.goto(soon);
  await expect(him.getByText('Times are shown in Tokyo time.')).toBeVisible();
  await expect(him.getByTestId('lecture-link')).toHaveCount(0);
  await him.getByRole('button', { name: 'Join the waiting list' }).click();
  await expect(him.getByTestId('lecture-my-place')).toHaveText('You are number 1 on the waiting list.');
  await expectAccessible(him);

  // Aida gives up her place (after confirming); Bakyt is promoted, told, and sees the link
  await page.goto(soon);
  await page.getByText('Cancel my registration').click();
  await page.getByRole('button', { name: 'Yes, give up my place' }).click();
  await expect(page.getByRole('status')).toContainText('You gave up your place');
  await him.goto(soon);
  await expect(him.getByTestId('lecture-my-place')).toHaveText('You are registered.');
  await expect(him.getByTestId('lecture-link')).toBeVisible();
  await him.goto('/notifications');
  await expect(him.getByText(/A place opened up/)).toBeVisible();
  await context.close();
});

test('the lectures page lists, pages and offers a calendar; only publishers may publish', async ({ page }, info) => {
  await signUp(page, uniqueEmail(info, 'reader'), 'Reader', 'Mentee');
  await page.goto('/lectures');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lectures and trainings');
  await expect(page.getByRole('link', { name: 'Publish a lecture' })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Past lectures' }).click();
  await expect(page).toHaveURL(/past=1/);
  await page.getByRole('button', { name: 'Get my calendar address' }).click();
  await expect(page.getByRole('status')).toContainText('/calendar/');
  const address = (await page.getByRole('status').textContent())!.match(/https?:\/\/\S+\.ics/)![0];
  const feed = await page.request.get(address);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  const res = await page.goto('/lectures/new');
  expect(res!.status()).toBe(404);
});

test('an administrator names a speaker, who may then publish', async ({ page, browser }, info) => {
  const email = uniqueEmail(info, 'speaker');
  const context = await browser.newContext({ ...info.project.use });
  const her = await context.newPage();
  await signUp(her, email, 'Speaker', 'Mentor');
  await expectAccessible(her);
  await her.goto('/lectures');
  await expect(her.getByRole('link', { name: 'Publish a lecture' })).toHaveCount(0);

  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto('/lectures');
  await page.getByRole('link', { name: 'Speakers', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Speakers');
  await page.getByLabel('Email address of her account').fill('nobody@example.kg');
  await page.getByRole('button', { name: 'Name a speaker' }).click();
  await expect(page.getByText('No account has this email address')).toBeVisible();
  await page.getByLabel('Email address of her account').fill(email);
  await page.getByRole('button', { name: 'Name a speaker' }).click();
  await expect(page.getByRole('status')).toContainText('She can now publish lectures');
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page);

  await her.goto('/lectures');
  await her.getByRole('link', { name: 'Publish a lecture' }).click();
  await expect(her.getByRole('heading', { level: 1 })).toHaveText('Publish a lecture');
  await context.close();
});
