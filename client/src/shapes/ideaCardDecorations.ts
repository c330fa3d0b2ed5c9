import type { IdeaCardShape } from '@pinnwand/shared/boardSchema'
import type { ComponentType } from 'react'
import { CommentBadge } from '../comments/CommentBadge.tsx'
import { VoteDecoration } from '../voting/VoteDecoration.tsx'

/**
 * Small overlays drawn on every idea card from data that lives outside the card record
 * (comment count, vote dots …). Each feature adds one component here; a decoration renders
 * nothing when it has nothing to show.
 */
export const ideaCardDecorations: ComponentType<{ shape: IdeaCardShape }>[] = [CommentBadge, VoteDecoration]
