import { CLUSTER_TYPE, type ClusterShape } from '@pinnwand/shared'
import type { TLGeoShape, TLRecord, TLShape, TLShapeId, TLTextShape } from '@tldraw/tlschema'
import { DEFAULT_PAGE_ID } from './boardDocument.ts'
import { COLLECT_ROLE, COLLECT_ZONE_WIDTH } from './placement.ts'

export const TemplateIds = ['blank', 'thementisch', 'projektmarktplatz', 'ideenwerkstatt', 'plenum'] as const
export type TemplateId = (typeof TemplateIds)[number]

export const isTemplateId = (value: string): value is TemplateId => (TemplateIds as readonly string[]).includes(value)

type Language = 'de' | 'en'

const LABELS = {
  de: {
    cluster: (n: number) => `Themengruppe ${n}`,
    collect: 'Sammeln',
    clusterArea: 'Themengruppen',
    vote: 'Abstimmen',
    project: (n: number) => `Projekt ${n}`,
    feedback: ['Das überzeugt', 'Offene Fragen', 'Anregungen'],
    shortlists: 'Shortlists der Thementische',
  },
  en: {
    cluster: (n: number) => `Theme group ${n}`,
    collect: 'Collect',
    clusterArea: 'Theme groups',
    vote: 'Vote',
    project: (n: number) => `Project ${n}`,
    feedback: ['What convinces', 'Open questions', 'Suggestions'],
    shortlists: 'Shortlists of the theme tables',
  },
} as const

/** tldraw's rich text for one paragraph per line (text and geo labels are rich text in v5). */
export function plainRichText(text: string) {
  return {
    type: 'doc',
    content: text.split('\n').map((line) => ({
      type: 'paragraph',
      ...(line ? { content: [{ type: 'text', text: line }] } : {}),
    })),
  }
}

/** Deterministic ids per board, so a template's shapes are recognisable and never collide. */
const templateId = (boardId: string, name: string) => `shape:tpl_${boardId}_${name}` as TLShapeId

function base(id: TLShapeId, x: number, y: number, index: string, ownerId: string) {
  return {
    id,
    typeName: 'shape' as const,
    parentId: DEFAULT_PAGE_ID as TLShape['parentId'],
    index: index as TLShape['index'],
    x,
    y,
    rotation: 0,
    opacity: 1,
    meta: { createdBy: ownerId, template: true },
  }
}

function questionText(boardId: string, question: string, ownerId: string): TLTextShape {
  return {
    ...base(templateId(boardId, 'question'), 0, -220, 'a0V', ownerId),
    type: 'text',
    // Locked: the guiding question stays where it is while people work around it.
    isLocked: true,
    props: {
      color: 'black',
      size: 'xl',
      font: 'sans',
      textAlign: 'start',
      w: 1400,
      richText: plainRichText(question) as TLTextShape['props']['richText'],
      scale: 1,
      autoSize: false,
    },
  }
}

function cluster(
  boardId: string,
  name: string,
  title: string,
  x: number,
  y: number,
  color: ClusterShape['props']['color'],
  ownerId: string,
): ClusterShape {
  return {
    ...base(templateId(boardId, name), x, y, `a0${name}`, ownerId),
    type: CLUSTER_TYPE,
    isLocked: false,
    props: { w: 760, h: 520, title, color },
  }
}

/** A labelled zone (not a cluster): where a phase of the work happens. */
function zone(
  boardId: string,
  name: string,
  label: string,
  box: { x: number; w: number; h?: number },
  ownerId: string,
  index = `a0${name}`,
): TLGeoShape {
  return {
    ...base(templateId(boardId, name), box.x, 0, index, ownerId),
    type: 'geo',
    isLocked: true,
    props: {
      geo: 'rectangle',
      dash: 'dashed',
      url: '',
      w: box.w,
      h: box.h ?? 1400,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'grey',
      color: 'grey',
      fill: 'none',
      size: 'xl',
      font: 'sans',
      align: 'middle',
      verticalAlign: 'start',
      richText: plainRichText(label) as TLGeoShape['props']['richText'],
    },
  }
}

/**
 * The zone where new ideas land (shared/src/placement: `placeNewCard`), marked
 * `meta.role: 'collect'`, as wide as the cards' grid. Below the other shapes in z-order.
 */
function collectZone(boardId: string, name: string, label: string, x: number, h: number, ownerId: string): TLGeoShape {
  const shape = zone(boardId, name, label, { x, w: COLLECT_ZONE_WIDTH, h }, ownerId, 'a0A')
  return { ...shape, meta: { ...shape.meta, role: COLLECT_ROLE } }
}

/**
 * The records a new board starts with, by template: the guiding question on top, plus the
 * template's areas, among them the collecting area where new ideas land (a blank board has none
 * and uses the fixed band of `DEFAULT_COLLECT_AREA`). Owned by the facilitator (participants
 * can't move or delete them).
 */
export function templateRecords(
  template: string,
  board: { id: string; question: string },
  language: Language,
  facilitatorId: string,
): TLRecord[] {
  const t = LABELS[language]
  const records: TLRecord[] = []
  if (board.question.trim()) records.push(questionText(board.id, board.question.trim(), facilitatorId))
  switch (isTemplateId(template) ? template : 'blank') {
    case 'thementisch':
      records.push(
        collectZone(board.id, 'collect', t.collect, 0, 1720, facilitatorId),
        cluster(board.id, 'c1', t.cluster(1), 1500, 0, 'light-blue', facilitatorId),
        cluster(board.id, 'c2', t.cluster(2), 1500, 600, 'light-green', facilitatorId),
        cluster(board.id, 'c3', t.cluster(3), 1500, 1200, 'light-violet', facilitatorId),
      )
      break
    case 'projektmarktplatz':
      t.feedback.forEach((title, i) => {
        records.push(
          cluster(
            board.id,
            `f${i + 1}`,
            title,
            i * 800,
            0,
            (['light-green', 'yellow', 'light-blue'] as const)[i] ?? 'light-blue',
            facilitatorId,
          ),
        )
      })
      records.push(collectZone(board.id, 'collect', t.collect, 2460, 1400, facilitatorId))
      break
    case 'ideenwerkstatt':
      records.push(
        collectZone(board.id, 'z1', t.collect, 0, 1400, facilitatorId),
        zone(board.id, 'z2', t.clusterArea, { x: 1500, w: 1600 }, facilitatorId),
        zone(board.id, 'z3', t.vote, { x: 3200, w: 1400 }, facilitatorId),
      )
      break
    case 'plenum':
      records.push(
        zone(board.id, 'z1', t.shortlists, { x: 0, w: 3000 }, facilitatorId),
        collectZone(board.id, 'collect', t.collect, 3100, 1400, facilitatorId),
      )
      break
    case 'blank':
      break
  }
  return records
}
