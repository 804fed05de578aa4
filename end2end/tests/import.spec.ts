import { expect, test } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, expectAccessible, linkInEmail, signIn, signUp, uniqueEmail } from './helpers';

const HEADER = 'email;name;role;language;region;skills;languages;hours_per_month;career_stage;goals;meeting_format;age_band';

test('an administrator imports mentees from a spreadsheet, and an invited mentee chooses her password', async ({ page, browser }, info) => {
  const email = uniqueEmail(info, 'imported');
  const name = `Айзат ${info.project.name} ${Date.now().toString(36)}`;
  const row = `${email};${name};mentee;ru;naryn;data|Веб-разработка;ky:native|ru:fluent;4;school;Стать аналитиком данных;online;under_18`;

  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('link', { name: 'Import from spreadsheets' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import from spreadsheets');
  await expectAccessible(page);
  const people = page.getByRole('region', { name: 'Mentees and mentors' });

  // a file with a mistake: nothing is imported, the report says where
  await people.getByLabel('CSV file').setInputFiles({
    name: 'sign-ups.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\ufeff${HEADER}\r\n${row.replace('data|', 'knitting|')}\r\n`),
  });
  await people.getByRole('button', { name: 'Check and import' }).click();
  await expect(page).toHaveURL(/\/admin\/import\/\d+$/);
  await expect(page.getByRole('status')).toContainText('Nothing was imported');
  const problem = page.getByTestId('problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('skills');
  await expect(problem).toContainText('Unknown skill: knitting.');
  await expectAccessible(page);

  // the corrected file: imported, and she is invited
  await page.getByRole('link', { name: 'Back to imports' }).click();
  await people.getByLabel('CSV file').setInputFiles({
    name: 'sign-ups.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\ufeff${HEADER}\r\n${row}\r\n`),
  });
  await people.getByRole('button', { name: 'Check and import' }).click();
  await expect(page.getByRole('status')).toContainText('Every row was imported');
  await expect(page.getByText('1 added · 0 updated')).toBeVisible();
  await page.getByRole('link', { name: 'Back to imports' }).click();
  await expect(page.getByTestId('import').first()).toContainText('Imported');
  await expectAccessible(page);

  // her invitation: she chooses a password and is in, with her profile as imported
  const context = await browser.newContext({ ...info.project.use });
  const her = await context.newPage();
  await her.goto(await linkInEmail(email, /\/reset\?token=[A-Za-z0-9_-]+/));
  await expect(her.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');
  await her.getByLabel('New password').fill('my own long passphrase');
  await her.getByRole('button', { name: 'Save the new password' }).click();
  await expect(her).toHaveURL(/\/account$/);
  await her.goto('/profile');
  await expect(her.locator('textarea[name="goals"]')).toHaveValue('Стать аналитиком данных');
  await context.close();
});

test('only administrators reach imports', async ({ page }, info) => {
  await signUp(page, uniqueEmail(info, 'nosy'), 'Nosy', 'Mentee');
  const res = await page.goto('/admin/import');
  expect(res!.status()).toBe(404);
});
