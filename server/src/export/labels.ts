/**
 * Wording of the result documents. German is the default: the record of the day is usually
 * handed in to a German public body. Keys are shared by every format so PDF, DOCX and Markdown
 * say the same thing.
 */

export const ExportLanguage = { de: 'de', en: 'en' } as const
export type ExportLanguage = (typeof ExportLanguage)[keyof typeof ExportLanguage]

/** The form of a count's sentence the language's plural rules pick (CLDR categories, as i18next uses). */
function plural(language: ExportLanguage, n: number, forms: { one: string; other: string }): string {
  return new Intl.PluralRules(language).select(n) === 'one' ? forms.one : forms.other
}

const de = {
  reportTitle: 'Ergebnisprotokoll',
  workshopSummaryTitle: 'Gesamtübersicht der Veranstaltung',
  workshop: 'Veranstaltung',
  table: 'Thementisch',
  question: 'Leitfrage',
  facilitator: 'Moderation',
  place: 'Ort',
  recorder: 'Protokollführung',
  rejectedCards: 'Abgelehnte Karten (Moderation)',
  logo: 'Logo',
  date: 'Datum',
  participants: 'Teilnehmende',
  ideasCount: 'Ideen',
  generatedAt: 'Erstellt am',
  contents: 'Inhalt',
  boardPicture: 'Bild des Boards',
  pictureIllegible:
    'Das Bild des Boards fehlt hier: In dieser Größe wäre die Schrift der Ideenkarten kleiner als 7 pt. Die Exporte als PNG und SVG zeigen das ganze Board.',
  pictureAlt: (what: string) => `Bild des Boards: ${what}. Alle Ideen stehen als Text in diesem Protokoll.`,
  clusters: 'Themengruppen',
  cluster: 'Themengruppe',
  unclustered: 'Ideen ohne Themengruppe',
  rounds: 'Abstimmungsrunden',
  round: 'Abstimmungsrunde',
  shortlist: 'Shortlist (engere Auswahl)',
  comments: 'Kommentare',
  commentsCount: 'Anzahl Kommentare',
  idea: 'Idee',
  text: 'Text',
  author: 'Autor/in',
  anonymous: 'anonym',
  votes: 'Punkte',
  rank: 'Rang',
  shortlisted: 'Shortlist',
  yes: 'ja',
  no: 'nein',
  none: '—',
  noIdeas: 'Keine Ideen.',
  noRounds: 'Es gab keine Abstimmungsrunde.',
  noVotes: 'In dieser Runde wurden keine Punkte vergeben.',
  emptyShortlist: 'Die Shortlist ist leer.',
  dotsPerParticipant: 'Punkte pro Person',
  maxPerIdea: 'Höchstens pro Idee',
  unlimited: 'unbegrenzt',
  anonymousVoting: 'Anonyme Abstimmung',
  eligible: 'Zur Wahl',
  eligibleAll: 'alle Ideen',
  eligibleSome: (n: number) => `${n} ausgewählte Ideen`,
  status: 'Status',
  statusOpen: 'offen',
  statusClosed: 'geschlossen',
  statusRevealed: 'veröffentlicht',
  voters: 'Abstimmende',
  totalVotes: 'Punkte insgesamt',
  removedIdea: '(entfernte Idee)',
  proxyVotes: (n: number) => `davon ${n} stellvertretend`,
  proxyVotesColumn: 'davon stellvertretend',
  page: (n: number, total: number) => `Seite ${n} von ${total}`,
  roundTitle: (index: number) => `Runde ${index}`,
  summaryShortlists: 'Shortlists aller Thementische',
  summaryBoards: 'Thementische',
  omittedItems: (n: number) =>
    plural('de', n, {
      one: `${n} Element konnte nicht dargestellt werden.`,
      other: `${n} Elemente konnten nicht dargestellt werden.`,
    }),
} as const

export type Labels = { readonly [K in keyof typeof de]: (typeof de)[K] extends string ? string : (typeof de)[K] }

const en: Labels = {
  reportTitle: 'Results report',
  workshopSummaryTitle: 'Workshop summary',
  workshop: 'Workshop',
  table: 'Table',
  question: 'Guiding question',
  facilitator: 'Facilitator',
  place: 'Place',
  recorder: 'Minutes taken by',
  rejectedCards: 'Cards rejected in moderation',
  logo: 'Logo',
  date: 'Date',
  participants: 'Participants',
  ideasCount: 'Ideas',
  generatedAt: 'Generated',
  contents: 'Contents',
  boardPicture: 'Picture of the board',
  pictureIllegible:
    'The picture of the board is left out: at this size the text on the idea cards would be smaller than 7 pt. The PNG and SVG exports show the whole board.',
  pictureAlt: (what: string) => `Picture of the board: ${what}. Every idea is listed as text in this report.`,
  clusters: 'Clusters',
  cluster: 'Cluster',
  unclustered: 'Ideas without a cluster',
  rounds: 'Voting rounds',
  round: 'Voting round',
  shortlist: 'Shortlist',
  comments: 'Comments',
  commentsCount: 'Comments',
  idea: 'Idea',
  text: 'Text',
  author: 'Author',
  anonymous: 'anonymous',
  votes: 'Votes',
  rank: 'Rank',
  shortlisted: 'Shortlisted',
  yes: 'yes',
  no: 'no',
  none: '—',
  noIdeas: 'No ideas.',
  noRounds: 'There was no voting round.',
  noVotes: 'No dots were placed in this round.',
  emptyShortlist: 'The shortlist is empty.',
  dotsPerParticipant: 'Dots per participant',
  maxPerIdea: 'Max. per idea',
  unlimited: 'unlimited',
  anonymousVoting: 'Anonymous voting',
  eligible: 'Eligible',
  eligibleAll: 'all ideas',
  eligibleSome: (n: number) => `${n} selected ideas`,
  status: 'Status',
  statusOpen: 'open',
  statusClosed: 'closed',
  statusRevealed: 'revealed',
  voters: 'Voters',
  totalVotes: 'Total votes',
  removedIdea: '(removed idea)',
  proxyVotes: (n: number) => `${n} by proxy`,
  proxyVotesColumn: 'By proxy',
  page: (n: number, total: number) => `Page ${n} of ${total}`,
  roundTitle: (index: number) => `Round ${index}`,
  summaryShortlists: 'Shortlists of all tables',
  summaryBoards: 'Tables',
  omittedItems: (n: number) =>
    plural('en', n, { one: `${n} item could not be shown.`, other: `${n} items could not be shown.` }),
}

/** A ranking's vote cell: the count, and how many of them were proxy votes (named, on someone's behalf). */
export function votesCell(l: Labels, entry: { votes: number; proxyVotes?: number }): string {
  return entry.proxyVotes ? `${entry.votes} (${l.proxyVotes(entry.proxyVotes)})` : String(entry.votes)
}

export function labelsFor(language: ExportLanguage | string | undefined): Labels {
  return language === 'en' ? en : de
}

/**
 * A calendar date for the document. `YYYY-MM-DD` strings are formatted from their parts so a
 * workshop date never shifts by a day with the server's time zone.
 */
export function formatDate(value: string | number, language: ExportLanguage, timeZone?: string): string {
  const locale = language === 'en' ? 'en-GB' : 'de-DE'
  if (typeof value === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
    if (!match) return value
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date)
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(new Date(value))
}

/**
 * A moment in the organiser's time zone (export settings), with the zone named ("MEZ", "CEST"),
 * so a report built on a UTC server says the time the people in the room saw.
 */
export function formatDateTime(value: number, language: ExportLanguage, timeZone?: string): string {
  const locale = language === 'en' ? 'en-GB' : 'de-DE'
  const date = new Date(value)
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(date)
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(date)
  const zone =
    new Intl.DateTimeFormat(locale, { timeZoneName: 'short', timeZone })
      .formatToParts(date)
      .find((part) => part.type === 'timeZoneName')?.value ?? ''
  return `${day}, ${time} ${zone}`.trim()
}

export function statusLabel(labels: Labels, status: string): string {
  if (status === 'open') return labels.statusOpen
  if (status === 'closed') return labels.statusClosed
  if (status === 'revealed') return labels.statusRevealed
  return status
}
