import { expect, test } from '@playwright/test';
import { approvedMentor, expectAccessible, signUp, uniqueEmail } from './helpers';

test('a mentee filters mentors and sees how well each one fits', async ({ page, browser }, info) => {
  const jsOn = info.project.use.javaScriptEnabled !== false;
  const word = `zq${Date.now().toString(36)}${info.project.name.replace('-', '')}`;
  const mentorName = `Asel ${word}`;

  // an approved mentor in Naryn who does data science and speaks Kyrgyz
  await approvedMentor(browser, info, mentorName, `I teach ${word} analysis to beginners.`);

  // the mentee: data science, Naryn, Kyrgyz
  await signUp(page, uniqueEmail(info, 'aigerim'), 'Aigerim', 'Mentee');
  await page.goto('/profile');
  await page.getByLabel(/^Age/).selectOption('under_18');
  await page.getByLabel('Where I am now').selectOption('school');
  await page.getByLabel('My goals').fill('Become a data analyst.');
  await page.getByLabel('Data science').check();
  await page.getByLabel('Kyrgyz', { exact: true }).selectOption('native');
  await page.getByLabel('Region').selectOption('naryn');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toHaveText('Your profile is saved.');

  await page.goto('/account');
  await page.locator('summary', { hasText: 'Menu' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Find a mentor' }).click();
  await expect(page).toHaveURL(/\/mentors$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a mentor');
  await expectAccessible(page);

  // free-text search over profiles (a GET form: the same with and without JavaScript)
  await page.getByLabel('Search profiles').fill(word);
  await page.getByRole('button', { name: 'Show mentors' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${word}`));
  const card = page.getByTestId('mentor-card').filter({ hasText: mentorName });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Fit 100/100');
  await expect(card).toContainText('shares Data science · speaks Kyrgyz · also in Naryn region');
  await expect(card).toContainText('2 of 2 places free');
  await expect(page.getByRole('status')).toHaveText('Mentors found: 1');

  // narrowing by a field she does not work in empties the list
  await page.getByLabel('Field').selectOption({ label: 'Energy' });
  if (jsOn) {
    // the island asks the server function and updates in place: no navigation
    await expect(page.getByRole('status')).toHaveText('Mentors found: 0');
    await expect(page).not.toHaveURL(/field=2/);
  } else {
    await page.getByRole('button', { name: 'Show mentors' }).click();
    await expect(page).toHaveURL(/field=2/);
    await expect(page.getByRole('status')).toHaveText('Mentors found: 0');
  }
  await expect(page.getByText('No mentor matches these filters.')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Field').selectOption({ label: 'Software engineering' });
  if (!jsOn) await page.getByRole('button', { name: 'Show mentors' }).click();
  await expect(card).toBeVisible();
  await card.getByRole('link', { name: mentorName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(mentorName);
});
