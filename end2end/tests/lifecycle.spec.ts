import { Browser, expect, Page, test, TestInfo } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, approvedMentor, expectAccessible, PASSWORD, signIn, signUp, uniqueEmail } from './helpers';

async function asUser(browser: Browser, info: TestInfo, email: string): Promise<Page> {
  const context = await browser.newContext({ ...info.project.use });
  const page = await context.newPage();
  await signIn(page, email, PASSWORD);
  return page;
}

/** The header's unread badge, read from the collapsed phone menu. */
async function unread(page: Page) {
  return page.getByTestId('unread').first();
}

test('notifications tell each side; a mentorship is paused, resumed, completed and rated', async ({ page, browser }, info) => {
  const mentorName = `Saule ${info.project.name} ${Date.now().toString(36)}`;
  const mentor = await approvedMentor(browser, info, mentorName, 'Glaciers and rivers.');
  const menteeEmail = uniqueEmail(info, 'mentee');
  await signUp(page, menteeEmail, 'Nurzat', 'Mentee');
  await page.goto(mentor.url);
  await page.getByLabel('Message').fill('Salam! Glaciers are my passion.');
  await page.getByLabel('What I hope to achieve').fill('Choose a university');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('status')).toContainText('Your request is sent.');

  // the mentor sees one unread notification and follows it to her requests
  const mentorPage = await asUser(browser, info, mentor.email);
  await expect(await unread(mentorPage)).toContainText('1');
  await mentorPage.goto('/notifications');
  await expectAccessible(mentorPage);
  await mentorPage.getByRole('link', { name: 'Nurzat asked you to be her mentor.' }).click();
  await expect(mentorPage).toHaveURL(/\/requests$/);
  await expect(mentorPage.getByTestId('unread')).toHaveCount(0);
  await mentorPage.getByTestId('request').filter({ hasText: 'Glaciers are my passion' }).getByRole('button', { name: 'Accept' }).click();
  await expect(mentorPage.getByRole('status')).toHaveText('Accepted. Your mentorship has started.');

  // the mentee is told, and the notice leads into the mentorship
  await page.goto('/notifications');
  await page.getByRole('link', { name: `${mentorName} accepted your request.`, exact: false }).click();
  await expect(page).toHaveURL(/\/mentorships\/\d+$/);
  const mentorshipUrl = page.url();
  await expect(page.getByTestId('mentorship-state')).toHaveText('Active');

  // she pauses it for her exams (a reason is optional), then resumes
  await page.getByText('Pause', { exact: true }).click();
  await page.getByTestId('change-pause').getByLabel('Reason').fill('Exams until June');
  await page.getByRole('button', { name: 'Pause the mentorship' }).click();
  await expect(page.getByRole('status')).toContainText('The mentorship is paused.');
  await expect(page.getByTestId('mentorship-state')).toHaveText('Paused');
  await expect(page.getByTestId('event')).toContainText('Exams until June');
  await expectAccessible(page);
  await page.getByTestId('change-resume').locator('summary').click();
  await page.getByTestId('change-resume').getByRole('button', { name: 'Resume the mentorship' }).click();
  await expect(page.getByRole('status')).toHaveText('The mentorship is active again.');

  // cancelling needs a reason: refused next to the field, nothing changes
  await page.getByText('Cancel', { exact: true }).click();
  await page.getByRole('button', { name: 'Cancel the mentorship' }).click();
  await expect(page.getByTestId('change-cancel').getByText('This field is required.')).toBeVisible();
  await expect(page.getByTestId('mentorship-state')).toHaveText('Active');

  // the mentor was told about the pause; she completes the mentorship
  await mentorPage.goto('/notifications');
  await expect(mentorPage.getByTestId('notification').first()).toContainText('Nurzat resumed your mentorship.');
  await mentorPage.goto(mentorshipUrl);
  await mentorPage.getByText('Complete', { exact: true }).click();
  await mentorPage.getByRole('button', { name: 'Complete the mentorship' }).click();
  await expect(mentorPage.getByRole('status')).toContainText('The mentorship is completed.');
  await mentorPage.getByRole('combobox', { name: /^Rating/ }).selectOption('5');
  await mentorPage.getByLabel('Comment').fill('Nurzat worked hard every week.');
  await mentorPage.getByRole('button', { name: 'Save rating' }).click();
  await expect(mentorPage.getByRole('status')).toHaveText('Thank you! Your rating is saved.');
  await expectAccessible(mentorPage);
  await mentorPage.context().close();

  // the mentee rates too; a comment is required
  await page.goto(mentorshipUrl);
  await expect(page.getByTestId('mentorship-state')).toHaveText('Completed');
  await page.getByRole('combobox', { name: /^Rating/ }).selectOption('4');
  await page.getByRole('button', { name: 'Save rating' }).click();
  await expect(page.locator('#rating-comment-error')).toHaveText('This field is required.');
  await page.getByLabel('Comment').fill('I chose my university thanks to her.');
  await page.getByRole('button', { name: 'Save rating' }).click();
  await expect(page.getByTestId('rating')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Save rating' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send message' })).toHaveCount(0);

  // administrators see the emails in the outbox (sent over SMTP to the run's stand-in server)
  const admin = await browser.newContext({ ...info.project.use });
  const adminPage = await admin.newPage();
  await signIn(adminPage, ADMIN_EMAIL, ADMIN_PASSWORD);
  await adminPage.goto('/admin/outbox');
  await expect(adminPage.getByText('Email is sent over SMTP every minute.')).toBeVisible();
  await expect(adminPage.getByTestId('email').filter({ hasText: menteeEmail }).first()).toBeVisible();
  await expectAccessible(adminPage);
  await admin.close();
});
