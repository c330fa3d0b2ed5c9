import QRCode from 'qrcode'

/**
 * An SVG path (one unit per module) and the module count for a QR code of `text`, computed
 * locally: no QR service, the venue LAN may have no internet. Error correction M survives a
 * crease or a coffee ring on a printed table card.
 */
export function qrPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const { size } = modules
  let path = ''
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (modules.get(row, col)) path += `M${col} ${row}h1v1h-1z`
    }
  }
  return { size, path }
}
