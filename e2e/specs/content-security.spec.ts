import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/test.ts'

/** Console lines in which the browser reports a blocked resource or a policy it did not understand. */
function watchPolicyViolations(page: Page): string[] {
  const violations: string[] = []
  page.on('console', (message) => {
    const text = message.text()
    if (/Content Security Policy|Refused to|Permissions-Policy|Permissions policy/i.test(text)) violations.push(text)
  })
  page.on('pageerror', (error) => {
    if (/Content Security Policy|Refused to/i.test(error.message)) violations.push(error.message)
  })
  return violations
}

test.describe('the web app under its Content-Security-Policy', () => {
  test(
    'every page loads and works with no policy violation in the console',
    { tag: '@desktop' },
    async ({ page, board, workshop, server }) => {
      const violations = watchPolicyViolations(page)
      const token = encodeURIComponent(workshop.facilitatorToken)

      const start = await page.goto('/')
      expect(start?.headers()['content-security-policy']).toContain("script-src 'self'")
      expect(start?.headers()['cache-control']).toBe('no-cache')
      await expect(page.locator('#root')).not.toBeEmpty()

      await page.goto(`/join/${workshop.joinCode}`)
      await expect(page.locator('#root')).not.toBeEmpty()

      await page.goto(`/w/${workshop.id}?token=${token}`)
      await expect(page.getByText(workshop.joinCode.slice(0, 3)).first()).toBeVisible()

      // The board: canvas, fonts, icons, the WebSocket and a new card all under the policy.
      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()
      await board.createIdeaCard('Unter der Richtlinie')
      await expect.poll(() => board.cardTexts()).toContain('Unter der Richtlinie')

      await page.goto(`/w/${workshop.id}/projector?token=${token}`)
      await expect(page.locator('#root')).not.toBeEmpty()
      await page.waitForTimeout(500)

      expect(violations, `policy violations on ${server.url}`).toEqual([])
    },
  )
})
