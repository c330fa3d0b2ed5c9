import type { BoardStateMessage } from '@pinnwand/shared'
import type { BoardRoom, RoomEvent } from './BoardRoom.ts'

/*
 * What features may ask of the rooms, one narrow port per concern. `RoomManager` implements
 * all of them; a feature names only the ports it uses, so its dependencies read off its
 * constructor and a test can hand it a small fake instead of a whole room manager.
 */

/** A board's loaded room, to read or change its document; release it when done. */
export interface RoomAccess {
  /** The loaded room of a board; loads it if needed. The caller must know the board exists. */
  open(boardId: string): Promise<BoardRoom>
  /** The room if it is loaded on this instance, without loading it. */
  getLoaded(boardId: string): BoardRoom | undefined
  /** Lets an opened room unload again once nobody is connected. */
  releaseIfIdle(room: BoardRoom): void
}

/** Server-owned board state (lock, phase, rounds, timers) on every instance's sockets. */
export interface BoardStatePublishing {
  setBoardState(boardId: string, patch: Partial<BoardStateMessage>): void
  /** A feature's part of the state a room starts with. */
  addStateProvider(provider: (boardId: string) => Promise<Partial<BoardStateMessage>>): void
}

/** Small values every instance sees (Redis with REDIS_URL, this process's memory without). */
export interface SharedValues {
  getSharedValue(key: string): Promise<string | null>
  setSharedValue(key: string, value: string | null, ttlMs: number): Promise<void>
}

/** Nudges to the other instances: "recompute this board's <topic> from the database". */
export interface RoomSignals {
  signal(boardId: string, topic: string, urgent: boolean): void
  onSignal(topic: string, listener: (boardId: string, urgent: boolean) => void): void
}

/** What happens in rooms: room events (notices, mass deletes) and each load of a board. */
export interface RoomLifecycle {
  onRoomEvent(listener: (boardId: string, event: RoomEvent) => void): void
  onRoomLoaded(listener: (room: BoardRoom) => void): void
}

/** Who is connected, across instances. */
export interface PeoplePresent {
  participantCounts(boardIds: string[]): Promise<Map<string, number>>
  disconnectElsewhere(boardId: string, userId: string, closeCode: number, reason: string): void
}

/** Unloads a deleted board everywhere and refuses to load it again. */
export interface BoardDiscarding {
  discard(boardId: string): Promise<void>
}

/** Everything HTTP routes may do with rooms. */
export type RoomPorts = RoomAccess & BoardStatePublishing & SharedValues & RoomSignals & PeoplePresent & BoardDiscarding
