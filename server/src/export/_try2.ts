import { buildBoardReport } from './BoardReport.ts'
import { sampleBoard } from './sampleBoard.ts'
import { buildPdf } from './pdf/pdfReport.ts'
import { pdfToBuffer } from './pdf/pdfLayout.ts'
import { buildPng } from './png.ts'
for (const n of [14, 14, 500, 2000]) {
  const r = buildBoardReport(sampleBoard(n).input)
  let t = Date.now(); await pdfToBuffer(buildPdf(r, { picture: false })); const a = Date.now() - t
  t = Date.now(); buildPng(r, 2400); const b = Date.now() - t
  t = Date.now(); const buf = await pdfToBuffer(buildPdf(r)); console.log(n, 'nopic', a, 'png', b, 'full', Date.now() - t, buf.length)
}
