import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible, PASSWORD, signUp, uniqueEmail } from './helpers';

test('a person downloads her data, then deletes her account', async ({ page }, info) => {
  const email = uniqueEmail(info, 'leaving');
  await signUp(page, email, 'Nurzhan Leaving', 'Mentee');
  await page.goto('/account');
  await page.getByRole('link', { name: 'Download everything the platform holds about you' }).click();
  await expect(page).toHaveURL(/\/account\/data$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My data');
  await expectAccessible(page);

  // both downloads, each a file she keeps
  let download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download as a page to read (HTML)' }).click();
  let file = await download;
  expect(file.suggestedFilename()).toBe('my-data.html');
  expect(readFileSync((await file.path())!, 'utf8')).toContain('Nurzhan Leaving');
  download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download for other programs (JSON)' }).click();
  file = await download;
  expect(file.suggestedFilename()).toBe('my-data.json');
  const data = JSON.parse(readFileSync((await file.path())!, 'utf8'));
  const account = data.parts.find((p: { name: string }) => p.name === 'account');
  expect(account.rows[0].email).toBe(email);

  // deleting asks for her password; a wrong one changes nothing
  const section = page.getByRole('region', { name: 'Delete my account' });
  await expect(section).toContainText('This cannot be undone.');
  await section.getByLabel('Your password, to confirm').fill('not my password');
  await section.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(page.getByRole('region', { name: 'Delete my account' })).toContainText('This is not your current password.');
  await expect(page).toHaveURL(/\/account\/data/);
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');

  await page.goto('/account/data');
  await page.getByLabel('Your password, to confirm').fill(PASSWORD);
  await page.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(page.getByRole('status')).toContainText('Your account is deleted.');
  await expectAccessible(page);

  // she is signed out, and the address and password open nothing
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('The email or password is not right.')).toBeVisible();
});
