import { writeFileSync, mkdirSync } from 'node:fs'
import { buildBoardReport } from './BoardReport.ts'
import { sampleBoard } from './sampleBoard.ts'
import { buildPdf } from './pdf/pdfReport.ts'
import { pdfToBuffer } from './pdf/pdfLayout.ts'
const n = Number(process.argv[2] ?? 14)
const r = buildBoardReport(sampleBoard(n).input)
let t = Date.now()
const buf = await pdfToBuffer(buildPdf(r))
console.log('pdf ms', Date.now() - t, buf.length)
mkdirSync('/tmp/pinnwand-sample', { recursive: true })
writeFileSync(`/tmp/pinnwand-sample/sample-${n}.pdf`, buf)
