import type { TLRecord } from '@tldraw/tlschema'
import { clusterOf, isCluster, isIdeaCard } from '../domain/ideas.ts'
import type { RoomAccess } from '../sync/roomPorts.ts'
import type { BoardIdea } from './roundView.ts'

/** An idea card as voting and the shortlist need it, read from the board document. */
export interface BoardIdeaCard extends BoardIdea {
  clusterId: string | null
  author: string
  authorId: string
  color: string
}

export interface BoardIdeas {
  /** Oldest first: the board order ties are kept in. */
  ideas: BoardIdeaCard[]
  clusterIds: Set<string>
}

/** The idea cards and clusters of a board's current records. Pure. */
export function readBoardIdeas(records: Iterable<TLRecord>): BoardIdeas {
  const byId = new Map<string, TLRecord>()
  for (const record of records) byId.set(record.id, record)
  const ideas: BoardIdeaCard[] = []
  const clusterIds = new Set<string>()
  for (const record of byId.values()) {
    if (isCluster(record)) clusterIds.add(record.id)
    if (!isIdeaCard(record)) continue
    ideas.push({
      id: record.id,
      text: record.props.text,
      createdAt: record.props.createdAt,
      clusterId: clusterOf(record, byId),
      author: record.props.author,
      authorId: record.props.authorId,
      color: record.props.color,
    })
  }
  ideas.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
  return { ideas, clusterIds }
}

/** The ideas of a board as its loaded room holds them now (loads the room if needed). */
export async function loadBoardIdeas(rooms: RoomAccess, boardId: string): Promise<BoardIdeas> {
  const room = await rooms.open(boardId)
  try {
    // Read synchronously right after open: the room cannot be unloaded in between.
    return readBoardIdeas([...room.records.map.values()].map((entry) => entry.val))
  } finally {
    rooms.releaseIfIdle(room)
  }
}

/**
 * One idea card of a board by id, or null (loads the room if needed). A vote tap needs only the
 * card it is for: reading every record per tap made a plenary's first seconds, 500 people
 * tapping at once, scan the whole board 1,500 times.
 */
export async function findBoardIdea(
  rooms: RoomAccess,
  boardId: string,
  ideaId: string,
): Promise<Pick<BoardIdeaCard, 'id' | 'text'> | null> {
  const room = await rooms.open(boardId)
  try {
    const record = room.records.get(ideaId)
    return record !== undefined && isIdeaCard(record) ? { id: record.id, text: record.props.text } : null
  } finally {
    rooms.releaseIfIdle(room)
  }
}
