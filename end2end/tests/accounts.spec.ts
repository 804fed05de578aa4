import { expect, test } from '@playwright/test';
import { expectAccessible, openMenuLink, PASSWORD, uniqueEmail } from './helpers';

test('sign up, sign out, sign in, switch language, sign out', async ({ page }, info) => {
  const email = uniqueEmail(info, 'aigerim');

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a mentor. Build your path in STEM.');
  await expectAccessible(page);

  await openMenuLink(page, 'Join');
  await expect(page).toHaveURL(/\/signup$/);
  await expectAccessible(page);

  // bad input first: messages next to the fields, typed values kept (not the password)
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Name shown to others').fill('Aigerim E2E');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#sign_up-email-error')).toHaveText('Enter an email address like name@example.com.');
  await expect(page.locator('#sign_up-password-error')).toHaveText('Use at least 12 characters.');
  await expect(page.getByRole('alert')).toContainText('Please correct the fields marked below.');
  await expect(page.getByLabel('Name shown to others')).toHaveValue('Aigerim E2E');
  await expect(page.getByLabel('Email')).toHaveValue('not-an-email');
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel(/^Mentor/).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('status')).toHaveText('Welcome, Aigerim E2E! Your account is ready.');
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText('Mentor', { exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('status')).toHaveText('You have signed out.');

  await openMenuLink(page, 'Sign in');
  await expect(page).toHaveURL(/\/signin$/);
  await expectAccessible(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not the right password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The email or password is not right.');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expectAccessible(page);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('status')).toHaveText('Welcome back, Aigerim E2E.');

  // the language switch keeps us on the page and persists
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Мой аккаунт');
  await expect(page.getByText('Наставник', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Найдите наставника. Постройте свой путь в STEM.');

  await page.getByRole('button', { name: 'Кыргызча' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ky');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Насаатчы табыңыз. STEMдеги жолуңузду куруңуз.');
  await expectAccessible(page);

  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Менин аккаунтум');
  await page.getByRole('button', { name: 'Чыгуу' }).click();
  await expect(page.getByRole('status')).toHaveText('Сиз аккаунттан чыктыңыз.');

  // signed out for real: the account page sends us to sign in
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin$/);
});

test('a duplicate email is explained next to the field', async ({ page }, info) => {
  const email = uniqueEmail(info, 'dup');
  for (let i = 0; i < 2; i++) {
    await page.context().clearCookies();
    await page.goto('/signup');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name shown to others').fill('Dup');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
  }
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.locator('#sign_up-email-error')).toHaveText(
    'An account with this email already exists. Sign in instead.',
  );
  await expectAccessible(page);
});
