import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { votingRoutes } from '../votingRoutes.ts'
import { defineRoute, type PathParamNames, type RouteBody, type RouteParams, routePath } from './route.ts'

describe('defineRoute', () => {
  const route = defineRoute({
    operationId: 'moveCard',
    method: 'POST',
    path: '/api/boards/:boardId/cards/:cardId',
    summary: 'test',
    auth: 'any',
    body: z.object({ x: z.number() }),
    status: 200,
    response: z.object({ ok: z.boolean() }),
  })

  it('gives a route without a params schema one string per path parameter', () => {
    expectTypeOf<PathParamNames<'/api/boards/:boardId/cards/:cardId'>>().toEqualTypeOf<'boardId' | 'cardId'>()
    expectTypeOf<RouteParams<typeof route>>().toEqualTypeOf<{ boardId: string; cardId: string }>()
    expectTypeOf<RouteBody<typeof route>>().toEqualTypeOf<{ x: number }>()
    expect(route.params.parse({ boardId: 'b', cardId: 'c' })).toEqual({ boardId: 'b', cardId: 'c' })
    expect(route.params.safeParse({ boardId: 'b' }).success).toBe(false)
  })

  it('fills in path parameters, encoded', () => {
    expect(routePath(route, { boardId: 'b 1', cardId: 'c?' })).toBe('/api/boards/b%201/cards/c%3F')
  })
})

describe('the voting routes', () => {
  it('have unique operation ids and unique method + path pairs', () => {
    const ids = votingRoutes.map((r) => r.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    const endpoints = votingRoutes.map((r) => `${r.method} ${r.path}`)
    expect(new Set(endpoints).size).toBe(endpoints.length)
  })
})
