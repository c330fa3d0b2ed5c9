import type { BrowserContextOptions, Page } from '@playwright/test'
import { joinWorkshop } from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'
import { BoardPage } from '../pages/BoardPage.ts'

const phone = (options: BrowserContextOptions): BrowserContextOptions => ({
  ...options,
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 2,
})

/**
 * A photo (noise: it does not compress, so well over the 1 MiB an inline image may have) made
 * in the page, dropped onto the canvas as a file — what a person does dragging a photo from the
 * desktop or the phone's gallery.
 */
async function dropPhoto(page: Page, name: string, at: { x: number; y: number }, bytesAtLeast = 1_300_000) {
  const dataTransfer = await page.evaluateHandle(
    async ({ name, bytesAtLeast }) => {
      // A sky-to-meadow gradient with sensor-like noise: looks like a photo, compresses like one.
      const side = Math.ceil(Math.sqrt(bytesAtLeast / 1.2))
      const canvas = new OffscreenCanvas(side, side)
      const context = canvas.getContext('2d')!
      const pixels = context.createImageData(side, side)
      const noise = new Uint8Array(pixels.data.length)
      for (let i = 0; i < noise.length; i += 65_536) crypto.getRandomValues(noise.subarray(i, i + 65_536))
      for (let y = 0; y < side; y++) {
        const t = y / side
        const [r, g, b] = t < 0.6 ? [90 + 100 * t, 160 + 60 * t, 235] : [70, 150 - 40 * t, 60]
        for (let x = 0; x < side; x++) {
          const i = (y * side + x) * 4
          pixels.data[i] = r + (noise[i]! & 63) - 32
          pixels.data[i + 1] = g + (noise[i + 1]! & 63) - 32
          pixels.data[i + 2] = b + (noise[i + 2]! & 63) - 32
          pixels.data[i + 3] = 255
        }
      }
      context.putImageData(pixels, 0, 0)
      const blob = await canvas.convertToBlob({ type: 'image/png' })
      const transfer = new DataTransfer()
      transfer.items.add(new File([blob], name, { type: 'image/png' }))
      return transfer
    },
    { name, bytesAtLeast },
  )
  const size = await dataTransfer.evaluate((t) => t.files[0]!.size)
  const target = page.locator('.tl-canvas')
  const point = { clientX: at.x, clientY: at.y }
  await target.dispatchEvent('dragenter', { dataTransfer, ...point })
  await target.dispatchEvent('dragover', { dataTransfer, ...point })
  await target.dispatchEvent('drop', { dataTransfer, ...point })
  return size
}

/** The pictures on this person's canvas that have really loaded (decoded, with pixels). */
function loadedPictures(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      Array.from(document.querySelectorAll<HTMLImageElement>('.tl-image, .tl-shape img')).filter(
        (img) => img.complete && img.naturalWidth > 0,
      ).length,
  )
}

/** Asset records of the board as the person's own copy of the document holds them. */
function imageSources(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    window
      .__pinnwand!.editor.getAssets()
      .filter((asset) => asset.type === 'image')
      .map((asset) => String(asset.props.src)),
  )
}

test.describe('pictures on the board', () => {
  test('a dropped photo over 1 MiB is uploaded, seen by another participant, and still there after reload', async ({
    board,
    workshop,
    newUser,
    browser,
    server,
    projectContextOptions,
  }, testInfo) => {
    // Four people on three kinds of device, a 1.3 MB picture, one reload: more than the default minute on 2 cores.
    test.setTimeout(150_000)
    const anna = await newUser('Anna')
    const ben = await newUser('Ben')
    await Promise.all([
      anna.board.open(workshop.boardId, anna.participant.token),
      ben.board.open(workshop.boardId, ben.participant.token),
    ])
    await Promise.all([anna.board.waitForConnected(), ben.board.waitForConnected()])

    const uploads: string[] = []
    anna.context.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/assets')) uploads.push(request.url())
    })
    const bytes = await dropPhoto(anna.board.page, 'flipchart.png', { x: 500, y: 400 })
    expect(bytes).toBeGreaterThan(1024 * 1024)

    // Anna sees her picture, Ben sees it too: both loaded it from the server.
    await expect.poll(() => loadedPictures(anna.board.page), { timeout: 20_000 }).toBe(1)
    await expect.poll(() => loadedPictures(ben.board.page), { timeout: 20_000 }).toBe(1)
    expect(uploads).toHaveLength(1)
    // The document holds the server's address of the picture, never the picture itself.
    const sources = await imageSources(ben.board.page)
    expect(sources.length).toBeGreaterThan(0)
    for (const src of sources) expect(src).toMatch(new RegExp(`^/api/boards/${workshop.boardId}/assets/img`))

    await ben.board.page.reload()
    await ben.board.waitForMounted()
    await ben.board.waitForConnected()
    await expect.poll(() => loadedPictures(ben.board.page), { timeout: 20_000 }).toBe(1)

    // The facilitator opening the board later sees it as well.
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await expect.poll(() => loadedPictures(board.page), { timeout: 20_000 }).toBe(1)
    await board.page.screenshot({ path: `../docs/screenshots/image-upload-${testInfo.project.name}.png`, scale: 'css' })

    // And a participant on a phone, joining last, on the canvas (the idea list is a phone's start).
    const carla = await joinWorkshop(server.url, workshop, 'Carla')
    const context = await browser.newContext(phone(projectContextOptions))
    const onPhone = new BoardPage(await context.newPage(), { touch: true })
    await onPhone.open(workshop.boardId, carla.token)
    await onPhone.waitForConnected()
    await expect.poll(() => loadedPictures(onPhone.page), { timeout: 20_000 }).toBe(1)
    // A phone opens on the idea list; one tap on its tab shows the canvas with the picture.
    await onPhone.page.getByRole('tab', { name: 'Ideas' }).tap()
    await expect(onPhone.page.getByRole('tab', { name: 'Ideas' })).toHaveAttribute('aria-selected', 'false')
    await onPhone.page.screenshot({ path: '../docs/screenshots/image-upload-phone.png', scale: 'css' })
    await context.close()
  })

  test(
    'a participant replaces her own picture with another one',
    { tag: '@desktop' },
    async ({ workshop, newUser }) => {
      const anna = await newUser('Anna')
      const page = anna.board.page
      await anna.board.open(workshop.boardId, anna.participant.token)
      await anna.board.waitForConnected()
      await dropPhoto(page, 'erstes.png', { x: 500, y: 400 })
      await expect.poll(() => loadedPictures(page), { timeout: 20_000 }).toBe(1)

      // Select the picture, then "Replace" in its toolbar and choose another file.
      await page.mouse.click(500, 400)
      const replace = page.getByTestId('tool.image-replace')
      await expect(replace).toBeVisible()
      const png = await page.evaluate(async () => {
        const canvas = new OffscreenCanvas(300, 200)
        const context = canvas.getContext('2d')!
        context.fillStyle = '#c0392b'
        context.fillRect(0, 0, 300, 200)
        const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer())
        return btoa(String.fromCharCode(...bytes))
      })
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), replace.click()])
      await chooser.setFiles({ name: 'zweites.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') })

      // The shape now shows the new upload, and the server kept it (nothing was reverted).
      await expect
        .poll(() =>
          page.evaluate(() => {
            const editor = window.__pinnwand!.editor
            const shape = editor.getCurrentPageShapes().find((s) => s.type === 'image')
            const asset = editor.getAssets().find((a) => a.id === shape?.props.assetId)
            return asset ? [asset.props.w, asset.props.h] : null
          }),
        )
        .toEqual([300, 200])
      await page.reload()
      await anna.board.waitForMounted()
      await expect.poll(() => loadedPictures(page), { timeout: 20_000 }).toBe(1)
      expect(
        await page.evaluate(
          () => window.__pinnwand!.editor.getCurrentPageShapes().find((s) => s.type === 'image')?.props.w,
        ),
      ).toBe(300)
    },
  )

  test(
    'a dropped web address becomes text, with no request to it',
    { tag: '@desktop' },
    async ({ workshop, newUser }) => {
      const anna = await newUser('Anna')
      const page = anna.board.page
      await anna.board.open(workshop.boardId, anna.participant.token)
      await anna.board.waitForConnected()
      const dataTransfer = await page.evaluateHandle(() => {
        const transfer = new DataTransfer()
        transfer.setData('url', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ')
        return transfer
      })
      const target = page.locator('.tl-canvas')
      await target.dispatchEvent('dragover', { dataTransfer, clientX: 500, clientY: 400 })
      await target.dispatchEvent('drop', { dataTransfer, clientX: 500, clientY: 400 })
      // Text, not a bookmark card (tldraw fetches the page for its preview) nor an embed (an
      // iframe of the page); the network guard fails the test on any request outside localhost.
      await expect
        .poll(() => page.evaluate(() => window.__pinnwand!.editor.getCurrentPageShapes().map((shape) => shape.type)))
        .toEqual(['text'])
      await expect(page.locator('.tl-shape').getByText('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBeVisible()
    },
  )

  test('a file that is no picture is refused with a polite message, and nothing lands on the board', async ({
    workshop,
    newUser,
  }, testInfo) => {
    const anna = await newUser('Anna')
    await anna.board.open(workshop.boardId, anna.participant.token)
    await anna.board.waitForConnected()
    const dataTransfer = await anna.board.page.evaluateHandle(() => {
      const transfer = new DataTransfer()
      transfer.items.add(new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.svg', { type: 'image/svg+xml' }))
      return transfer
    })
    const target = anna.board.page.locator('.tl-canvas')
    await target.dispatchEvent('dragover', { dataTransfer, clientX: 400, clientY: 300 })
    await target.dispatchEvent('drop', { dataTransfer, clientX: 400, clientY: 300 })
    // tldraw's toast: a title and the reason, in the person's language.
    await expect(anna.board.page.locator('.tlui-toast__title')).toHaveText('The picture could not be added')
    await expect(anna.board.page.locator('.tlui-toast__description')).toContainText(
      '“logo.svg” is not a PNG, JPEG, GIF or WebP picture',
    )
    expect(await imageSources(anna.board.page)).toEqual([])
    await anna.board.page.screenshot({
      path: `../docs/screenshots/image-refused-${testInfo.project.name}.png`,
      scale: 'css',
    })

    // In German, formally ("Sie"), with the same reason.
    await anna.board.page
      .getByRole('listitem')
      .filter({ hasText: 'The picture could not be added' })
      .getByRole('button', { name: 'Close' })
      .click()
    await anna.board.page.getByRole('button', { name: 'DE (Deutsch)' }).click()
    await target.dispatchEvent('dragover', { dataTransfer, clientX: 400, clientY: 300 })
    await target.dispatchEvent('drop', { dataTransfer, clientX: 400, clientY: 300 })
    await expect(anna.board.page.locator('.tlui-toast__title')).toHaveText('Das Bild konnte nicht eingefügt werden')
    await expect(anna.board.page.locator('.tlui-toast__description')).toHaveText(
      '„logo.svg“ ist kein PNG-, JPEG-, GIF- oder WebP-Bild. Bitte fügen Sie ein solches Bild ein.',
    )
    await anna.board.page.screenshot({
      path: `../docs/screenshots/image-refused-de-${testInfo.project.name}.png`,
      scale: 'css',
    })
  })
})
