import { isLocalUrl } from '../fixtures/networkGuard.ts'
import { expect, test } from '../fixtures/test.ts'

test.describe('no request leaves localhost', () => {
  test('the board loads everything (code, fonts, icons, socket) from its own server', async ({
    board,
    workshop,
    networkLog,
    baseURL,
  }) => {
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()
    await board.createIdeaCard('Offline venue')
    // Let lazy assets (fonts, icons, translations) load.
    await board.page.waitForLoadState('networkidle')

    const requests = networkLog.requests
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.filter((url) => !isLocalUrl(url))).toEqual([])
    // The board's own pieces are among them, so the log is really recording this page.
    const origin = new URL(baseURL!).origin
    expect(requests).toContain(`${origin}/b/${workshop.boardId}?token=${workshop.facilitatorToken}`)
    expect(requests.some((url) => url.startsWith(`${origin}/assets/`))).toBe(true)
    expect(requests.some((url) => url.startsWith(`${origin.replace('http', 'ws')}/ws/${workshop.boardId}`))).toBe(true)
  })

  test('the guard notices a request to another host', async ({ board, workshop, networkLog }) => {
    await board.open(workshop.boardId, workshop.facilitatorToken)
    const outside = 'http://example.invalid/tracker.js'
    // The app's Content-Security-Policy stops this request inside the board page before it
    // leaves the browser; a blank page of the same context has no policy, so what is tested here
    // is the guard's own watch.
    const blank = await board.page.context().newPage()
    await blank.evaluate((url) => fetch(url).catch(() => undefined), outside)
    await expect.poll(() => networkLog.offenders()).toEqual([outside])
    // Deliberate here; anywhere else this request would fail the test in the fixture.
    networkLog.acknowledge(outside)
  })

  test('isLocalUrl accepts only this machine', () => {
    expect(isLocalUrl('http://127.0.0.1:4000/assets/a.js')).toBe(true)
    expect(isLocalUrl('ws://localhost:4000/ws/b?token=t')).toBe(true)
    expect(isLocalUrl('data:font/woff2;base64,AAAA')).toBe(true)
    expect(isLocalUrl('blob:http://127.0.0.1:4000/1234')).toBe(true)
    expect(isLocalUrl('https://cdn.tldraw.com/4.0.0/fonts/IBMPlexSans.woff2')).toBe(false)
    expect(isLocalUrl('https://localhost.example.com/')).toBe(false)
    expect(isLocalUrl('http://127.0.0.2.nip.io/')).toBe(false)
  })
})
