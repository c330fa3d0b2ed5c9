import type { AnyRoute } from '@pinnwand/shared/contract/route'
import type { z } from 'zod'

/** One operation of the API description (http/openapi.ts turns it into OpenAPI 3.1). */
export type Operation = {
  summary: string
  auth?: 'facilitator' | 'participant' | 'any' | 'none'
  body?: z.ZodType
  responses: Record<string, string>
  query?: Record<string, string>
  /** A raw body (not JSON) of one of these content types, e.g. an uploaded picture. */
  binaryBody?: readonly string[]
}

/** Paths with their operations: the core's in http/openapi.ts, each feature's in its `openapi`. */
export type OpenApiPaths = Record<string, Record<string, Operation>>

/**
 * A part of the API description: declared routes (preferred, with response schemas) or
 * hand-written paths, for the features not converted yet.
 */
export type ApiDescription = OpenApiPaths | readonly AnyRoute[]

export const errors = { '400': 'Invalid request', '401': 'Missing or invalid token', '403': 'Not allowed' }
