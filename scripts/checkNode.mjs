// Shared by the start, test and quickstart scripts: a clear message instead of an obscure crash
// on old Node. Kept to syntax Node 18 understands (the quickstart imports it there).
// 22.18: the first 22.x that runs the server's .ts files without a flag (type stripping);
// pdfjs-dist (PDF import and the export tests) needs 22.13.
export const MIN_NODE = '22.18.0'

export function nodeIsSupported(version) {
  const [major, minor] = version.split('.').map(Number)
  const [minMajor, minMinor] = MIN_NODE.split('.').map(Number)
  return major > minMajor || (major === minMajor && minor >= minMinor)
}

export function checkNode() {
  if (!nodeIsSupported(process.versions.node)) {
    console.error(
      `Pinnwand needs Node.js ${MIN_NODE} or newer (24 LTS recommended); this is ${process.version}.\n` +
        'Without changing this machine: node scripts/quickstart.mjs (brings Node 24 and pnpm 10 via npx).',
    )
    process.exit(1)
  }
}
