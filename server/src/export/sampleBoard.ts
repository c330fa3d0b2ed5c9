import { b64Vecs } from '@tldraw/tlschema'
import type { BoardReportInput, CommentInput, RoundInput } from './BoardReport.ts'

/**
 * A realistic board for tests, the benchmark and the sample document: clusters, cards with
 * hostile and multilingual text, an arrow, a drawing, two voting rounds, comments, a shortlist.
 * Kept in src so the bench package can use it without reaching into test folders.
 */
export const SampleTexts = [
  'Mehr Grünflächen in der Innenstadt – Straßenbäume für heiße Sommer',
  'Fahrradstraße zwischen Bahnhof und Universität',
  'Türkçe: şehir içi ulaşım ğ ı İ için ücretsiz otobüs',
  'Polski: zażółć gęślą jaźń – rowery miejskie',
  'عربي: حديقة مجتمعية للجميع',
  'Repair-Café im Quartier 🔧🌱 mit Emoji 🎉',
  '<script>alert("x")</script> & <b>fett</b>',
  '=HYPERLINK("http://example.invalid","klick")',
  'Spalte | mit # Markdown *Sternchen* und "Anführungszeichen"',
  'Donaudampfschifffahrtsgesellschaftskapitänsmützenaufbewahrungsschrankschlüssel',
]

const PAGE = 'page:page'

function card(id: string, text: string, i: number, parentId = PAGE, x = 0, y = 0) {
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'idea-card',
    parentId,
    index: `a${(1000 + i).toString(36)}`,
    x,
    y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: 200,
      h: 140,
      text,
      color: 'yellow',
      author: `Person ${i % 7}`,
      authorId: `p${i % 7}`,
      createdAt: 1_700_000_000_000 + i,
    },
  }
}

function cluster(id: string, title: string, x: number, y: number, w: number, h: number, color: string) {
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'cluster',
    parentId: PAGE,
    index: 'a0',
    x,
    y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w, h, title, color },
  }
}

export interface SampleBoard {
  input: BoardReportInput
  cardIds: string[]
}

/** `cards` idea cards: the sample texts first, then numbered ideas; about a third unclustered. */
export function sampleBoard(cards = SampleTexts.length, options: { votes?: boolean } = {}): SampleBoard {
  const records: unknown[] = [
    { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
    { id: PAGE, typeName: 'page', name: 'Board', index: 'a1', meta: {} },
  ]
  const perCluster = Math.max(1, Math.ceil(cards / 3))
  const clusterDefs = [
    ['c-mobility', 'Mobilität & Verkehr', 'blue'],
    ['c-green', 'Grün in der Stadt <i>', 'green'],
  ] as const
  const cols = Math.max(1, Math.ceil(Math.sqrt(perCluster)))
  const rows = Math.ceil(perCluster / cols)
  clusterDefs.forEach(([id, title, color], k) =>
    records.push(cluster(id, title, k * (cols * 220 + 80), 0, cols * 220 + 40, rows * 160 + 80, color)),
  )
  const cardIds: string[] = []
  for (let i = 0; i < cards; i++) {
    const text = SampleTexts[i] ?? `Idee Nummer ${i + 1}: ein Vorschlag für das Quartier`
    const k = Math.floor(i / perCluster)
    const slot = i % perCluster
    const clusterId = k < clusterDefs.length ? `shape:${clusterDefs[k]![0]}` : undefined
    const x = clusterId ? 20 + (slot % cols) * 220 : (slot % cols) * 220
    const y = clusterId ? 60 + Math.floor(slot / cols) * 160 : rows * 160 + 200 + Math.floor(slot / cols) * 160
    const record = card(`idea${i}`, text, i, clusterId ?? PAGE, x, y)
    records.push(record)
    cardIds.push(record.id)
  }
  records.push({
    id: 'shape:arrow1',
    typeName: 'shape',
    type: 'arrow',
    parentId: PAGE,
    index: 'b1',
    x: 0,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      color: 'black',
      arrowheadEnd: 'arrow',
      arrowheadStart: 'none',
      start: { x: 0, y: 0 },
      end: { x: 100, y: 0 },
      richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'führt zu' }] }] },
    },
  })
  if (cardIds.length >= 2) {
    records.push(
      {
        id: 'binding:a1',
        typeName: 'binding',
        type: 'arrow',
        fromId: 'shape:arrow1',
        toId: cardIds[0],
        props: { terminal: 'start', normalizedAnchor: { x: 1, y: 0.5 } },
        meta: {},
      },
      {
        id: 'binding:a2',
        typeName: 'binding',
        type: 'arrow',
        fromId: 'shape:arrow1',
        toId: cardIds[cardIds.length - 1],
        props: { terminal: 'end', normalizedAnchor: { x: 0, y: 0.5 } },
        meta: {},
      },
    )
  }
  const squiggle = Array.from({ length: 20 }, (_, i) => ({ x: i * 12, y: Math.sin(i / 2) * 30, z: 0.5 }))
  records.push({
    id: 'shape:draw1',
    typeName: 'shape',
    type: 'draw',
    parentId: PAGE,
    index: 'b2',
    x: -300,
    y: 40,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { color: 'red', size: 'm', scale: 1, segments: [{ type: 'free', path: b64Vecs.encodePoints(squiggle) }] },
  })

  const rounds: RoundInput[] = []
  const comments: CommentInput[] = []
  const shortlist: string[] = []
  if (options.votes !== false && cardIds.length > 0) {
    const votes1: Record<string, number> = {}
    const votes2: Record<string, number> = {}
    cardIds.forEach((id, i) => {
      if (i % 3 !== 2) votes1[id] = ((i * 7) % 5) + 1
      if (i < 4) votes2[id] = 4 - i
    })
    rounds.push(
      {
        id: 'round-1',
        openedAt: 1,
        status: 'revealed',
        voters: 7,
        votesByIdea: votes1,
        settings: { dotsPerParticipant: 5, maxPerIdea: 3, anonymous: false, eligibleIdeaIds: null },
      },
      {
        id: 'round-2',
        openedAt: 2,
        status: 'closed',
        voters: 6,
        votesByIdea: votes2,
        settings: { dotsPerParticipant: 3, maxPerIdea: null, anonymous: true, eligibleIdeaIds: cardIds.slice(0, 4) },
      },
    )
    cardIds.slice(0, Math.min(cardIds.length, 6)).forEach((id, i) =>
      comments.push({
        ideaId: id,
        author: i % 2 ? null : 'Moderation',
        text: i === 1 ? '<img src=x onerror=alert(1)> Kommentar' : `Kommentar ${i + 1}: gut begründet – üäöß`,
        createdAt: 1_700_000_100_000 + i,
      }),
    )
    shortlist.push(...cardIds.slice(0, 3))
  }
  return {
    cardIds,
    input: {
      workshop: { id: 'ws_sample', title: 'Regionalforum Zukunft Südstadt 2026', date: '2026-11-21', language: 'de' },
      board: {
        id: 'b_sample',
        title: 'Thementisch 3: Mobilität & Klima',
        question: 'Wie kommen alle klimafreundlich durch die Südstadt?',
      },
      facilitator: 'Dr. Ayşe Müller-Łukasiewicz',
      records,
      rounds,
      comments,
      shortlist,
      now: Date.UTC(2026, 10, 21, 16, 30),
    },
  }
}
