export const Languages = ['de', 'en'] as const
export type Language = (typeof Languages)[number]
