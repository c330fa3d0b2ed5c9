import { useMemo } from 'react'
import { qrPath } from './qrPath.ts'

/** Quiet zone of four modules, as the QR standard asks, so phone cameras find the code. */
const QUIET = 4

/** A QR code as inline SVG: sharp at any print size, no image request. */
export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const { size, path } = useMemo(() => qrPath(text), [text])
  const box = size + QUIET * 2
  return (
    <svg
      className={className}
      viewBox={`${-QUIET} ${-QUIET} ${box} ${box}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-qr-text={text}
    >
      <rect x={-QUIET} y={-QUIET} width={box} height={box} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
