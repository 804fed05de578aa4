import { expect, test } from '@playwright/test';
import { approvedMentor, expectAccessible, PASSWORD, signIn, signUp, uniqueEmail } from './helpers';

test('a mentee asks for mentorship, the mentor accepts, they message and log a session', async ({ page, browser }, info) => {
  const mentorName = `Dinara ${info.project.name} ${Date.now().toString(36)}`;
  const mentor = await approvedMentor(browser, info, mentorName, 'Statistics for beginners.');

  await signUp(page, uniqueEmail(info, 'mentee'), 'Begaiym', 'Mentee');
  await page.goto(mentor.url);
  await expect(page.getByRole('heading', { name: 'Ask for mentorship' })).toBeVisible();
  await expectAccessible(page);
  // the message is required: explained next to the field, what was typed is kept
  await page.getByLabel('What I hope to achieve').fill('Win the olympiad');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.locator('#send_request-message-error')).toHaveText('This field is required.');
  await expect(page.getByLabel('What I hope to achieve')).toHaveValue('Win the olympiad');
  await page.getByLabel('Message').fill('Salam! I love statistics.');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page).toHaveURL(/\/requests$/);
  await expect(page.getByRole('status')).toContainText('Your request is sent.');
  const mine = page.getByTestId('request').filter({ hasText: mentorName });
  await expect(mine).toContainText('Waiting');
  await expectAccessible(page);

  const other = await browser.newContext({ ...info.project.use });
  const mentorPage = await other.newPage();
  await signIn(mentorPage, mentor.email, PASSWORD);
  await mentorPage.goto('/requests');
  const request = mentorPage.getByTestId('request').filter({ hasText: 'Salam! I love statistics.' });
  await expect(request).toContainText('Seen by the mentor');
  await expectAccessible(mentorPage);
  // declining needs a reason
  await request.getByRole('button', { name: 'Decline' }).click();
  await expect(mentorPage.getByTestId('request').filter({ hasText: 'Salam!' }).getByText('Choose one of the options.')).toBeVisible();
  await mentorPage.getByTestId('request').filter({ hasText: 'Salam!' }).getByRole('button', { name: 'Accept' }).click();
  await expect(mentorPage.getByRole('status')).toHaveText('Accepted. Your mentorship has started.');
  await expect(mentorPage.getByTestId('request').filter({ hasText: 'Salam!' })).toContainText('Accepted');
  await other.close();

  await page.reload();
  await expect(page.getByTestId('request').filter({ hasText: mentorName })).toContainText('Accepted');
  await expect(page.getByRole('button', { name: 'Withdraw request' })).toHaveCount(0);

  // inside the mentorship: a message each way and a logged session
  await page.goto('/mentorships');
  await expectAccessible(page);
  await page.getByRole('link', { name: mentorName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(mentorName);
  await page.getByLabel('New message').fill('Salam! Can we start with statistics?');
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('status')).toHaveText('Message sent.');
  await expect(page.getByTestId('message')).toContainText('Salam! Can we start with statistics?');
  await page.getByLabel('New message').fill('My number is 0555 12 34 56');
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('status')).toContainText('an administrator will check it');
  await page.getByLabel('Date').fill('2026-11-20');
  await page.getByLabel('Minutes').fill('45');
  await page.getByLabel('Topics').fill('Mean, median and mode');
  await page.getByRole('button', { name: 'Log session' }).click();
  await expect(page.getByRole('status')).toHaveText('Session logged.');
  await expect(page.getByTestId('session')).toContainText('Mean, median and mode');
  await expectAccessible(page);

  const again = await browser.newContext({ ...info.project.use });
  const mentorAgain = await again.newPage();
  await signIn(mentorAgain, mentor.email, PASSWORD);
  await mentorAgain.goto('/mentorships');
  await mentorAgain.getByRole('link', { name: 'Begaiym' }).click();
  await expect(mentorAgain.getByTestId('message')).toHaveCount(1);
  await expect(mentorAgain.getByTestId('message')).toContainText('Salam! Can we start with statistics?');
  await mentorAgain.getByLabel('New message').fill('Yes! See you on Monday.');
  await mentorAgain.getByRole('button', { name: 'Send message' }).click();
  await expect(mentorAgain.getByRole('status')).toHaveText('Message sent.');
  await again.close();

  await page.reload();
  await expect(page.getByTestId('message').filter({ hasText: 'See you on Monday' })).toBeVisible();
});
