// Shared by the start and test scripts: a clear message instead of an obscure crash on old Node.
export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number)
  if (major < 22 || (major === 22 && minor < 12)) {
    console.error(
      `Pinnwand needs Node.js 22.12 or newer (24 LTS recommended); this is ${process.version}.\n` +
        'Install it, e.g.: npm i -g --prefix "$HOME/.node24" node@24 && export PATH="$HOME/.node24/bin:$PATH"',
    )
    process.exit(1)
  }
}
