// The licences of everything the web app ships, as one text file written by the build
// (client/licensePlugin.ts → client/dist/third-party-licenses.txt, served at
// /third-party-licenses.txt). Built from the modules that really ended up in the bundle, not
// from package.json, so a dependency only the tests or the server use is not listed and one
// pulled in deep down is. Run by hand: node scripts/thirdPartyLicenses.mjs <module ids…>
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Packages whose licence file only points elsewhere: what an operator must know, in our words.
 * tldraw's terms are not a free licence; the notice says what they mean for hosting Pinnwand.
 */
const NOTES = {
  tldraw:
    'The tldraw SDK is licensed under the tldraw license, not an open-source licence: see ' +
    'https://github.com/tldraw/tldraw/blob/main/LICENSE.md and https://tldraw.dev/legal. In development ' +
    '(http:// or localhost) it shows a "made with tldraw" watermark; served over HTTPS it requires a ' +
    'licence key (TLDRAW_LICENSE_KEY; free and commercial keys exist). See README.md, "tldraw licence".',
}

/** The directory of the package a module file belongs to (the last node_modules segment wins). */
export function packageDirOf(moduleId) {
  const file = moduleId.replace(/^\0/, '').split('?')[0]
  const match = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file)
  return match ? match[1] : null
}

function licenseFile(dir) {
  const name = readdirSync(dir).find((f) => /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i.test(f))
  return name ? readFileSync(path.join(dir, name), 'utf8').trim() : null
}

/** Name, version, licence and licence text of every package the given modules come from. */
export function packagesOf(moduleIds) {
  const dirs = new Set()
  for (const id of moduleIds) {
    const dir = packageDirOf(id)
    if (dir && existsSync(path.join(dir, 'package.json'))) dirs.add(dir)
  }
  const byName = new Map()
  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
    if (!pkg.name || pkg.name.startsWith('@pinnwand/')) continue
    const key = `${pkg.name}@${pkg.version}`
    if (byName.has(key)) continue
    byName.set(key, {
      name: pkg.name,
      version: pkg.version,
      license: typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN'),
      homepage: pkg.homepage ?? (typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url) ?? null,
      note: NOTES[pkg.name] ?? null,
      text: licenseFile(dir),
    })
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
}

/** The text file: a summary line per package, then each licence in full. */
export function licenseReport(packages) {
  const rule = '-'.repeat(72)
  const head = [
    'Pinnwand web app: third-party software',
    '',
    'Pinnwand itself is MIT-licensed (LICENSE). The web app includes the following packages.',
    '',
    ...packages.map((p) => `${p.name} ${p.version} — ${p.license}`),
    '',
  ]
  const bodies = packages.map((p) =>
    [
      rule,
      `${p.name} ${p.version} — ${p.license}`,
      ...(p.homepage ? [p.homepage] : []),
      ...(p.note ? ['', p.note] : []),
      '',
      p.text ?? '(The package ships no licence file; its package.json names the licence above.)',
      '',
    ].join('\n'),
  )
  return [...head, ...bodies].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(licenseReport(packagesOf(process.argv.slice(2))))
}
