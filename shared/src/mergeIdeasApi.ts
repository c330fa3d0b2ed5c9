import { z } from 'zod'
import { Limits } from './limits.ts'

/** Most cards one "Doppelte zusammenführen" takes (a pile of duplicates, not the whole board). */
export const MERGE_IDEAS_MAX = 20

/** Characters of each merged idea's text kept on the surviving card (`meta.mergedFrom`). */
export const MERGED_EXCERPT_MAX = 280

/**
 * `POST /api/boards/:boardId/ideas/merge`: the first id is the card that stays; the others are
 * merged into it and removed. `text` is the surviving card's text; without it the distinct texts
 * are joined, one per paragraph, in the order given.
 */
export const MergeIdeasBody = z
  .object({
    ideaIds: z.array(z.string().min(1).max(200)).min(2).max(MERGE_IDEAS_MAX),
    text: z
      .string()
      .max(Limits.ideaTextMax)
      .refine((text) => text.trim().length > 0, 'text must not be empty')
      .optional(),
  })
  .strict()
export type MergeIdeasBody = z.infer<typeof MergeIdeasBody>

/** One idea merged into a card, as the card keeps it (`meta.mergedFrom`) and the report shows it. */
export const MergedIdea = z.object({
  id: z.string(),
  /** Its text, cut to `MERGED_EXCERPT_MAX` characters. */
  text: z.string(),
  author: z.string(),
  authorId: z.string(),
  createdAt: z.number(),
})
export type MergedIdea = z.infer<typeof MergedIdea>

export const MergeIdeasResponse = z.object({
  idea: z.object({ id: z.string(), text: z.string(), authors: z.array(z.string()), mergedFrom: z.array(MergedIdea) }),
  /** Comments that moved to the surviving card. */
  movedComments: z.number().int(),
})
export type MergeIdeasResponse = z.infer<typeof MergeIdeasResponse>

/** Error codes of the merge route (besides the common ones). */
export const MergeErrorCode = {
  /** 422: the joined texts are longer than an idea may be; choose a text. */
  textTooLong: 'merge_text_too_long',
  /** 409: a voting round is open; its dots belong to the cards as they are. */
  roundOpen: 'merge_round_open',
} as const

/** The ideas merged into a card, read from its `meta` (untrusted: anything else is ignored). */
export function mergedIdeasOf(meta: unknown): MergedIdea[] {
  const list = (meta as { mergedFrom?: unknown } | null)?.mergedFrom
  if (!Array.isArray(list)) return []
  return list.flatMap((entry: unknown) => {
    const e = entry as Partial<MergedIdea> | null
    return e &&
      typeof e.id === 'string' &&
      typeof e.text === 'string' &&
      typeof e.author === 'string' &&
      typeof e.authorId === 'string' &&
      typeof e.createdAt === 'number'
      ? [{ id: e.id, text: e.text, author: e.author, authorId: e.authorId, createdAt: e.createdAt }]
      : []
  })
}
