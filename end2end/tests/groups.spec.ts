import { expect, test } from '@playwright/test';
import { expectAccessible, signUp, uniqueEmail } from './helpers';

/** "YYYY-MM-DDTHH:MM" in Bishkek (UTC+6 all year), `days` from now at 18:00. */
function bishkekDay(days: number) {
  return new Date(Date.now() + days * 86_400_000 + 6 * 3_600_000).toISOString().slice(0, 10) + 'T18:00';
}

test('a mentee starts a group, schedules its meeting; another joins, posts and reports', async ({ page, browser }, info) => {
  const name = `Naryn coders ${info.project.name} ${Date.now().toString(36)}`;
  await signUp(page, uniqueEmail(info, 'organiser'), 'Aida', 'Mentee');
  await page.goto('/groups');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Peer groups');
  await expectAccessible(page);
  const form = page.getByRole('region', { name: 'Start a group' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Where it meets').selectOption('naryn');
  await form.locator('select[name="language"]').selectOption('ky');
  await form.getByLabel('Member limit').fill('8');
  await form.getByRole('button', { name: 'Start the group' }).click();
  await expect(page).toHaveURL(/\/groups\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  const groupUrl = page.url();

  // the organiser schedules a weekly meeting
  await page.getByLabel('How often').selectOption('weekly');
  await page.getByLabel('First (or next) meeting').fill(bishkekDay(2));
  await page.getByLabel('Place or link').fill('Naryn library, room 2');
  await page.getByRole('button', { name: 'Save the meeting' }).click();
  await expect(page.getByRole('status')).toContainText('The meeting is saved');
  await expect(page.getByTestId('group-meeting')).toContainText('Every week; next:');
  await expect(page.getByTestId('group-meeting')).toContainText('18:00');
  await page.getByLabel('Your post').fill('Салам! Биринчи жолугушуу ушул жумада.');
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByTestId('group-post')).toHaveCount(1);
  await expectAccessible(page);

  // another mentee joins, reads, posts and reports the organiser's post
  const context = await browser.newContext({ ...info.project.use });
  const her = await context.newPage();
  await signUp(her, uniqueEmail(info, 'member'), 'Bermet', 'Mentee');
  await her.goto(groupUrl);
  await expect(her.getByTestId('group-post')).toHaveCount(0);
  await expect(her.getByText('Naryn library')).toHaveCount(0);
  await her.getByRole('button', { name: 'Join the group' }).click();
  await expect(her.getByRole('status')).toContainText('Welcome to the group');
  await expect(her.getByTestId('group-members')).toContainText('2 members of 8');
  await expect(her.getByText('Where: Naryn library, room 2')).toBeVisible();
  await her.getByLabel('Your post').fill('Мен да келем!');
  await her.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(her.getByTestId('group-post')).toHaveCount(2);
  const first = her.getByTestId('group-post').first();
  await first.getByText('Report', { exact: true }).click();
  await first.getByLabel('Why are you reporting it?').selectOption('spam');
  await first.getByRole('button', { name: 'Send the report' }).click();
  await expect(her.getByRole('status')).toContainText('Moderators will look at it');
  await expect(her.getByTestId('group-post').first()).toContainText('You reported this.');
  await expectAccessible(her);
  await context.close();

  // the group lists with its next meeting
  await page.goto('/groups');
  await expect(page.getByTestId('group').filter({ hasText: name })).toContainText('You are a member');
});
