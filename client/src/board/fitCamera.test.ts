import { describe, expect, it } from 'vitest'
import { fitCamera, openingCamera, READABLE_ZOOM, type Rect } from './fitCamera.ts'

const toScreen = (camera: { x: number; y: number; z: number }, point: { x: number; y: number }) => ({
  x: (point.x + camera.x) * camera.z,
  y: (point.y + camera.y) * camera.z,
})
const noInsets = { top: 0, right: 0, bottom: 0, left: 0 }

function screenBox(camera: { x: number; y: number; z: number }, rect: Rect) {
  const a = toScreen(camera, rect)
  const b = toScreen(camera, { x: rect.x + rect.w, y: rect.y + rect.h })
  return { left: a.x, top: a.y, right: b.x, bottom: b.y }
}

describe('fitCamera', () => {
  it('puts a wide board inside the space the controls leave free', () => {
    const content = { x: -2000, y: 300, w: 5000, h: 1800 }
    const insets = { top: 56, right: 16, bottom: 150, left: 112 }
    const camera = fitCamera(content, { w: 1280, h: 800 }, insets)
    const box = screenBox(camera, content)
    expect(box.left).toBeGreaterThanOrEqual(insets.left)
    expect(box.right).toBeLessThanOrEqual(1280 - insets.right)
    expect(box.top).toBeGreaterThanOrEqual(insets.top)
    expect(box.bottom).toBeLessThanOrEqual(800 - insets.bottom)
    // It uses the width: the board is as large as the free width allows.
    expect(box.right - box.left).toBeGreaterThan(1280 - insets.left - insets.right - 60)
  })

  it('fits a tall board on a phone by its height', () => {
    const content = { x: 0, y: 0, w: 900, h: 4000 }
    const insets = { top: 48, right: 0, bottom: 120, left: 0 }
    const camera = fitCamera(content, { w: 390, h: 844 }, insets)
    const box = screenBox(camera, content)
    expect(box.top).toBeCloseTo(48 + 24)
    expect(box.bottom).toBeCloseTo(844 - 120 - 24)
    expect((box.left + box.right) / 2).toBeCloseTo(390 / 2)
  })

  it('does not zoom in past 100 % for a single card, and centres it', () => {
    const camera = fitCamera({ x: 500, y: 500, w: 260, h: 160 }, { w: 1280, h: 800 }, noInsets)
    expect(camera.z).toBe(1)
    expect(toScreen(camera, { x: 630, y: 580 })).toEqual({ x: 640, y: 400 })
  })

  it('keeps a usable zoom for a huge board', () => {
    expect(fitCamera({ x: 0, y: 0, w: 1_000_000, h: 10 }, { w: 1280, h: 800 }, noInsets).z).toBe(0.05)
  })
})

describe('openingCamera', () => {
  // A Thementisch: question, collecting area (x 0–1444) and three clusters (x 1500–2260).
  const thementisch = { x: 0, y: -200, w: 2260, h: 1920 }
  const tabletInsets = { top: 56, right: 0, bottom: 120, left: 64 }

  it('opens an upright tablet readable on the top-left, where the question and first cards are', () => {
    const camera = openingCamera(thementisch, { w: 820, h: 1180 }, tabletInsets)
    expect(camera.z).toBe(READABLE_ZOOM)
    const topLeft = toScreen(camera, { x: thementisch.x, y: thementisch.y })
    expect(topLeft.x).toBeCloseTo(64 + 24)
    expect(topLeft.y).toBeCloseTo(56 + 24)
    // Two full card columns (260 + 24 wide) and more are in view.
    expect(toScreen(camera, { x: 24 + 2 * 284, y: 0 }).x).toBeLessThan(820)
  })

  it('opens a wide screen on everything, however small', () => {
    const desktop = openingCamera(thementisch, { w: 1280, h: 800 }, { top: 56, right: 16, bottom: 80, left: 112 })
    expect(desktop).toEqual(fitCamera(thementisch, { w: 1280, h: 800 }, { top: 56, right: 16, bottom: 80, left: 112 }))
    expect(desktop.z).toBeLessThan(READABLE_ZOOM)
  })

  it('opens an upright screen on everything when that is readable', () => {
    const small = { x: 0, y: 0, w: 700, h: 900 }
    expect(openingCamera(small, { w: 820, h: 1180 }, tabletInsets)).toEqual(
      fitCamera(small, { w: 820, h: 1180 }, tabletInsets),
    )
  })
})
